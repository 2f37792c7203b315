import { Module } from '@nestjs/common';
import { PublicModule } from '@app/public';
import { ReportsModule } from '@app/reports';
import { PublicationController, PublicController, SubscriptionsController } from './public.controller';

/** The citizens' portal's API and the centre's moderation of it (docs/api.md#public). */
@Module({
  imports: [PublicModule, ReportsModule],
  controllers: [PublicController, SubscriptionsController, PublicationController],
})
export class PublicApiModule {}

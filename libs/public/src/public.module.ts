import { Module } from '@nestjs/common';
import { StatsModule } from '@app/stats';
import { AreaFeedService } from './area-feed.service';
import { PublicIndicatorsService } from './public-indicators.service';
import { PublicReportsService } from './public-reports.service';
import { PublicationService } from './publication.service';
import { SubscriptionsService } from './subscriptions.service';

/** The citizens' portal's reads and the centre's moderation of them (docs/api.md#public). */
@Module({
  imports: [StatsModule],
  providers: [AreaFeedService, PublicIndicatorsService, PublicReportsService, PublicationService, SubscriptionsService],
  exports: [AreaFeedService, PublicIndicatorsService, PublicReportsService, PublicationService, SubscriptionsService],
})
export class PublicModule {}

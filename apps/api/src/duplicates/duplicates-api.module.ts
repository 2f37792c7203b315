import { Module } from '@nestjs/common';
import { DuplicatesModule } from '@app/duplicates';
import { DuplicatesController } from './duplicates.controller';

/** The duplicate hint, the screener's candidates and following; the scan itself runs in the worker. */
@Module({
  imports: [DuplicatesModule],
  controllers: [DuplicatesController],
})
export class DuplicatesApiModule {}

import { Module } from '@nestjs/common';
import { StatsExportService } from './stats-export.service';
import { StatsService } from './stats.service';
import { WorkingDaysService } from './working-days.service';

/** Leadership statistics and their CSV exports. Reads only: the reports service stays the only writer. */
@Module({
  providers: [StatsService, StatsExportService, WorkingDaysService],
  exports: [StatsService, StatsExportService, WorkingDaysService],
})
export class StatsModule {}

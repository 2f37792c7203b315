import { Module } from '@nestjs/common';
import { StatsExportService } from './stats-export.service';
import { StatsService } from './stats.service';
import { WorkingDaysService } from './working-days.service';

/**
 * Leadership statistics and their CSV exports. Reports are only read: the reports service stays their only writer,
 * and the rollups follow them through triggers (the worker folds them: StatsRollupsModule).
 */
@Module({
  providers: [StatsService, StatsExportService, WorkingDaysService],
  exports: [StatsService, StatsExportService, WorkingDaysService],
})
export class StatsModule {}

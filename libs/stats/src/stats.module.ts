import { Module } from '@nestjs/common';
import { StatsExportService } from './stats-export.service';
import { StatsRollupsService } from './stats-rollups.service';
import { StatsService } from './stats.service';
import { WorkingDaysService } from './working-days.service';

/**
 * Leadership statistics and their CSV exports. Reports are only read: the reports service stays their only writer,
 * and the rollups follow them through triggers (StatsRollupsService only folds those).
 */
@Module({
  providers: [StatsService, StatsExportService, StatsRollupsService, WorkingDaysService],
  exports: [StatsService, StatsExportService, StatsRollupsService, WorkingDaysService],
})
export class StatsModule {}

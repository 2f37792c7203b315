import { Module } from '@nestjs/common';
import { StatsRollupsService } from './stats-rollups.service';

/** What the worker needs of the statistics: folding the rollups (the queries and exports live in StatsModule). */
@Module({
  providers: [StatsRollupsService],
  exports: [StatsRollupsService],
})
export class StatsRollupsModule {}

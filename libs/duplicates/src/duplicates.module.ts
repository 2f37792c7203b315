import { Global, Module } from '@nestjs/common';
import { AutoAssignService } from './auto-assign.service';
import { DuplicatesScheduler } from './duplicates.scheduler';
import { DuplicatesService } from './duplicates.service';
import { FollowersService } from './followers.service';

/**
 * Global because ReportsService (in the global ReportsModule) injects the scheduler; imported by the API and
 * the worker. Expects the global DatabaseModule, QueueModule and ReportsModule.
 */
@Global()
@Module({
  providers: [DuplicatesScheduler, DuplicatesService, AutoAssignService, FollowersService],
  exports: [DuplicatesScheduler, DuplicatesService, AutoAssignService, FollowersService],
})
export class DuplicatesModule {}

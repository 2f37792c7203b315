import { Module } from '@nestjs/common';
import { ReferenceModule } from '@app/reference';
import { ReportsModule } from '@app/reports';
import { AutoAssignService } from './auto-assign.service';
import { DuplicatesService } from './duplicates.service';
import { FollowersService } from './followers.service';

/**
 * Imported by the API (the citizen's hint, the screener's candidates, following) and the worker (the scan of
 * each new report, run from its `report.created` event). Expects the global DatabaseModule and ReportsModule.
 */
@Module({
  imports: [ReferenceModule, ReportsModule],
  providers: [DuplicatesService, AutoAssignService, FollowersService],
  exports: [DuplicatesService, AutoAssignService, FollowersService],
})
export class DuplicatesModule {}

import { Module } from '@nestjs/common';
import { AttachmentsModule } from '@app/attachments';
import { ReferenceModule } from '@app/reference';
import { OutboxService } from './outbox.service';
import { ReportsQueryService } from './reports-query.service';
import { ReportsService } from './reports.service';
import { RoutingService } from './routing.service';
import { RoutingRulesService } from './routing-rules.service';
import { HotlineService } from './hotline.service';
import { SystemActionsService } from './system-actions.service';
import { DeadlinesService } from './deadlines.service';
import { WorkloadService } from './workload.service';
import { IdempotencyKeysService } from './idempotency-keys.service';

@Module({
  imports: [AttachmentsModule, ReferenceModule],
  providers: [
    OutboxService,
    ReportsQueryService,
    ReportsService,
    RoutingService,
    RoutingRulesService,
    HotlineService,
    SystemActionsService,
    DeadlinesService,
    WorkloadService,
    IdempotencyKeysService,
  ],
  exports: [
    OutboxService,
    ReportsQueryService,
    ReportsService,
    RoutingService,
    RoutingRulesService,
    HotlineService,
    SystemActionsService,
    DeadlinesService,
    WorkloadService,
    IdempotencyKeysService,
  ],
})
export class ReportsModule {}

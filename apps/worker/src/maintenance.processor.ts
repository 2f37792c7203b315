import { Process, Processor } from '@nestjs/bull';
import { AttachmentsService } from '@app/attachments';
import { JOBS, QUEUES } from '@app/queue';
import { DeadlinesService, IdempotencyKeysService, SystemActionsService } from '@app/reports';
import { StatsRollupsService } from '@app/stats';

const UNUSED_UPLOAD_TTL_MS = 24 * 3600 * 1000;

/** Recurring housekeeping; each job is safe to run twice or concurrently (every step re-checks state). */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor {
  constructor(
    private readonly systemActions: SystemActionsService,
    private readonly attachments: AttachmentsService,
    private readonly deadlines: DeadlinesService,
    private readonly statsRollups: StatsRollupsService,
    private readonly idempotencyKeys: IdempotencyKeysService,
  ) {}

  /** Safety net for deadline jobs lost while Redis was down: every checkpoint that has come is checked. */
  @Process(JOBS.sweepDeadlines)
  async sweepDeadlines(): Promise<{ checked: number }> {
    return { checked: await this.deadlines.sweep() };
  }

  @Process(JOBS.systemActions)
  async runSystemActions(): Promise<{ closed: number; cancelled: number }> {
    return { closed: await this.systemActions.closeResolved(), cancelled: await this.systemActions.cancelUnanswered() };
  }

  /** Uploads never attached to a report within a day are deleted with their files. */
  @Process(JOBS.cleanupAttachments)
  async cleanupAttachments(): Promise<{ deleted: number }> {
    return { deleted: await this.attachments.cleanupUnused(new Date(Date.now() - UNUSED_UPLOAD_TTL_MS)) };
  }

  @Process(JOBS.expireIdempotencyKeys)
  async expireIdempotencyKeys(): Promise<{ deleted: number }> {
    return { deleted: await this.idempotencyKeys.expire() };
  }

  @Process(JOBS.compactStats)
  async compactStats(): Promise<{ days: number }> {
    return { days: await this.statsRollups.compact() };
  }
}

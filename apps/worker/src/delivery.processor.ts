import { Process, Processor } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { Db } from '@app/database';
import { DeliveryService, PushService, type DeliverJob, type DeliveryOutcome } from '@app/notifications';
import { JOBS, QUEUES } from '@app/queue';
import { appendEvents, OutboxService } from '@app/reports';

const SYSTEM = { id: null, roles: ['system'] };

/**
 * Messages outside the app, one job per (event, person, channel). A transient failure throws, so Bull retries with
 * backoff (narrowed to what is left, e.g. the push tokens that failed); the final outcome goes on the report's
 * timeline (internal, staff only) in the same transaction as the delivery's row, and an important message that
 * failed for good moves on to its next channel (a dead push token → SMS).
 */
@Processor(QUEUES.deliveries)
export class DeliveryProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    private readonly delivery: DeliveryService,
    private readonly push: PushService,
    private readonly db: Db,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.push.enabled) this.logger.log(`push notifications ON (FCM project ${this.push.projectId})`);
    else
      this.logger.warn(
        'push notifications OFF: FIREBASE_PROJECT_ID, FIREBASE_CLIENT_EMAIL and FIREBASE_PRIVATE_KEY are not set',
      );
  }

  @Process({ name: JOBS.deliver, concurrency: 8 })
  async deliver(job: Job<DeliverJob>): Promise<DeliveryOutcome> {
    const outcome = await this.delivery.attempt(job.data);
    const attempts = job.attemptsMade + 1;
    if (outcome.status === 'failed-transient' && attempts < (job.opts.attempts ?? 1)) {
      // The next attempt reads the job's data again: narrow it to what still needs this message.
      if (outcome.retry) await job.update({ ...job.data, narrowed: outcome.retry });
      throw new Error(`${job.data.channel} delivery failed for now (${outcome.reason}), will retry`);
    }
    await this.record(job.data, outcome, attempts);
    return outcome;
  }

  private async record(job: DeliverJob, outcome: DeliveryOutcome, attempts: number): Promise<void> {
    if (outcome.status !== 'delivered')
      this.logger.warn(`${job.channel} delivery to ${job.userId} failed: ${outcome.reason}`);
    const next = outcome.status === 'delivered' ? null : await this.delivery.fallbackOf(job);
    const eventId = await this.db.transaction(async (trx) => {
      if (!(await this.delivery.settle(trx, job, outcome, attempts))) return null;
      const event = this.delivery.outcomeEvent(job, outcome, attempts, next?.channel ?? null);
      const [id] = await appendEvents(trx, job.message.reportId, SYSTEM, [event]);
      return id;
    });
    // Also after a repeat that recorded nothing: a fallback that could not be queued the first time (the job threw and
    // was retried) is queued now; its row and job ids make a second queuing a no-op.
    if (next) await this.delivery.enqueueFallback(job, next);
    // Staff consoles hear of it now; the outbox relay would otherwise pick the event up within a sweep.
    if (eventId) await this.outbox.enqueue([eventId]);
  }
}

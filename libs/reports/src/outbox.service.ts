import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { DispatchEventJob, enqueueSafely, JOBS, QUEUES } from '@app/queue';

/**
 * Hands committed timeline events to the worker. The job id is the event id, so enqueuing twice (here and
 * from the relay) is one job. Failure here is never the request's failure: the event is already recorded,
 * and the recurring relay re-enqueues whatever stays undispatched.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(@InjectQueue(QUEUES.events) private readonly events: Queue<DispatchEventJob>) {}

  async enqueue(eventIds: string[]): Promise<void> {
    if (!eventIds.length) return;
    await enqueueSafely(
      this.events.addBulk(
        eventIds.map((eventId) => ({ name: JOBS.dispatchEvent, data: { eventId }, opts: { jobId: eventId } })),
      ),
      this.logger,
      `events left for the outbox relay (${eventIds.length})`,
    );
  }
}

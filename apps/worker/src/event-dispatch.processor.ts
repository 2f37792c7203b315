import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { EventDispatchService, type DispatchOutcome } from '@app/notifications';
import { DispatchEventJob, JOBS, QUEUES } from '@app/queue';

/**
 * Fans each committed timeline event out (inbox, sockets, push). Several at once for throughput: events of one
 * report may then be delivered out of order, which clients handle by `at` and by refetching the report.
 */
@Processor(QUEUES.events)
export class EventDispatchProcessor {
  constructor(private readonly dispatcher: EventDispatchService) {}

  @Process({ name: JOBS.dispatchEvent, concurrency: 8 })
  dispatch(job: Job<DispatchEventJob>): Promise<DispatchOutcome> {
    return this.dispatcher.dispatch(job.data.eventId);
  }
}

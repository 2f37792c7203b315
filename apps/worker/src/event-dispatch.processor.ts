import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { DuplicatesService } from '@app/duplicates';
import { EventDispatchService, type DispatchOutcome, type EventReactions } from '@app/notifications';
import { DispatchEventJob, JOBS, QUEUES } from '@app/queue';

/**
 * Fans each committed timeline event out (inbox, sockets, push) and runs what it sets off. Several at once for
 * throughput: events of one report may then be delivered out of order, which clients handle by `at` and by
 * refetching the report.
 */
@Processor(QUEUES.events)
export class EventDispatchProcessor {
  private readonly reactions: EventReactions;

  constructor(
    private readonly dispatcher: EventDispatchService,
    duplicates: DuplicatesService,
  ) {
    this.reactions = {
      // A new report (app, web, hotline, Open311): its duplicate candidates, then its category's auto-assignment.
      'report.created': (_event, report) => duplicates.analyse(report.id),
    };
  }

  @Process({ name: JOBS.dispatchEvent, concurrency: 8 })
  dispatch(job: Job<DispatchEventJob>): Promise<DispatchOutcome> {
    return this.dispatcher.dispatch(job.data.eventId, this.reactions);
  }
}

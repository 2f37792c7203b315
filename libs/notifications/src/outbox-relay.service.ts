import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Db, sql } from '@app/database';
import { JOBS, QUEUES, type DispatchEventJob } from '@app/queue';

/** Younger events are probably still on their way through the API's own enqueue. */
const GRACE = sql`interval '5 seconds'`;
const BATCH = 500;

export interface RelayOutcome {
  /** Events handed to the queue again. */
  relayed: number;
  /** Undispatched events whose job is still waiting, delayed (retrying) or running: left alone. */
  inFlight: number;
}

/**
 * The outbox relay: re-enqueues timeline events that nobody dispatched (the API's enqueue timed out while Redis
 * was away, or a job was lost or gave up). Bull ignores an add whose job id already exists, and it keeps
 * finished jobs for a while, so a finished or failed job with the event's id is removed first: otherwise the
 * re-add would be a silent no-op and the event would stay undelivered.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly db: Db,
    @InjectQueue(QUEUES.events) private readonly events: Queue<DispatchEventJob>,
  ) {}

  async relay(): Promise<RelayOutcome> {
    // Served by the partial index report_events_undispatched_idx (seq WHERE dispatched_at IS NULL).
    const rows = await this.db.kysely
      .selectFrom('reportEvents')
      .select('id')
      .where('dispatchedAt', 'is', null)
      .where('createdAt', '<', sql<Date>`now() - ${GRACE}`)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    const outcome: RelayOutcome = { relayed: 0, inFlight: 0 };
    for (const { id } of rows) {
      const existing = await this.events.getJob(id);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed') {
          outcome.inFlight++;
          continue;
        }
        await existing.remove();
      }
      await this.events.add(JOBS.dispatchEvent, { eventId: id }, { jobId: id });
      outcome.relayed++;
    }
    if (outcome.relayed) this.logger.warn(`outbox relay re-enqueued ${outcome.relayed} undispatched event(s)`);
    return outcome;
  }
}

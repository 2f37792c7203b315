import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES, type DispatchEventJob } from '@app/queue';

/** Younger events are probably still on their way through the API's own enqueue. */
const GRACE = `5 seconds`;
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
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.events) private readonly events: Queue<DispatchEventJob>,
  ) {}

  async relay(): Promise<RelayOutcome> {
    // Served by the partial index report_events_undispatched_idx (seq WHERE dispatched_at IS NULL).
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM report_events
        WHERE dispatched_at IS NULL AND created_at < now() - interval '${GRACE}'
        ORDER BY seq LIMIT ${BATCH}`,
    );
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

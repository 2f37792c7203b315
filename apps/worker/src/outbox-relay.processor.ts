import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { OutboxRelayService, type RelayOutcome } from '@app/notifications';
import { JOBS, QUEUES } from '@app/queue';
import { RecurringJobs } from './recurring-jobs';

/** The recurring outbox relay (registered in recurring-jobs.ts, every SWEEP_INTERVAL_SECONDS). */
@Processor(QUEUES.maintenance)
export class OutboxRelayProcessor {
  constructor(private readonly relay: OutboxRelayService) {}

  @Process(JOBS.relayOutbox)
  run(): Promise<RelayOutcome> {
    return this.relay.relay();
  }
}

/**
 * Repeatable jobs live in Redis. A Redis restarted without persistence comes back empty, and then no relay (nor
 * any other sweep) would ever run again until a worker restarted: the very outage the relay exists for would
 * switch it off. So the schedules are registered again whenever the worker's Redis connection comes back
 * (idempotent: Bull keys a repeatable job by name and schedule).
 */
@Injectable()
export class RecurringJobsOnReconnect implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecurringJobsOnReconnect.name);

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    private readonly recurring: RecurringJobs,
  ) {}

  onApplicationBootstrap(): void {
    let lost = false;
    this.maintenance.client.on('close', () => (lost = true));
    this.maintenance.client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.recurring.onApplicationBootstrap().then(
        () => this.logger.log('Redis is back: recurring jobs registered again'),
        (e: Error) => this.logger.warn(`could not register recurring jobs again: ${e.message}`),
      );
    });
  }
}

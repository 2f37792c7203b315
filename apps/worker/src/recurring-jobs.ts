import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { VIETNAM_TIME_ZONE } from '@app/common/vietnam-time';
import { Env } from '@app/config';
import { JOBS, QUEUES } from '@app/queue';
import { STATS_COMPACT_INTERVAL_MS } from '@app/stats';

/**
 * Registers the recurring jobs as Bull repeatable jobs. Bull keys a repeatable job by name and schedule, so
 * every worker replica registering them at start-up still yields one schedule per cluster (no @Cron per
 * process). A changed interval replaces the old schedule.
 */
@Injectable()
export class RecurringJobs implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.env.SWEEP_INTERVAL_SECONDS * 1000;
    const wanted: Array<{ name: string; every?: number; cron?: string; tz?: string }> = [
      { name: JOBS.systemActions, every },
      { name: JOBS.sweepDeadlines, every },
      { name: JOBS.relayOutbox, every },
      { name: JOBS.cleanupAttachments, every: 3600 * 1000 },
      { name: JOBS.expireIdempotencyKeys, every: 3600 * 1000 },
      { name: JOBS.compactStats, every: STATS_COMPACT_INTERVAL_MS },
      { name: JOBS.sendAssignmentDigests, every: this.env.DIGEST_INTERVAL_SECONDS * 1000 },
      // Monday 07:00 local, before the working week; `every` would align a week to the epoch, a Thursday.
      { name: JOBS.prepareReminderLetters, cron: '0 7 * * 1', tz: VIETNAM_TIME_ZONE },
    ];
    const existing = await this.maintenance.getRepeatableJobs();
    for (const job of existing) {
      const same = (w: (typeof wanted)[number]) =>
        w.name === job.name && (w.cron ? job.cron === w.cron && job.tz === w.tz : Number(job.every) === w.every);
      if (!wanted.some(same)) {
        await this.maintenance.removeRepeatableByKey(job.key);
      }
    }
    for (const w of wanted) {
      const repeat = w.cron ? { cron: w.cron, tz: w.tz } : { every: w.every as number };
      await this.maintenance.add(w.name, {}, { repeat, removeOnComplete: 100, removeOnFail: 100 });
    }
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Category, Report } from '@app/database';
import { CheckDeadlineJob, JOBS, QUEUES } from '@app/queue';
import { CalendarService } from '@app/reference';
import { OutboxService } from './outbox.service';
import { appendEvents } from './timeline';

const SWEEP_BATCH = 1000;
const SWEEP_CONCURRENCY = 8;
const SYSTEM = { id: null, roles: ['system'] };

/**
 * Reminders and escalation (DOMAIN.md): at the reminder moment the handler is reminded; at the deadline the
 * case is overdue at level 1, then level 2 and 3 after the category's working delays. Each step is recorded
 * once as a timeline event (`report.reminder`, `report.overdue {level}`) and reaches people through the outbox.
 *
 * Two triggers call the same `check`: a delayed Bull job per checkpoint (its id carries the stage version, so
 * a job for a stage that has since changed is a no-op) and a recurring sweep over `next_check_at`, the safety
 * net for jobs lost while Redis was down.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.deadlines) private readonly queue: Queue<CheckDeadlineJob>,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
  ) {}

  /** Schedules the delayed check of a report's next checkpoint. Never fails the caller: the sweep is the backup. */
  async schedule(report: Pick<Report, 'id' | 'stageVersion' | 'nextCheckAt'>): Promise<void> {
    if (!report.nextCheckAt) return;
    const at = report.nextCheckAt.getTime();
    try {
      await Promise.race([
        this.queue.add(
          JOBS.checkDeadline,
          { reportId: report.id, stageVersion: report.stageVersion },
          { jobId: `${report.id}:${report.stageVersion}:${at}`, delay: Math.max(0, at - Date.now()) },
        ),
        new Promise((_, reject) => setTimeout(() => reject(new Error('queue timeout')), 1000)),
      ]);
    } catch (e) {
      this.logger.warn(`deadline check of ${report.id} left to the sweep: ${(e as Error).message}`);
    }
  }

  /** Records whatever checkpoints of the report are due now. Idempotent: a repeated call finds nothing due. */
  async check(reportId: string, stageVersion?: number, now = new Date()): Promise<void> {
    let eventIds: string[] = [];
    const updated = await this.db.transaction(async (m) => {
      const report = await m.getRepository(Report).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :reportId', { reportId }).getOne();
      if (!report || (stageVersion !== undefined && report.stageVersion !== stageVersion)) return null;
      if (!report.stage || !report.dueAt || !report.nextCheckAt || report.nextCheckAt > now) return null;
      const category = await m.findOneByOrFail(Category, { id: report.categoryId });
      const calendar = await this.calendars.calendar(category.calendar);
      const events: Array<{ type: string; data: Record<string, unknown> }> = [];
      const changes: Partial<Report> = {};
      if (now < report.dueAt) {
        if (!report.remindedAt) {
          events.push({ type: 'report.reminder', data: { stage: report.stage, dueAt: report.dueAt } });
          changes.remindedAt = now;
        }
        changes.nextCheckAt = report.dueAt;
      } else {
        const thresholds = [
          report.dueAt,
          calendar.addWorkingMinutes(report.dueAt, category.escalation.level2AfterMinutes),
          calendar.addWorkingMinutes(report.dueAt, category.escalation.level3AfterMinutes),
        ];
        const reached = thresholds.filter((t) => t <= now).length;
        for (let level = report.escalationLevel + 1; level <= reached; level++) {
          events.push({ type: 'report.overdue', data: { level, stage: report.stage, dueAt: report.dueAt, agencyId: report.agencyId } });
        }
        Object.assign(changes, {
          escalationLevel: Math.max(report.escalationLevel, reached),
          wasOverdue: true,
          nextCheckAt: thresholds[reached] ?? null,
        });
      }
      await m.update(Report, report.id, changes);
      // Staff-facing: the reporter is not told that an agency is late, the agency and the centre are.
      eventIds = await appendEvents(
        m,
        report.id,
        SYSTEM,
        events.map((e) => ({ ...e, fromStatus: report.status, toStatus: report.status, internal: true })),
      );
      return { ...report, ...changes };
    });
    if (!updated) return;
    await this.outbox.enqueue(eventIds);
    await this.schedule(updated);
  }

  /** The safety net: checks every report whose checkpoint has come. Returns how many were looked at. */
  async sweep(now = new Date()): Promise<number> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM reports WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT ${SWEEP_BATCH}`,
      [now],
    );
    // A few at a time, well below the pool size: each check is its own short transaction.
    for (let i = 0; i < rows.length; i += SWEEP_CONCURRENCY) {
      await Promise.all(rows.slice(i, i + SWEEP_CONCURRENCY).map(({ id }) => this.check(id, undefined, now)));
    }
    return rows.length;
  }
}

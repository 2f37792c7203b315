import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobOptions, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Db, hydrate, Report, returningColumns, sql } from '@app/database';
import { CheckDeadlineJob, enqueueSafely, JOBS, QUEUES } from '@app/queue';
import { CalendarService, CategoriesService } from '@app/reference';
import { DeadlineDecision, deadlineCheckDue, decideDeadlineCheck } from './deadline-check';
import { OutboxService } from './outbox.service';
import { appendEvents, TimelineEntry, timelineInsert } from './timeline';

// One INSERT takes a whole batch's events: at most three a report, 8 parameters a row, so 24,000 parameters,
// within PostgreSQL's 65,535 a statement.
const SWEEP_BATCH = 1000;
const SYSTEM = { id: null, roles: ['system'] };

type Scheduled = Pick<Report, 'id' | 'stageVersion' | 'nextCheckAt'>;

/**
 * Reminders and escalation (docs/domain.md#reminders-and-escalation): at the reminder moment the handler is reminded; at the deadline the
 * case is overdue at level 1, then level 2 and 3 after the category's working delays. Each step is recorded
 * once as a timeline event (`report.reminder`, `report.overdue {level}`) and reaches people through the outbox.
 * The rules themselves are `decideDeadlineCheck` (deadline-check.ts); this service reads, locks and writes.
 *
 * Two triggers apply them: a delayed Bull job per checkpoint calls `check` for its report (its id carries the
 * stage version, so a job for a stage that has since changed is a no-op), and a recurring `sweep` over
 * `next_check_at`, the safety net for jobs lost while Redis was down, does a whole batch set-based.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    @InjectQueue(QUEUES.deadlines) private readonly queue: Queue<CheckDeadlineJob>,
    private readonly calendars: CalendarService,
    private readonly categories: CategoriesService,
    private readonly outbox: OutboxService,
  ) {}

  /** Schedules the delayed check of a report's next checkpoint. Never fails the caller: the sweep is the backup. */
  async schedule(report: Scheduled): Promise<void> {
    const job = deadlineJob(report);
    if (!job) return;
    await enqueueSafely(
      this.queue.add(job.name, job.data, job.opts),
      this.logger,
      `deadline check of ${report.id} left to the sweep`,
    );
  }

  /** Records whatever checkpoints of the report are due now. Idempotent: a repeated call finds nothing due. */
  async check(reportId: string, stageVersion?: number, now = new Date()): Promise<void> {
    let eventIds: string[] = [];
    const updated = await this.db.transaction(async (trx, m) => {
      const report = await m
        .getRepository(Report)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :reportId', { reportId })
        .getOne();
      if (!report || !deadlineCheckDue(report, now, stageVersion)) return null;
      const category = await this.categories.cached(report.categoryId);
      if (!category) throw new Error(`category ${report.categoryId} of report ${report.id} is missing`);
      const decision = decideDeadlineCheck(
        report,
        category.escalation,
        await this.calendars.calendar(category.calendar),
        now,
        stageVersion,
      );
      if (!decision) return null;
      await m.update(Report, report.id, decision.changes);
      eventIds = await appendEvents(trx, report.id, SYSTEM, decision.events);
      return { ...report, ...decision.changes };
    });
    if (!updated) return;
    await this.outbox.enqueue(eventIds);
    await this.schedule(updated);
  }

  /**
   * The safety net: checks up to a batch of reports whose checkpoint has come, with the same rules as `check`,
   * in one transaction of three statements (lock the due rows, one UPDATE, one INSERT of the events; categories
   * and calendars come from memory), then one bulk enqueue of the events and one of the next checks. Rows locked
   * by a running `check` or workflow action are skipped, not waited for: the next sweep takes them if they are
   * still due. Returns how many reports were looked at.
   */
  async sweep(now = new Date()): Promise<number> {
    const { looked, eventIds, next } = await this.db.transaction(async (trx) => {
      const rows = (
        await sql<Record<string, unknown>>`
          SELECT ${returningColumns(this.orm, Report)}
            FROM reports WHERE next_check_at <= ${now} ORDER BY next_check_at LIMIT ${sql.lit(SWEEP_BATCH)}
             FOR UPDATE SKIP LOCKED`.execute(trx)
      ).rows.map((raw) => hydrate(this.orm, Report, raw));
      if (!rows.length) return { looked: 0, eventIds: [] as string[], next: [] as Scheduled[] };

      const decided: Array<{ row: Report; decision: DeadlineDecision }> = [];
      for (const row of rows) {
        const category = await this.categories.cached(row.categoryId);
        // check() fails on a missing category (a foreign key makes it impossible); here it must not stop the batch.
        if (!category) continue;
        const decision = decideDeadlineCheck(
          row,
          category.escalation,
          await this.calendars.calendar(category.calendar),
          now,
        );
        if (decision) decided.push({ row, decision });
      }
      if (!decided.length) return { looked: rows.length, eventIds: [] as string[], next: [] as Scheduled[] };

      // The locked rows' current values with the decision applied, one record each; updated_at as TypeORM's
      // update() in check() sets it. A plain UPDATE: the statistics triggers see each row as check() makes them.
      const records = JSON.stringify(
        decided.map(({ row, decision: { changes: c } }) => ({
          id: row.id,
          reminded_at: c.remindedAt,
          escalation_level: c.escalationLevel,
          was_overdue: c.wasOverdue,
          next_check_at: c.nextCheckAt,
        })),
      );
      await sql`
        UPDATE reports r
           SET reminded_at = x.reminded_at, escalation_level = x.escalation_level, was_overdue = x.was_overdue,
               next_check_at = x.next_check_at, updated_at = CURRENT_TIMESTAMP
          FROM jsonb_to_recordset(${records}::jsonb)
            AS x(id uuid, reminded_at timestamptz, escalation_level smallint, was_overdue boolean, next_check_at timestamptz)
         WHERE r.id = x.id`.execute(trx);

      const entries: TimelineEntry[] = decided.flatMap(({ row, decision }) =>
        decision.events.map((event) => ({ reportId: row.id, actor: SYSTEM, event })),
      );
      // A batch may change rows without recording anything (a reminder already sent: only the next check moves).
      const eventIds = entries.length ? (await timelineInsert(trx, entries).execute()).map((e) => e.id) : [];
      return {
        looked: rows.length,
        eventIds,
        next: decided.map(({ row, decision }) => ({
          id: row.id,
          stageVersion: row.stageVersion,
          nextCheckAt: decision.changes.nextCheckAt,
        })),
      };
    });
    await this.outbox.enqueue(eventIds);
    await this.scheduleAll(next);
    return looked;
  }

  /** `schedule` for a batch, in one round trip. */
  private async scheduleAll(reports: Scheduled[]): Promise<void> {
    const jobs = reports.map(deadlineJob).filter((j) => j !== null);
    if (!jobs.length) return;
    await enqueueSafely(this.queue.addBulk(jobs), this.logger, `${jobs.length} deadline checks left to the sweep`);
  }
}

/** The delayed job for a report's next checkpoint; its id makes a repeat (check, sweep, relay) one job. */
function deadlineJob(report: Scheduled): { name: string; data: CheckDeadlineJob; opts: JobOptions } | null {
  if (!report.nextCheckAt) return null;
  const at = report.nextCheckAt.getTime();
  return {
    name: JOBS.checkDeadline,
    data: { reportId: report.id, stageVersion: report.stageVersion },
    opts: { jobId: `${report.id}:${report.stageVersion}:${at}`, delay: Math.max(0, at - Date.now()) },
  };
}

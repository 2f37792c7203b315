import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createWorkingCalendar, type WorkingCalendar } from '@app/calendar';
import { Db, sql } from '@app/database';

/**
 * Writes the JS calendar's weekends and statutory (lunar) holidays into working_days.base_working for the table's
 * range and re-derives the working-day numbering (which also applies calendar_exceptions). The migration can only
 * fill Monday–Friday; the lunar calendar lives in libs/calendar and nowhere else, so the app keeps the table in step
 * with it. Idempotent and cheap when nothing changed (only differing rows are written). Returns the days changed.
 */
export async function syncWorkingDays(
  db: DataSource,
  calendar: WorkingCalendar = createWorkingCalendar('office'),
): Promise<number> {
  return new Db(db).transaction(async (trx) => {
    // Several API processes start at once: one at a time, so their row updates cannot deadlock.
    await sql`SELECT pg_advisory_xact_lock(hashtext('pa:working_days'))`.execute(trx);
    const days = await trx
      .selectFrom('workingDays')
      .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
      .orderBy('day')
      .execute();
    const dates = days.map((d) => d.day);
    const flags = dates.map((d) => calendar.isWorkingDay(d));
    // Only the differing rows are written, in one set-based statement.
    const changed = await sql`
      UPDATE working_days w SET base_working = u.working
        FROM unnest(${dates}::date[], ${flags}::boolean[]) AS u(day, working)
       WHERE w.day = u.day AND w.base_working IS DISTINCT FROM u.working`.execute(trx);
    // Also when nothing changed here: a crash between the two statements must heal on the next start.
    await sql`SELECT pa_refresh_working_days()`.execute(trx);
    return Number(changed.numAffectedRows ?? 0);
  });
}

/**
 * Runs syncWorkingDays once per process, at start: the handling-time trigger (migration 1763900000800) reads
 * working_days whenever an agency submits a result, so the lunar holidays must be there before the first one.
 */
@Injectable()
export class WorkingDaysService implements OnApplicationBootstrap {
  private readonly log = new Logger(WorkingDaysService.name);
  private synced: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    // A database that is down at start must not stop the API from starting (readiness says 503 meanwhile). The
    // table is persistent: what an earlier start synced still holds, and the next start tries again.
    await this.ensure().catch((e: Error) => this.log.error(`working_days not synced at start: ${e.message}`));
  }

  ensure(): Promise<void> {
    if (!this.synced) {
      this.synced = syncWorkingDays(this.db).then(
        (changed) => {
          if (changed) this.log.log(`working_days: ${changed} day(s) updated from the statutory calendar`);
        },
        (e) => {
          this.synced = null; // let the next call try again
          throw e;
        },
      );
    }
    return this.synced;
  }
}

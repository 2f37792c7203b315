import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createWorkingCalendar, type WorkingCalendar } from '@app/calendar';

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
  return db.transaction(async (m) => {
    // Several API processes start at once: one at a time, so their row updates cannot deadlock.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('pa:working_days'))`);
    const days: Array<{ day: string }> = await m.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM working_days ORDER BY day`,
    );
    const dates = days.map((d) => d.day);
    const flags = dates.map((d) => calendar.isWorkingDay(d));
    const [changed]: [{ n: number }] = await m.query(
      `WITH changed AS (
         UPDATE working_days w SET base_working = u.working
           FROM unnest($1::date[], $2::boolean[]) AS u(day, working)
          WHERE w.day = u.day AND w.base_working IS DISTINCT FROM u.working
         RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [dates, flags],
    );
    // Also when nothing changed here: a crash between the two statements must heal on the next start.
    await m.query(`SELECT pa_refresh_working_days()`);
    return changed.n;
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

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leadership statistics (issue 8): working time in SQL, and the indexes the aggregates need.
 *
 * Handling time is measured in WORKING hours of the category's calendar, over every handled report of a period,
 * so it has to be computed in the database, where the JS calendar (lunar holidays) cannot run. The JS calendar is
 * therefore cached as one row per local date in `working_days`:
 * - `base_working`: weekends and statutory holidays. The migration can only write Monday–Friday; the app
 *   (libs/stats WorkingDaysService) overwrites it from createWorkingCalendar('office').isWorkingDay before the first
 *   statistics query, so the lunar-calendar code stays in one place (migrations never import app code).
 * - `is_working`: base_working with the admin-edited calendar_exceptions applied; `working_before`: working days
 *   strictly before this date. Both are derived by pa_refresh_working_days(), which a statement trigger on
 *   calendar_exceptions calls, so an admin's edit is seen by the next query.
 * With them, working minutes between two instants are the difference of two "positions" on the working-time axis
 * (working days before the date × 450 + office minutes of that day before the local time): two primary-key
 * look-ups per report, no loop over days. Office hours mirror DEFAULT_OFFICE_HOURS (07:30–11:30, 13:30–17:00,
 * 450 min/day) at UTC+7; the stats e2e test compares pa_working_minutes with the JS calendar.
 */
export class Stats1763900000500 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_days (
        day date PRIMARY KEY,
        base_working boolean NOT NULL,
        is_working boolean NOT NULL,
        working_before integer NOT NULL
      )`);
    // 2020–2040 covers the history provinces migrate in and any deadline of the next years; outside it
    // working time is NULL (unknown), never a guess.
    await q.query(`
      INSERT INTO working_days (day, base_working, is_working, working_before)
      SELECT d::date, extract(isodow FROM d) < 6, extract(isodow FROM d) < 6, 0
        FROM generate_series(date '2020-01-01', date '2040-12-31', interval '1 day') d`);

    // Only rows whose derived values change are written, so a no-op refresh costs one read of ~7,700 rows. The
    // advisory lock (also taken by the app's sync) serialises an admin's edit with a starting API process.
    await q.query(`
      CREATE FUNCTION pa_refresh_working_days() RETURNS void LANGUAGE sql AS $$
        SELECT pg_advisory_xact_lock(hashtext('pa:working_days'));
        WITH effective AS (
          SELECT w.day, COALESCE(e.kind = 'working', w.base_working) AS is_working
            FROM working_days w LEFT JOIN calendar_exceptions e ON e.date = w.day
        ), numbered AS (
          SELECT day, is_working,
                 (count(*) FILTER (WHERE is_working) OVER (ORDER BY day) - CASE WHEN is_working THEN 1 ELSE 0 END)::int
                   AS working_before
            FROM effective
        )
        UPDATE working_days w SET is_working = n.is_working, working_before = n.working_before
          FROM numbered n
         WHERE n.day = w.day AND (w.is_working, w.working_before) IS DISTINCT FROM (n.is_working, n.working_before)
      $$`);
    await q.query(`SELECT pa_refresh_working_days()`);
    await q.query(`
      CREATE FUNCTION pa_calendar_exceptions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pa_refresh_working_days();
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER calendar_exceptions_working_days
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_exceptions
        FOR EACH STATEMENT EXECUTE FUNCTION pa_calendar_exceptions_changed()`);

    // Office minutes of a working day before local time t: 07:30–11:30 (240) and 13:30–17:00 (210). date_part
    // (float8), not extract (numeric): this runs for every handled report of a period.
    await q.query(`
      CREATE FUNCTION pa_office_minutes_before(t time) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT least(greatest((date_part('epoch', t) - 27000) / 60, 0), 240)
             + least(greatest((date_part('epoch', t) - 48600) / 60, 0), 210)
      $$`);
    // Working minutes from 2020-01-01 to a local (UTC+7) instant, given that date's working_days row.
    await q.query(`
      CREATE FUNCTION pa_office_position(is_working boolean, working_before integer, local_ts timestamp)
        RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT working_before * 450.0::float8
             + CASE WHEN is_working THEN pa_office_minutes_before(local_ts::time) ELSE 0 END
      $$`);
    // Working minutes in [from_ts, to_ts) in a category calendar, as WorkingCalendar.workingMinutesBetween. Local
    // time is the fixed offset UTC+7, as in the JS calendar (Vietnam has had no daylight saving since 1975). The
    // statistics queries compute the same thing with joins instead of this per-row look-up (stats-sql.ts).
    await q.query(`
      CREATE FUNCTION pa_working_minutes(from_ts timestamptz, to_ts timestamptz, calendar text)
        RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN from_ts IS NULL OR to_ts IS NULL THEN NULL
          WHEN to_ts <= from_ts THEN 0
          WHEN calendar = '24x7' THEN date_part('epoch', to_ts - from_ts) / 60
          ELSE (SELECT pa_office_position(b.is_working, b.working_before, to_ts AT TIME ZONE INTERVAL '+07:00')
                     - pa_office_position(a.is_working, a.working_before, from_ts AT TIME ZONE INTERVAL '+07:00')
                  FROM working_days a, working_days b
                 WHERE a.day = (from_ts AT TIME ZONE INTERVAL '+07:00')::date
                   AND b.day = (to_ts AT TIME ZONE INTERVAL '+07:00')::date)
        END
      $$`);

    // Handled reports of a period are found by resolved_at (set on approval, cleared by reopen).
    await q.query(`CREATE INDEX reports_stats_resolved_idx ON reports (resolved_at) WHERE resolved_at IS NOT NULL`);
    // "Complained about" = reopened: the reopened reports are read once per query from this small partial index.
    await q.query(
      `CREATE INDEX report_events_reopened_idx ON report_events (report_id) WHERE type = 'report.reopened'`,
    );
    // Counts are grouped by local day. Without statistics on that expression the planner assumes one group per
    // row and gives up parallel aggregation; with them it knows there are a few hundred days. The expressions
    // must stay identical to LOCAL_DAY in libs/stats/src/stats-sql.ts.
    await q.query(
      `CREATE STATISTICS reports_created_local_day_stat ON ((created_at AT TIME ZONE INTERVAL '+07:00')::date) FROM reports`,
    );
    await q.query(
      `CREATE STATISTICS reports_resolved_local_day_stat ON ((resolved_at AT TIME ZONE INTERVAL '+07:00')::date) FROM reports`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS IF EXISTS reports_resolved_local_day_stat`);
    await q.query(`DROP STATISTICS IF EXISTS reports_created_local_day_stat`);
    await q.query(`DROP INDEX IF EXISTS report_events_reopened_idx`);
    await q.query(`DROP INDEX IF EXISTS reports_stats_resolved_idx`);
    await q.query(`DROP FUNCTION IF EXISTS pa_working_minutes(timestamptz, timestamptz, text)`);
    await q.query(`DROP FUNCTION IF EXISTS pa_office_position(boolean, integer, timestamp)`);
    await q.query(`DROP FUNCTION IF EXISTS pa_office_minutes_before(time)`);
    await q.query(`DROP TRIGGER IF EXISTS calendar_exceptions_working_days ON calendar_exceptions`);
    await q.query(`DROP FUNCTION IF EXISTS pa_calendar_exceptions_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS pa_refresh_working_days()`);
    await q.query(`DROP TABLE IF EXISTS working_days`);
  }
}

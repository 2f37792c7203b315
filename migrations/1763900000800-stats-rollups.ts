import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics over a year of a national-scale province in milliseconds (issue 8, bench/FINDINGS.md F8): the
 * overview and breakdown queries read per-day rollups instead of every report of the period.
 *
 * 1. Facts computed once per report, when they change, instead of per report per query:
 *    - `handling_minutes`: working minutes from the first assignment to the submitted result, in the category's
 *      calendar (pa_working_minutes of migration 500). A BEFORE trigger keeps it in step with first_assigned_at,
 *      handled_at and category_id, whoever writes them. It is the calendar as it stood then: an exception an
 *      admin adds later does not rewrite handled cases.
 *    - `reopened`: the case was reopened at least once (set by ReportsService with the reopen; backfilled here
 *      from the timeline).
 * 2. Two rollups keyed by local day (UTC+7), agency and category:
 *    - `stats_received_daily`: reports by the day they were received and their status now;
 *    - `stats_handled_daily`: handled reports by the day their result was approved, with the parts of the two
 *      Decision 766 rates and the handling time (pa_stats_handled_of: the one SQL definition of those facts).
 *    An AFTER trigger on reports appends the change of a row's contribution (−old, +new) as uncompacted rows:
 *    appending never waits on another transaction, so concurrent workflow actions do not queue on a hot rollup
 *    row. Readers sum whatever rows a day has; pa_stats_compact() (the worker, every few seconds) folds a day's
 *    rows into one per key. Both rollups are exact at every commit, with or without compaction.
 * pa_stats_rebuild() recomputes both from reports (bulk loads run with the trigger disabled, then call it).
 */
export class StatsRollups1763900000800 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE reports ADD COLUMN handling_minutes double precision, ADD COLUMN reopened boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      UPDATE reports r SET reopened = true
       WHERE r.id IN (SELECT e.report_id FROM report_events e WHERE e.type = 'report.reopened')`);
    await q.query(`
      CREATE FUNCTION pa_reports_handling_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.handling_minutes := CASE WHEN NEW.first_assigned_at IS NULL OR NEW.handled_at IS NULL THEN NULL
          ELSE pa_working_minutes(NEW.first_assigned_at, NEW.handled_at,
                                  (SELECT c.calendar FROM categories c WHERE c.id = NEW.category_id)) END;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER reports_handling_minutes
        BEFORE INSERT OR UPDATE OF first_assigned_at, handled_at, category_id ON reports
        FOR EACH ROW EXECUTE FUNCTION pa_reports_handling_minutes()`);
    // Fires the trigger above for every handled report (the backfill).
    await q.query(`UPDATE reports SET handled_at = handled_at WHERE handled_at IS NOT NULL`);

    // agency_id NULL = not with an agency (waiting for screening, cancelled before assignment...).
    await q.query(`
      CREATE TABLE stats_received_daily (
        day date NOT NULL,
        agency_id uuid,
        category_id uuid NOT NULL,
        status text NOT NULL,
        n integer NOT NULL,
        compact boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE stats_handled_daily (
        day date NOT NULL,
        agency_id uuid,
        category_id uuid NOT NULL,
        handled integer NOT NULL,
        on_time integer NOT NULL,
        not_satisfied integer NOT NULL,
        complained_late integer NOT NULL,
        timed integer NOT NULL,
        minutes double precision NOT NULL,
        compact boolean NOT NULL DEFAULT false
      )`);
    for (const table of ['stats_received_daily', 'stats_handled_daily']) {
      await q.query(`CREATE INDEX ${table}_day_idx ON ${table} (day)`);
      await q.query(`CREATE INDEX ${table}_pending_idx ON ${table} (day) WHERE NOT compact`);
    }

    // The handled facts of one report (no row when it is not handled): isHandled, isOnTime, isNotSatisfied and
    // isComplainedLate of libs/stats/src/indicators.ts, which the stats e2e test checks against this.
    await q.query(`
      CREATE FUNCTION pa_stats_handled_of(r reports)
        RETURNS TABLE (day date, agency_id uuid, category_id uuid, handled int, on_time int, not_satisfied int,
                       complained_late int, timed int, minutes double precision)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (r.resolved_at AT TIME ZONE INTERVAL '+07:00')::date, r.agency_id, r.category_id, 1,
               (NOT r.was_overdue AND (r.resolution_due_at IS NULL OR r.handled_at <= r.resolution_due_at))::int,
               (r.rating_satisfied IS FALSE)::int,
               (r.reopened AND r.rating_satisfied IS NOT FALSE)::int,
               (r.handling_minutes IS NOT NULL)::int,
               coalesce(r.handling_minutes, 0)
         WHERE r.status IN ('resolved', 'closed') AND r.handled_at IS NOT NULL AND r.resolved_at IS NOT NULL
      $$`);
    await q.query(`
      CREATE FUNCTION pa_stats_add(r reports, sign int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO stats_received_daily (day, agency_id, category_id, status, n)
        VALUES ((r.created_at AT TIME ZONE INTERVAL '+07:00')::date, r.agency_id, r.category_id, r.status, sign);
        INSERT INTO stats_handled_daily (day, agency_id, category_id, handled, on_time, not_satisfied, complained_late, timed, minutes)
        SELECT h.day, h.agency_id, h.category_id, sign * h.handled, sign * h.on_time, sign * h.not_satisfied,
               sign * h.complained_late, sign * h.timed, sign * h.minutes
          FROM pa_stats_handled_of(r) h;
      $$`);
    // Only called when a column the rollups read changed (the trigger's WHEN), so most updates (deadline
    // checkpoints, versions) cost nothing here.
    await q.query(`
      CREATE FUNCTION pa_stats_reports_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM pa_stats_add(OLD, -1); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM pa_stats_add(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER reports_stats_insert_delete AFTER INSERT OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION pa_stats_reports_changed()`,
    );
    await q.query(`
      CREATE TRIGGER reports_stats_update AFTER UPDATE ON reports FOR EACH ROW
        WHEN ((OLD.created_at, OLD.agency_id, OLD.category_id, OLD.status, OLD.resolved_at, OLD.handled_at,
               OLD.resolution_due_at, OLD.was_overdue, OLD.rating_satisfied, OLD.reopened, OLD.handling_minutes)
              IS DISTINCT FROM
              (NEW.created_at, NEW.agency_id, NEW.category_id, NEW.status, NEW.resolved_at, NEW.handled_at,
               NEW.resolution_due_at, NEW.was_overdue, NEW.rating_satisfied, NEW.reopened, NEW.handling_minutes))
        EXECUTE FUNCTION pa_stats_reports_changed()`);
    await q.query(`
      CREATE FUNCTION pa_stats_reports_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE stats_received_daily, stats_handled_daily;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER reports_stats_truncate AFTER TRUNCATE ON reports FOR EACH STATEMENT EXECUTE FUNCTION pa_stats_reports_truncated()`,
    );

    // Folds each day that has uncompacted rows into one row per key. One statement per rollup: its snapshot
    // decides which rows move, and rows of transactions still open stay for the next run. Returns days folded.
    await q.query(`
      CREATE FUNCTION pa_stats_compact() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        received_days int;
        handled_days int;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('pa:stats_rollups')) THEN RETURN 0; END IF;
        WITH days AS (SELECT DISTINCT day FROM stats_received_daily WHERE NOT compact),
             gone AS (DELETE FROM stats_received_daily s USING days d WHERE s.day = d.day
                      RETURNING s.day, s.agency_id, s.category_id, s.status, s.n),
             kept AS (INSERT INTO stats_received_daily (day, agency_id, category_id, status, n, compact)
                      SELECT day, agency_id, category_id, status, sum(n), true FROM gone
                       GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)
        SELECT count(*) INTO received_days FROM days;
        WITH days AS (SELECT DISTINCT day FROM stats_handled_daily WHERE NOT compact),
             gone AS (DELETE FROM stats_handled_daily s USING days d WHERE s.day = d.day
                      RETURNING s.day, s.agency_id, s.category_id, s.handled, s.on_time, s.not_satisfied,
                                s.complained_late, s.timed, s.minutes),
             kept AS (INSERT INTO stats_handled_daily (day, agency_id, category_id, handled, on_time, not_satisfied,
                                                       complained_late, timed, minutes, compact)
                      SELECT day, agency_id, category_id, sum(handled), sum(on_time), sum(not_satisfied),
                             sum(complained_late), sum(timed), sum(minutes), true
                        FROM gone GROUP BY 1, 2, 3 HAVING sum(handled) <> 0)
        SELECT count(*) INTO handled_days FROM days;
        RETURN received_days + handled_days;
      END $$`);
    // Recomputes both rollups from reports. Writers of reports wait meanwhile (SHARE lock); readers do not.
    await q.query(`
      CREATE FUNCTION pa_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE reports IN SHARE MODE;
        PERFORM pg_advisory_xact_lock(hashtext('pa:stats_rollups'));
        DELETE FROM stats_received_daily;
        DELETE FROM stats_handled_daily;
        INSERT INTO stats_received_daily (day, agency_id, category_id, status, n, compact)
        SELECT (created_at AT TIME ZONE INTERVAL '+07:00')::date, agency_id, category_id, status, count(*), true
          FROM reports GROUP BY 1, 2, 3, 4;
        INSERT INTO stats_handled_daily (day, agency_id, category_id, handled, on_time, not_satisfied, complained_late,
                                         timed, minutes, compact)
        SELECT h.day, h.agency_id, h.category_id, sum(h.handled), sum(h.on_time), sum(h.not_satisfied),
               sum(h.complained_late), sum(h.timed), sum(h.minutes), true
          FROM reports r, pa_stats_handled_of(r) h GROUP BY 1, 2, 3;
      END $$`);
    await q.query(`SELECT pa_stats_rebuild()`);

    // The median handling time is not additive: it is the middle row of the period's handled reports in order of
    // handling time, read from one of two covering indexes (index-only; the predicate is pa_stats_handled_of's).
    // The planner picks: a short period is read by resolved_at and sorted, a long one is walked in handling-time
    // order up to its middle row. The first replaces the plain resolved_at index (the partial days use it too).
    await q.query(`DROP INDEX IF EXISTS reports_stats_resolved_idx`);
    await q.query(`
      CREATE INDEX reports_stats_handled_idx ON reports (resolved_at) INCLUDE (handling_minutes, agency_id, category_id)
       WHERE status IN ('resolved', 'closed') AND handled_at IS NOT NULL AND resolved_at IS NOT NULL`);
    await q.query(`
      CREATE INDEX reports_stats_handling_idx ON reports (handling_minutes) INCLUDE (resolved_at, agency_id, category_id)
       WHERE status IN ('resolved', 'closed') AND handled_at IS NOT NULL AND resolved_at IS NOT NULL AND handling_minutes IS NOT NULL`);
    // The reports are no longer grouped by local day over whole periods (only over a period's partial days): the
    // planner statistics migration 500 kept for that are dead weight for every ANALYZE.
    await q.query(`DROP STATISTICS IF EXISTS reports_created_local_day_stat`);
    await q.query(`DROP STATISTICS IF EXISTS reports_resolved_local_day_stat`);
    // Rows are appended and folded all day: vacuum these small tables often so readers skip dead rows.
    for (const table of ['stats_received_daily', 'stats_handled_daily']) {
      await q.query(
        `ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE STATISTICS IF NOT EXISTS reports_created_local_day_stat ON ((created_at AT TIME ZONE INTERVAL '+07:00')::date) FROM reports`,
    );
    await q.query(
      `CREATE STATISTICS IF NOT EXISTS reports_resolved_local_day_stat ON ((resolved_at AT TIME ZONE INTERVAL '+07:00')::date) FROM reports`,
    );
    await q.query(`DROP INDEX IF EXISTS reports_stats_handling_idx`);
    await q.query(`DROP INDEX IF EXISTS reports_stats_handled_idx`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS reports_stats_resolved_idx ON reports (resolved_at) WHERE resolved_at IS NOT NULL`,
    );
    await q.query(`DROP TRIGGER IF EXISTS reports_stats_truncate ON reports`);
    await q.query(`DROP TRIGGER IF EXISTS reports_stats_update ON reports`);
    await q.query(`DROP TRIGGER IF EXISTS reports_stats_insert_delete ON reports`);
    await q.query(`DROP TRIGGER IF EXISTS reports_handling_minutes ON reports`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_rebuild()`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_compact()`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_reports_truncated()`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_reports_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_add(reports, int)`);
    await q.query(`DROP FUNCTION IF EXISTS pa_stats_handled_of(reports)`);
    await q.query(`DROP FUNCTION IF EXISTS pa_reports_handling_minutes()`);
    await q.query(`DROP TABLE IF EXISTS stats_handled_daily`);
    await q.query(`DROP TABLE IF EXISTS stats_received_daily`);
    await q.query(`ALTER TABLE reports DROP COLUMN IF EXISTS reopened, DROP COLUMN IF EXISTS handling_minutes`);
  }
}

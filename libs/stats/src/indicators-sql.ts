// The Decision 766 facts of one report in SQL: the predicates of indicators.ts for the rollup triggers and the
// statistics queries, with the handled statuses and local days taken from the TypeScript constants, so nothing
// is written twice. The stats e2e tests check the SQL against indicators.ts row by row. Pure: migrations import
// this file, so it imports only other pure files (indicators.ts, the calendar's working-time-sql.ts).
import { localDateSql } from '../../calendar/src/working-time-sql';
import { HANDLED_STATUSES } from './indicators';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** isHandled, for a `reports` row alias (also the predicate of the reports_stats_handled_idx partial index). */
export const handledSql = (r: string) =>
  `${r}.status IN (${quoted(HANDLED_STATUSES)}) AND ${r}.handled_at IS NOT NULL AND ${r}.resolved_at IS NOT NULL`;

/**
 * The CREATE OR REPLACE statements of the rollup functions that hold an indicator or a local day (first defined
 * by migration 1763900000800; docs/architecture.md#statistics-rollups):
 * - pa_stats_handled_of(r): the handled facts of one report, no row when it is not handled: isHandled, isOnTime,
 *   isNotSatisfied and isComplainedLate, plus whether its handling time is known;
 * - pa_stats_add(r, sign): appends a report's contribution (±1) to both rollups;
 * - pa_stats_rebuild(): recomputes both rollups from the reports.
 */
export function statsRollupFunctionsSql(): string[] {
  return [
    `CREATE OR REPLACE FUNCTION pa_stats_handled_of(r reports)
        RETURNS TABLE (day date, agency_id uuid, category_id uuid, handled int, on_time int, not_satisfied int,
                       complained_late int, timed int, minutes double precision)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ${localDateSql('r.resolved_at')}, r.agency_id, r.category_id, 1,
               (NOT r.was_overdue AND (r.resolution_due_at IS NULL OR r.handled_at <= r.resolution_due_at))::int,
               (r.rating_satisfied IS FALSE)::int,
               (r.reopened AND r.rating_satisfied IS NOT FALSE)::int,
               (r.handling_minutes IS NOT NULL)::int,
               coalesce(r.handling_minutes, 0)
         WHERE ${handledSql('r')}
      $$`,
    `CREATE OR REPLACE FUNCTION pa_stats_add(r reports, sign int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO stats_received_daily (day, agency_id, category_id, status, n)
        VALUES (${localDateSql('r.created_at')}, r.agency_id, r.category_id, r.status, sign);
        INSERT INTO stats_handled_daily (day, agency_id, category_id, handled, on_time, not_satisfied, complained_late, timed, minutes)
        SELECT h.day, h.agency_id, h.category_id, sign * h.handled, sign * h.on_time, sign * h.not_satisfied,
               sign * h.complained_late, sign * h.timed, sign * h.minutes
          FROM pa_stats_handled_of(r) h;
      $$`,
    // Writers of reports wait meanwhile (SHARE lock); readers do not.
    `CREATE OR REPLACE FUNCTION pa_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE reports IN SHARE MODE;
        PERFORM pg_advisory_xact_lock(hashtext('pa:stats_rollups'));
        DELETE FROM stats_received_daily;
        DELETE FROM stats_handled_daily;
        INSERT INTO stats_received_daily (day, agency_id, category_id, status, n, compact)
        SELECT ${localDateSql('created_at')}, agency_id, category_id, status, count(*), true
          FROM reports GROUP BY 1, 2, 3, 4;
        INSERT INTO stats_handled_daily (day, agency_id, category_id, handled, on_time, not_satisfied, complained_late,
                                         timed, minutes, compact)
        SELECT h.day, h.agency_id, h.category_id, sum(h.handled), sum(h.on_time), sum(h.not_satisfied),
               sum(h.complained_late), sum(h.timed), sum(h.minutes), true
          FROM reports r, pa_stats_handled_of(r) h GROUP BY 1, 2, 3;
      END $$`,
  ];
}

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

/** The migration that added the `rated` measure (docs/architecture.md#statistics-rollups). */
export const RATED_SINCE = 1763900001900;

/**
 * The summed measures of stats_handled_daily, in column order: the value one handled report `r` adds, and the
 * migration that added the column. A migration installs the functions as of itself, so an earlier migration keeps
 * installing what it installed when a measure is added later.
 */
const HANDLED_MEASURES: ReadonlyArray<{ column: string; type: string; value: string; since: number }> = [
  { column: 'handled', type: 'int', value: '1', since: 0 },
  // isOnTime
  {
    column: 'on_time',
    type: 'int',
    value: '(NOT r.was_overdue AND (r.resolution_due_at IS NULL OR r.handled_at <= r.resolution_due_at))::int',
    since: 0,
  },
  // isNotSatisfied, isComplainedLate
  { column: 'not_satisfied', type: 'int', value: '(r.rating_satisfied IS FALSE)::int', since: 0 },
  { column: 'complained_late', type: 'int', value: '(r.reopened AND r.rating_satisfied IS NOT FALSE)::int', since: 0 },
  // Whether the handling time is known, and the working minutes.
  { column: 'timed', type: 'int', value: '(r.handling_minutes IS NOT NULL)::int', since: 0 },
  { column: 'minutes', type: 'double precision', value: 'coalesce(r.handling_minutes, 0)', since: 0 },
  // isRated
  { column: 'rated', type: 'int', value: '(r.rating_satisfied IS NOT NULL)::int', since: RATED_SINCE },
];

const measuresAsOf = (asOf: number) => HANDLED_MEASURES.filter((m) => m.since <= asOf);
const list = (asOf: number, each: (column: string) => string) =>
  measuresAsOf(asOf)
    .map((m) => each(m.column))
    .join(', ');

/**
 * The CREATE OR REPLACE statements of the rollup functions that hold an indicator or a local day (first defined
 * by migration 1763900000800; docs/architecture.md#statistics-rollups), as of the migration `asOf` (the newest by
 * default):
 * - pa_stats_handled_of(r): the handled facts of one report, no row when it is not handled: isHandled, isOnTime,
 *   isNotSatisfied, isComplainedLate and isRated, plus whether its handling time is known;
 * - pa_stats_add(r, sign): appends a report's contribution (±1) to both rollups;
 * - pa_stats_rebuild(): recomputes both rollups from the reports.
 * pa_stats_handled_of's result type changes with a new measure: the migration adding one drops it first.
 */
export function statsRollupFunctionsSql(asOf = Number.POSITIVE_INFINITY): string[] {
  const columns = list(asOf, (c) => c);
  return [
    `CREATE OR REPLACE FUNCTION pa_stats_handled_of(r reports)
        RETURNS TABLE (day date, agency_id uuid, category_id uuid, ${measuresAsOf(asOf)
          .map((m) => `${m.column} ${m.type}`)
          .join(', ')})
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ${localDateSql('r.resolved_at')}, r.agency_id, r.category_id,
               ${measuresAsOf(asOf)
                 .map((m) => m.value)
                 .join(',\n               ')}
         WHERE ${handledSql('r')}
      $$`,
    `CREATE OR REPLACE FUNCTION pa_stats_add(r reports, sign int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO stats_received_daily (day, agency_id, category_id, status, n)
        VALUES (${localDateSql('r.created_at')}, r.agency_id, r.category_id, r.status, sign);
        INSERT INTO stats_handled_daily (day, agency_id, category_id, ${columns})
        SELECT h.day, h.agency_id, h.category_id, ${list(asOf, (c) => `sign * h.${c}`)}
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
        INSERT INTO stats_handled_daily (day, agency_id, category_id, ${columns}, compact)
        SELECT h.day, h.agency_id, h.category_id, ${list(asOf, (c) => `sum(h.${c})`)}, true
          FROM reports r, pa_stats_handled_of(r) h GROUP BY 1, 2, 3;
      END $$`,
  ];
}

/**
 * pa_stats_compact(): folds each day that has uncompacted rows into one row per key, one statement per rollup (its
 * snapshot decides which rows move; rows of transactions still open stay for the next run); returns the days
 * folded. Written by hand in migration 1763900000800, generated from the measures since RATED_SINCE.
 */
export function statsCompactFunctionSql(asOf = Number.POSITIVE_INFINITY): string {
  return `CREATE OR REPLACE FUNCTION pa_stats_compact() RETURNS integer LANGUAGE plpgsql AS $$
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
                      RETURNING s.day, s.agency_id, s.category_id, ${list(asOf, (c) => `s.${c}`)}),
             kept AS (INSERT INTO stats_handled_daily (day, agency_id, category_id, ${list(asOf, (c) => c)}, compact)
                      SELECT day, agency_id, category_id, ${list(asOf, (c) => `sum(${c})`)}, true
                        FROM gone GROUP BY 1, 2, 3 HAVING sum(handled) <> 0)
        SELECT count(*) INTO handled_days FROM days;
        RETURN received_days + handled_days;
      END $$`;
}

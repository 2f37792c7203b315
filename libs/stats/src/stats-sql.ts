// The SQL behind the statistics. The Decision 766 facts of one report are defined once in SQL, by
// pa_stats_handled_of (generated from indicators.ts by indicators-sql.ts); the daily rollups hold their sums. A
// period reads the rollups for its whole local days and computes its partial first and last day from the
// reports, so Node only folds a few hundred rows and a year costs about as much as a day.
import { localDateSql, localTimeSql } from '@app/calendar/working-time-sql';
import { type RawBuilder, sql } from '@app/database';
import { OVERDUE_STATUSES } from '@app/letters';
import { handledSql } from './indicators-sql';
import type { Granularity, PeriodParts } from './period';

/** A piece of SQL with its values as parameters (Kysely's `sql` tag); fragments nest into one another. */
export type Sql = RawBuilder<unknown>;

/**
 * Local time is the fixed offset UTC+7, as in the JS calendar: cheaper than a time-zone name per row, and the
 * same for every date since 1975. LOCAL_DAY is the rollups' `day` (the same generator writes both).
 */
export const LOCAL = (column: string): Sql => sql.raw(localTimeSql(column));
export const LOCAL_DAY = (column: string): Sql => sql.raw(localDateSql(column));

/** isHandled (the predicate of pa_stats_handled_of and of the reports_stats_handled_idx partial index). */
export const HANDLED: Sql = sql.raw(handledSql('r'));

/** `column` in one of the edge ranges; FALSE when there are none. */
function inEdges(column: string, edges: PeriodParts['edges']): Sql {
  if (!edges.length) return sql`FALSE`;
  const ref = sql.raw(column);
  return sql`(${sql.join(
    edges.map((e) => sql`(${ref} >= ${e.from} AND ${ref} < ${e.to})`),
    sql` OR `,
  )})`;
}

/** The rollup's whole days of the period; FALSE when it has none. */
function inDays(parts: PeriodParts): Sql {
  if (!parts.days) return sql`FALSE`;
  return sql`s.day >= ${parts.days.from}::date AND s.day < ${parts.days.to}::date`;
}

/**
 * Reports received in the period, by their status now: rows (day, agency_id, category_id, status, n) to be summed.
 * Filters (filterSql with alias x) are applied by the caller; Postgres pushes them into both branches.
 */
export function receivedRows(parts: PeriodParts): Sql {
  return sql`
    SELECT s.day, s.agency_id, s.category_id, s.status, s.n FROM stats_received_daily s WHERE ${inDays(parts)}
    UNION ALL
    SELECT ${LOCAL_DAY('r.created_at')}, r.agency_id, r.category_id, r.status, 1
      FROM reports r WHERE ${inEdges('r.created_at', parts.edges)}`;
}

/**
 * Reports handled in the period (result approved, by resolved_at): rows (day, agency_id, category_id, handled,
 * on_time, not_satisfied, complained_late, timed, minutes, rated) to be summed; the mean working time is Σminutes ÷ Σtimed.
 */
export function handledRows(parts: PeriodParts): Sql {
  return sql`
    SELECT s.day, s.agency_id, s.category_id, s.handled, s.on_time, s.not_satisfied, s.complained_late, s.timed, s.minutes,
           s.rated
      FROM stats_handled_daily s WHERE ${inDays(parts)}
    UNION ALL
    SELECT h.* FROM reports r, pa_stats_handled_of(r) h WHERE ${HANDLED} AND ${inEdges('r.resolved_at', parts.edges)}`;
}

/** The sums over handledRows that make the two rates and the mean handling time (a row of `HandledSums`). */
export const HANDLED_SUMS: Sql = sql`
  sum(handled)::int AS handled, sum(on_time)::int AS on_time, sum(not_satisfied)::int AS not_satisfied,
  sum(complained_late)::int AS complained_late, sum(timed)::int AS timed, sum(minutes)::float8 AS minutes, sum(rated)::int AS rated`;

/** A row of HANDLED_SUMS, as the CamelCasePlugin names its columns. */
export interface HandledSums {
  handled: number;
  onTime: number;
  notSatisfied: number;
  complainedLate: number;
  /** Rows whose working time is known, and the sum of it. */
  timed: number;
  minutes: number;
  rated: number;
}

/**
 * The median handling time of the reports handled in [from, to) (filters appended, alias r), exactly as
 * percentile_cont(0.5): the middle row, or the mean of the two middle rows, of the `timed` rows (their count,
 * known from the rollups) in order of handling time. A median cannot be added up from daily rows; the covering
 * indexes of migration 1763900000800 let the planner either sort a short period or walk a long one in order.
 */
export function medianMinutesSql(timed: number, from: Date, to: Date, filter: Sql) {
  const [offset, limit] = [Math.floor((timed - 1) / 2), timed % 2 ? 1 : 2];
  return sql<{ medianMinutes: number | null }>`
    SELECT avg(m)::float8 AS median_minutes FROM (
      SELECT r.handling_minutes AS m FROM reports r
       WHERE ${HANDLED} AND r.handling_minutes IS NOT NULL AND r.resolved_at >= ${from} AND r.resolved_at < ${to}${filter}
       ORDER BY r.handling_minutes OFFSET ${sql.lit(offset)} LIMIT ${sql.lit(limit)}) x`;
}

/** The same "late now" as the overdue list and the reminder letters (OverdueService). */
export const OVERDUE_NOW = (now: Date): Sql =>
  sql`r.status IN (${sql.join(OVERDUE_STATUSES.map((s) => sql.lit(s)))}) AND r.due_at < ${now}`;

/**
 * The bucket key (as period.bucketsOf writes it) of a local date column `day`. Cast to timestamp (without time
 * zone) so that neither date_trunc nor to_char consults the session's TimeZone.
 */
export function bucketOfDay(granularity: Granularity, day: string): Sql {
  const local = sql.raw(`${day}::timestamp`);
  switch (granularity) {
    case 'day':
      return sql`to_char(${local}, 'YYYY-MM-DD')`;
    case 'week':
      return sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
    case 'month':
      return sql`to_char(${local}, 'YYYY-MM')`;
  }
}

/** Optional equality filters on reports or rollup rows. */
export interface ReportFilter {
  agencyId?: string;
  categoryId?: string;
}

/** ` AND alias.agency_id = … AND alias.category_id = …` for the filters given; empty when none. */
export function filterSql(filter: ReportFilter, alias = 'r'): Sql {
  const where: Sql[] = [];
  if (filter.agencyId) where.push(sql` AND ${sql.raw(alias)}.agency_id = ${filter.agencyId}`);
  if (filter.categoryId) where.push(sql` AND ${sql.raw(alias)}.category_id = ${filter.categoryId}`);
  return sql.join(where, sql``);
}

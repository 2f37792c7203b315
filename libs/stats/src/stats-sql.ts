// The indicators of indicators.ts as SQL over `reports r` joined to `categories c`. Keep the two in step: each
// fragment names the function it mirrors. Aggregation happens in Postgres; Node only receives the counts.
import { OVERDUE_STATUSES } from '@app/letters';
import type { Granularity } from './period';

export const TZ = `'Asia/Ho_Chi_Minh'`;

/** isHandled, restricted to the period by resolved_at (the moment the result was approved and published). */
export const HANDLED_IN_PERIOD = (from: string, to: string) =>
  `r.resolved_at >= ${from} AND r.resolved_at < ${to} AND r.status IN ('resolved', 'closed') AND r.handled_at IS NOT NULL`;

/** isOnTime (for rows already known to be handled). */
export const ON_TIME = `(NOT r.was_overdue AND (r.resolution_due_at IS NULL OR r.handled_at <= r.resolution_due_at))`;

/** isNotSatisfied. */
export const NOT_SATISFIED = `(r.rating_satisfied IS FALSE)`;

/** isComplainedLate: reopened at least once, and not already counted as "not satisfied". */
export const COMPLAINED_LATE = `(r.rating_satisfied IS NOT FALSE AND EXISTS (
  SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'report.reopened'))`;

/**
 * The handled reports of a period with their handling time: working minutes from the first assignment to the
 * accepted result, in the category's calendar. Aliased `r` so the fragments above apply to it. OFFSET 0 keeps the
 * planner from inlining the subquery, which would compute the working time once per aggregate that reads it.
 */
export const handledRows = (from: string, to: string, filter: string) => `(
  SELECT r.id, r.agency_id, r.category_id, r.status, r.resolved_at, r.handled_at, r.resolution_due_at, r.was_overdue,
         r.rating_satisfied, pa_working_minutes(r.first_assigned_at, r.handled_at, c.calendar) AS minutes
    FROM reports r JOIN categories c ON c.id = r.category_id
   WHERE ${HANDLED_IN_PERIOD(from, to)}${filter}
  OFFSET 0) r`;

/** The same "late now" as the overdue list and the reminder letters (OverdueService). */
export const OVERDUE_NOW = (now: string) => `r.status IN (${OVERDUE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND r.due_at < ${now}`;

/** Aggregates over handledRows: the counts of the two rates and the handling time. */
export const HANDLED_AGGREGATES = `
  count(*)::int AS handled,
  count(*) FILTER (WHERE ${ON_TIME})::int AS on_time,
  count(*) FILTER (WHERE ${NOT_SATISFIED})::int AS not_satisfied,
  count(*) FILTER (WHERE ${COMPLAINED_LATE})::int AS complained_late,
  avg(r.minutes)::float8 AS avg_minutes,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY r.minutes)::float8 AS median_minutes`;

/** The local bucket key of a timestamp column, matching period.bucketsOf. */
export function bucketSql(granularity: Granularity, column: string): string {
  const local = `(${column} AT TIME ZONE ${TZ})`;
  switch (granularity) {
    case 'day':
      return `to_char(${local}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(${local}, 'YYYY-MM')`;
  }
}

/** Optional equality filters on reports, appended as numbered parameters. */
export interface ReportFilter {
  agencyId?: string;
  categoryId?: string;
}

export function filterSql(filter: ReportFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.agencyId) where.push(`r.agency_id = $${params.push(filter.agencyId)}`);
  if (filter.categoryId) where.push(`r.category_id = $${params.push(filter.categoryId)}`);
  return where.map((w) => ` AND ${w}`).join('');
}

// The indicators of indicators.ts as SQL over `reports r` joined to `categories c`. Keep the two in step: each
// fragment names the function it mirrors. Aggregation happens in Postgres; Node only receives a few hundred rows.
import { OVERDUE_STATUSES } from '@app/letters';
import type { Granularity } from './period';

/**
 * Local time is the fixed offset UTC+7, as in the JS calendar: cheaper than a time-zone name per row, and the
 * same for every date since 1975. LOCAL_DAY must stay identical to the statistics objects of the migration
 * 1763900000500-stats, which let the planner aggregate by day in parallel.
 */
export const LOCAL = (column: string) => `(${column} AT TIME ZONE INTERVAL '+07:00')`;
export const LOCAL_DAY = (column: string) => `${LOCAL(column)}::date`;

/** isHandled, restricted to the period by resolved_at (the moment the result was approved and published). */
export const HANDLED_IN_PERIOD = (from: string, to: string) =>
  `r.resolved_at >= ${from} AND r.resolved_at < ${to} AND r.status IN ('resolved', 'closed') AND r.handled_at IS NOT NULL`;

/** isOnTime (for rows already known to be handled). */
export const ON_TIME = `(NOT r.was_overdue AND (r.resolution_due_at IS NULL OR r.handled_at <= r.resolution_due_at))`;

/** isNotSatisfied. */
export const NOT_SATISFIED = `(r.rating_satisfied IS FALSE)`;

/**
 * isComplainedLate: reopened at least once, and not already counted as "not satisfied". IN (not EXISTS) so the
 * reopened reports are read once into a hash (report_events_reopened_idx), not probed once per handled report.
 */
export const COMPLAINED_LATE = `(r.rating_satisfied IS NOT FALSE
  AND r.id IN (SELECT e.report_id FROM report_events e WHERE e.type = 'report.reopened'))`;

/**
 * Working minutes from the first assignment to the accepted result in the category's calendar: the body of
 * pa_working_minutes (migration 1763900000500), with its two working_days look-ups done as hash joins
 * (HANDLED_FROM), which is many times faster than a function call per row over a year of reports.
 */
export const HANDLING_MINUTES = `(CASE
  WHEN r.first_assigned_at IS NULL THEN NULL
  WHEN r.handled_at <= r.first_assigned_at THEN 0
  WHEN c.calendar = '24x7' THEN date_part('epoch', r.handled_at - r.first_assigned_at) / 60
  ELSE pa_office_position(wb.is_working, wb.working_before, ${LOCAL('r.handled_at')})
     - pa_office_position(wa.is_working, wa.working_before, ${LOCAL('r.first_assigned_at')})
END)`;

/** The handled reports of a period (filters appended), with what HANDLING_MINUTES reads. */
export const HANDLED_FROM = (from: string, to: string, filter: string) => `
  FROM reports r
  JOIN categories c ON c.id = r.category_id
  LEFT JOIN working_days wa ON wa.day = ${LOCAL_DAY('r.first_assigned_at')}
  LEFT JOIN working_days wb ON wb.day = ${LOCAL_DAY('r.handled_at')}
  WHERE ${HANDLED_IN_PERIOD(from, to)}${filter}`;

/**
 * Aggregates over HANDLED_FROM. regr_count and regr_avgx share one transition state (same transition function,
 * same inputs), so the working time is computed once per row although both its count and its mean are needed;
 * `timed` and `avg_minutes` let groups be combined later (mean = Σ avg × timed ÷ Σ timed).
 */
export const HANDLED_AGGREGATES = `
  count(*)::int AS handled,
  count(*) FILTER (WHERE ${ON_TIME})::int AS on_time,
  count(*) FILTER (WHERE ${NOT_SATISFIED})::int AS not_satisfied,
  count(*) FILTER (WHERE ${COMPLAINED_LATE})::int AS complained_late,
  regr_count(0, ${HANDLING_MINUTES})::int AS timed,
  regr_avgx(0, ${HANDLING_MINUTES}) AS avg_minutes`;

/**
 * The median handling time of HANDLED_FROM, as percentile_cont(0.5) would give it, computed from a histogram of
 * working time rounded to a tenth of a minute (6 s, far below the two decimals of hours shown): a hash aggregate
 * that runs in parallel instead of sorting every handled report of the period.
 */
export const MEDIAN_MINUTES_SQL = (handledFrom: string) => `
  WITH histogram AS (
    SELECT round(${HANDLING_MINUTES} * 10) / 10 AS minutes, count(*) AS n
    ${handledFrom}
    GROUP BY 1
  ), ranked AS (
    SELECT minutes, sum(n) OVER (ORDER BY minutes) AS upto, sum(n) OVER () AS total
      FROM histogram WHERE minutes IS NOT NULL
  )
  SELECT (min(minutes) FILTER (WHERE upto > floor((total - 1) / 2))
        + min(minutes) FILTER (WHERE upto > ceil((total - 1) / 2))) / 2 AS median_minutes
    FROM ranked`;

/** The same "late now" as the overdue list and the reminder letters (OverdueService). */
export const OVERDUE_NOW = (now: string) => `r.status IN (${OVERDUE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND r.due_at < ${now}`;

/**
 * The bucket key (as period.bucketsOf writes it) of a local date column `day`. Cast to timestamp (without time
 * zone) so that neither date_trunc nor to_char consults the session's TimeZone.
 */
export function bucketOfDay(granularity: Granularity, day: string): string {
  const local = `${day}::timestamp`;
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

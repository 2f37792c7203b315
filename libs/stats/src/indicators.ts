// The Decision 766/QĐ-TTg indicators, defined once. Pure: no framework, no database. The SQL in stats-sql.ts
// computes exactly these predicates in aggregate; the CSV export applies these functions row by row, and the stats
// e2e test checks that both agree with a hand-computed set.
import type { ReportStatus } from '@app/workflow';

/** The status groups of the provincial reports (docs/domain.md#statistics), in the order provinces list them. */
export type StatusGroup = 'resolved' | 'needInfo' | 'cancelled' | 'inProgress' | 'waitingScreening';

export const STATUS_GROUP: Readonly<Record<ReportStatus, StatusGroup>> = {
  resolved: 'resolved',
  closed: 'resolved',
  need_info: 'needInfo',
  cancelled: 'cancelled',
  assigned: 'inProgress',
  in_progress: 'inProgress',
  pending_review: 'inProgress',
  received: 'waitingScreening',
};

export const ALL_STATUSES = Object.keys(STATUS_GROUP) as ReportStatus[];

/**
 * "Handled" (đã giải quyết): the agency's result was approved and published to the citizen, i.e. the report is
 * `resolved` or `closed`. A submitted result waiting for review is not handled yet (the centre may send it back),
 * and a reopened case stops being handled until its new result is approved (reopen clears resolved_at).
 * A period's handled reports are those whose resolved_at falls in the period.
 */
export const HANDLED_STATUSES: readonly ReportStatus[] = ['resolved', 'closed'];

/** The facts of one report that the indicators read (columns of `reports`, plus whether it was ever reopened). */
export interface IndicatorFacts {
  status: ReportStatus;
  /** When the accepted result was submitted by the agency (submit_result). */
  handledAt: Date | null;
  /**
   * The resolution deadline as it stands: set at assignment, moved by approved extensions, and moved by every
   * need_info pause (on resume it becomes "now + the working time that was left"), so a paused case is judged
   * against the time it really had.
   */
  resolutionDueAt: Date | null;
  /** Set for ever once any stage deadline of the case passed (DeadlinesService / the clock). */
  wasOverdue: boolean;
  /** The citizen's last rating: true satisfied, false not satisfied, null never rated. */
  ratingSatisfied: boolean | null;
  /** Whether the case was ever reopened (a report.reopened event, by the citizen or by the centre on a complaint). */
  reopened: boolean;
}

export function isHandled(r: Pick<IndicatorFacts, 'status' | 'handledAt'>): boolean {
  return HANDLED_STATUSES.includes(r.status) && r.handledAt !== null;
}

/**
 * On time (đúng hạn): a handled report whose result was submitted on or before its resolution deadline
 * (handled_at ≤ resolution_due_at, the deadline as moved by pauses and extensions) AND that never was overdue at any
 * stage (was_overdue: a screening, acknowledgement or review deadline missed also makes the case late, because the
 * citizen waited longer than promised). A handled report without a resolution deadline is judged by was_overdue only.
 */
export function isOnTime(r: Pick<IndicatorFacts, 'status' | 'handledAt' | 'resolutionDueAt' | 'wasOverdue'>): boolean {
  if (!isHandled(r) || r.wasOverdue) return false;
  return r.resolutionDueAt === null || r.handledAt!.getTime() <= r.resolutionDueAt.getTime();
}

/** Rated "not satisfied" (không hài lòng): the citizen's last rating of the case is negative. */
export function isNotSatisfied(r: Pick<IndicatorFacts, 'ratingSatisfied'>): boolean {
  return r.ratingSatisfied === false;
}

/** Rated (đã đánh giá): the citizen rated the case, either way (their last rating stands). */
export function isRated(r: Pick<IndicatorFacts, 'ratingSatisfied'>): boolean {
  return r.ratingSatisfied !== null;
}

/**
 * "Complained about as late" (bị phản ánh, kiến nghị lại): the system has no separate complaint record; the formal
 * complaint a citizen can make about a handled case is to reopen it (the centre reopens on a complaint by phone).
 * A reopened case was by definition not settled when it was declared handled, so it counts here. Reports already
 * counted as rated "not satisfied" are not counted again, so each report lowers the rate at most once.
 */
export function isComplainedLate(r: Pick<IndicatorFacts, 'reopened' | 'ratingSatisfied'>): boolean {
  return r.reopened && !isNotSatisfied(r);
}

/** The counts the two rates are made of. */
export interface IndicatorCounts {
  /** Handled reports of the period (see HANDLED_STATUSES). */
  handled: number;
  onTime: number;
  notSatisfied: number;
  complainedLate: number;
  /**
   * Handled reports the citizen rated. Not part of the rate (an unrated case counts as satisfied) but shown beside
   * it: a rate with no ratings behind it says little (docs/domain.md#statistics).
   */
  rated: number;
}

/** On-time rate = handled on or before their deadline ÷ handled; null when nothing was handled. */
export function onTimeRate(c: Pick<IndicatorCounts, 'handled' | 'onTime'>): number | null {
  return c.handled > 0 ? round4(c.onTime / c.handled) : null;
}

/**
 * Satisfaction rate = (reports − rated "not satisfied" − complained about as late) ÷ reports, where "reports" are the
 * handled reports of the period (only a handled case can be rated or reopened; counting cancelled duplicates or
 * cases still open would inflate the rate). A handled report nobody rated counts as satisfied, as the decision
 * intends. Null when nothing was handled.
 */
export function satisfactionRate(c: Omit<IndicatorCounts, 'rated'>): number | null {
  return c.handled > 0 ? round4((c.handled - c.notSatisfied - c.complainedLate) / c.handled) : null;
}

/** The counts of a set of reports (handled or not), by the definitions above. */
export function countIndicators(rows: readonly IndicatorFacts[]): IndicatorCounts {
  const handled = rows.filter(isHandled);
  return {
    handled: handled.length,
    onTime: handled.filter(isOnTime).length,
    notSatisfied: handled.filter(isNotSatisfied).length,
    complainedLate: handled.filter(isComplainedLate).length,
    rated: handled.filter(isRated).length,
  };
}

export type GroupCounts = Record<StatusGroup, number>;

/** Folds counts by status into the provincial status groups. */
export function groupCounts(byStatus: Partial<Record<ReportStatus, number>>): GroupCounts {
  const groups: GroupCounts = { resolved: 0, needInfo: 0, cancelled: 0, inProgress: 0, waitingScreening: 0 };
  for (const status of ALL_STATUSES) groups[STATUS_GROUP[status]] += byStatus[status] ?? 0;
  return groups;
}

/** Every status with a count, zeros included, so clients need not guess which keys exist. */
export function fullStatusCounts(byStatus: Partial<Record<ReportStatus, number>>): Record<ReportStatus, number> {
  return Object.fromEntries(ALL_STATUSES.map((s) => [s, byStatus[s] ?? 0])) as Record<ReportStatus, number>;
}

/** Median of working-minute values (the SQL uses percentile_cont(0.5), which interpolates the same way). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Working minutes to hours as the API shows them (two decimals); null stays null. */
export const minutesToHours = (minutes: number | null | undefined): number | null =>
  minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 100) / 100;

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

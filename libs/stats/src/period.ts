// Statistics periods in Vietnam's local time (@app/common/vietnam-time). Pure: the request's words (from/to,
// period=month) become two instants and a trend granularity.
import { validationFailed } from '@app/common';
import { localInstant, localParts as partsOrNull, localYmd } from '@app/common/vietnam-time';

export type Granularity = 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

export interface PeriodInput {
  /** 'YYYY-MM-DD' (local midnight) or an ISO date-time with offset; inclusive. */
  from?: string;
  /** 'YYYY-MM-DD' (the whole local day is included) or an ISO date-time with offset (exclusive). */
  to?: string;
  period?: 'month';
  /** 'YYYY-MM', with period=month. */
  month?: string;
  granularity?: Granularity;
}

/** Where monthly periods are cut: a day of the month (1–28) and a local hour (0–23). */
export interface MonthCutoff {
  day: number;
  hour: number;
}

/** [from, to): from inclusive, to exclusive. */
export interface Period {
  from: Date;
  to: Date;
  granularity: Granularity;
}

const DAY_MS = 86_400_000;
/** A guard against accidental decade-long scans; every provincial report covers at most a few years. */
export const MAX_PERIOD_DAYS = 3700;
export const MAX_BUCKETS = 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const fail = (field: string, message: string) => validationFailed({ fields: { [field]: [message] } }, message);

/** Local calendar parts of an instant the code made itself, hence valid. */
const localParts = (at: Date) => partsOrNull(at)!;

/**
 * A `from`/`to` bound as every filter of the API reads it: a date is local (Vietnam) midnight, and a `to` date
 * includes its whole day; a date-time must carry its offset. 400 otherwise.
 */
export function parseBound(value: string, field: 'from' | 'to'): Date {
  const date = DATE_RE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = localInstant(y, m, d);
    if (localYmd(start) !== value) throw fail(field, `${field} is not a real date`);
    // A date-only `to` names the last day of the period: the whole day is in.
    return field === 'to' ? localInstant(y, m, d + 1) : start;
  }
  if (DATETIME_RE.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw fail(field, `${field} must be YYYY-MM-DD or an ISO 8601 date-time with offset`);
}

/** The current calendar month in local time: the default period. */
export function calendarMonth(now: Date): { from: Date; to: Date } {
  const { year: y, month: m } = localParts(now);
  return { from: localInstant(y, m, 1), to: localInstant(y, m + 1, 1) };
}

/**
 * The monthly period named `month` ('YYYY-MM'). A period is named after the month it closes: it runs from the
 * cut-off that closes the previous month to the cut-off that closes this one. The cut-off closing month M is
 * day D of M at hour H when D > 1 (Decree 09/2019/NĐ-CP style: D = 15 makes 15/02 to 14/03 the March period), and
 * day 1 of M+1 at hour H when D = 1 (calendar months, shifted by H hours).
 */
export function monthPeriod(month: string, cutoff: MonthCutoff): { from: Date; to: Date } {
  const match = MONTH_RE.exec(month);
  const [y, m] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || m < 1 || m > 12) throw fail('month', 'month must be YYYY-MM');
  const closing = (mm: number) => localInstant(y, cutoff.day === 1 ? mm + 1 : mm, cutoff.day, cutoff.hour);
  return { from: closing(m - 1), to: closing(m) };
}

/** Trend buckets by default: daily up to two months, weekly up to a year, then monthly. */
export function defaultGranularity(from: Date, to: Date): Granularity {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** Turns the request's period words into instants; throws VALIDATION_FAILED naming the field at fault. */
export function resolvePeriod(input: PeriodInput, cutoff: MonthCutoff, now: Date): Period {
  let range: { from: Date; to: Date };
  if (input.period === 'month' || input.month !== undefined) {
    if (input.period !== 'month') throw fail('period', 'month is only used with period=month');
    if (input.from !== undefined || input.to !== undefined) throw fail('period', 'period=month excludes from/to');
    if (input.month === undefined) throw fail('month', 'period=month needs month=YYYY-MM');
    range = monthPeriod(input.month, cutoff);
  } else {
    const current = calendarMonth(now);
    range = {
      from: input.from !== undefined ? parseBound(input.from, 'from') : current.from,
      to: input.to !== undefined ? parseBound(input.to, 'to') : current.to,
    };
  }
  if (range.to.getTime() <= range.from.getTime()) throw fail('to', 'to must be after from');
  if (range.to.getTime() - range.from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw fail('from', `a period is at most ${MAX_PERIOD_DAYS} days`);
  }
  const granularity = input.granularity ?? defaultGranularity(range.from, range.to);
  const period = { ...range, granularity };
  if (bucketsOf(period).length > MAX_BUCKETS)
    throw fail('granularity', `at most ${MAX_BUCKETS} buckets; choose a coarser granularity`);
  return period;
}

/**
 * The trend's bucket keys covering the period, in order, so empty buckets show as zeros: 'YYYY-MM-DD' for days,
 * the local Monday 'YYYY-MM-DD' for weeks (ISO weeks, as date_trunc('week') in SQL), 'YYYY-MM' for months.
 */
export function bucketsOf(period: Pick<Period, 'from' | 'to' | 'granularity'>, limit = MAX_BUCKETS + 1): string[] {
  const first = localParts(period.from);
  let cursor: Date;
  let step: (d: Date) => Date;
  if (period.granularity === 'month') {
    cursor = localInstant(first.year, first.month, 1);
    step = (d) => {
      const p = localParts(d);
      return localInstant(p.year, p.month + 1, 1);
    };
  } else {
    const back = period.granularity === 'week' ? (first.weekday + 6) % 7 : 0;
    cursor = localInstant(first.year, first.month, first.day - back);
    const days = period.granularity === 'week' ? 7 : 1;
    step = (d) => new Date(d.getTime() + days * DAY_MS);
  }
  const keys: string[] = [];
  for (; cursor < period.to && keys.length < limit; cursor = step(cursor)) {
    keys.push(period.granularity === 'month' ? localYmd(cursor).slice(0, 7) : localYmd(cursor));
  }
  return keys;
}

/**
 * A period cut where the daily rollups can serve it: `days`, the whole local days inside it ('YYYY-MM-DD', `to`
 * exclusive), or null; `edges`, the partial days before and after them (at most two instant ranges, possibly
 * none), which are computed from the reports themselves. With `now`: a period that ends between now and the next
 * local midnight ("the last 365 days") takes today whole, since no report is received or handled after now; so
 * the busiest day, today, is read from the rollup instead of from its reports.
 */
export interface PeriodParts {
  days: { from: string; to: string } | null;
  edges: Array<{ from: Date; to: Date }>;
}

export function splitPeriod(period: Pick<Period, 'from' | 'to'>, now?: Date): PeriodParts {
  const midnightOf = (at: Date) => {
    const p = localParts(at);
    return localInstant(p.year, p.month, p.day);
  };
  const from = period.from;
  let to = period.to;
  if (now && to >= now) {
    const tonight = new Date(midnightOf(now).getTime() + DAY_MS);
    if (to < tonight && from < midnightOf(now)) to = tonight;
  }
  const floorFrom = midnightOf(from);
  const firstFull = floorFrom.getTime() === from.getTime() ? from : new Date(floorFrom.getTime() + DAY_MS);
  const lastFull = midnightOf(to);
  if (firstFull >= lastFull) return { days: null, edges: [{ from, to }] };
  const edges = [
    { from, to: firstFull },
    { from: lastFull, to },
  ].filter((e) => e.to > e.from);
  return { days: { from: localYmd(firstFull), to: localYmd(lastFull) }, edges };
}

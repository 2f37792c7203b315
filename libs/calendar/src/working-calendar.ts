// Working-time arithmetic for SLA deadlines. It runs on every report insert and in sweeps over millions of rows,
// so it works on plain numbers: an instant becomes (local day number, milliseconds into the day), whole days are
// skipped in O(1) each through a per-year table of working-day flags, and spans between two instants are counted
// with per-year prefix sums, so nothing is allocated per minute or per day.

// Local time is a fixed offset (vietnam-time.ts says why). A relative path: migrations load this file through
// working-time-sql.ts, without path aliases.
import { VIETNAM_UTC_OFFSET_MS } from '../../common/src/vietnam-time';
import { jdFromDate, jdToDate } from './lunar';
import { statutoryHolidays } from './holidays';

export type CalendarKind = 'office' | '24x7';

export interface OfficePeriod {
  /** 'HH:MM', local time (UTC+7). */
  start: string;
  /** 'HH:MM', local time (UTC+7); '24:00' allowed. Exclusive. */
  end: string;
}

export interface CalendarException {
  /** 'YYYY-MM-DD', local date. */
  date: string;
  /** 'working' turns a weekend or holiday into a working day (swapped Saturday); 'off' turns a day off. */
  kind: 'off' | 'working';
}

export interface WorkingCalendarOptions {
  /** Default 07:30–11:30 and 13:30–17:00. */
  officeHours?: OfficePeriod[];
  /** Weekly rest days, 0 = Sunday .. 6 = Saturday. Default [0, 6]. */
  weekendDays?: number[];
  /** Override holidays and weekends; when a date is listed twice the last entry wins. */
  exceptions?: CalendarException[];
  /** Apply the Labour Code Art. 112 holidays (with compensatory days off). Default true. */
  statutoryHolidays?: boolean;
}

export interface WorkingCalendar {
  /**
   * The earliest instant by which `minutes` (>= 0) working minutes have elapsed since `from`. Adding 0 returns
   * `from` as is, even outside working time; a result that exactly fills a period is that period's end (17:00),
   * not the next morning.
   */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /** Working minutes in [from, to); 0 if to <= from. Fractional when the instants are not on whole minutes. */
  workingMinutesBetween(from: Date, to: Date): number;
  /** Whether a local date 'YYYY-MM-DD' is a working day. */
  isWorkingDay(dateYmd: string): boolean;
  /** Working minutes in one full working day (450 with the default office hours, 1440 for 24x7). */
  readonly workingMinutesPerDay: number;
}

export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = Object.freeze([
  Object.freeze({ start: '07:30', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:00' }),
]);

const DEFAULT_WEEKEND_DAYS: readonly number[] = [0, 6];

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// Julian day number of 1970-01-01: local day numbers below count from there.
const UNIX_EPOCH_JD = 2440588;
// A calendar whose every day is off would make addWorkingMinutes loop for ever; ten years without a working
// day can only be a configuration mistake.
const MAX_CONSECUTIVE_DAYS_OFF = 3660;

export function createWorkingCalendar(kind: CalendarKind, options: WorkingCalendarOptions = {}): WorkingCalendar {
  switch (kind) {
    case '24x7':
      return new ElapsedCalendar();
    case 'office':
      return new OfficeCalendar(options);
    default:
      throw new RangeError(`Unknown calendar kind ${String(kind)}`);
  }
}

function assertInstant(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) {
    throw new RangeError(`${what} is not a valid Date`);
  }
  return t;
}

function minutesToMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Working minutes must be a finite number >= 0, got ${minutes}`);
  }
  return Math.round(minutes * MS_PER_MINUTE);
}

/** Local day number (days since 1970-01-01) of a 'YYYY-MM-DD' string; throws on anything not a real date. */
function parseYmd(ymd: string): number {
  const m = typeof ymd === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const jd = jdFromDate(day, month, year);
    const back = jdToDate(jd);
    if (back.year === year && back.month === month && back.day === day) {
      return jd - UNIX_EPOCH_JD;
    }
  }
  throw new RangeError(`Invalid date '${ymd}', expected YYYY-MM-DD`);
}

/** Milliseconds since local midnight of an office-hours time 'HH:MM' ('24:00' allowed). */
export function parseHhMm(value: string): number {
  const m = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    if ((h < 24 && min < 60) || (h === 24 && min === 0)) {
      return (h * 60 + min) * MS_PER_MINUTE;
    }
  }
  throw new RangeError(`Invalid time '${value}', expected HH:MM`);
}

/** 24x7: deadlines in plain elapsed time (emergencies, disasters). Holidays and office hours do not apply. */
class ElapsedCalendar implements WorkingCalendar {
  readonly workingMinutesPerDay = 1440;

  addWorkingMinutes(from: Date, minutes: number): Date {
    return new Date(assertInstant(from, 'from') + minutesToMs(minutes));
  }

  workingMinutesBetween(from: Date, to: Date): number {
    const ms = assertInstant(to, 'to') - assertInstant(from, 'from');
    return ms > 0 ? ms / MS_PER_MINUTE : 0;
  }

  isWorkingDay(dateYmd: string): boolean {
    parseYmd(dateYmd);
    return true;
  }
}

interface YearTable {
  year: number;
  /** Local day number of 1 January. */
  firstDay: number;
  /** 1 = working day, indexed by day of year (0-based). */
  flags: Uint8Array;
  /** prefix[i] = working days among the first i days of the year. */
  prefix: Uint16Array;
}

class OfficeCalendar implements WorkingCalendar {
  readonly workingMinutesPerDay: number;

  // Periods as milliseconds since local midnight, sorted and disjoint.
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly msPerDay: number;
  private readonly weekend: boolean[];
  private readonly weekendDays: number[];
  private readonly exceptions: Map<number, boolean>;
  private readonly useStatutoryHolidays: boolean;
  private readonly years = new Map<number, YearTable>();
  // The last table used: consecutive look-ups almost always hit the same year.
  private current: YearTable | undefined;

  constructor(options: WorkingCalendarOptions) {
    const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
    const periods = hours
      .map((p) => ({ start: parseHhMm(p.start), end: parseHhMm(p.end) }))
      .sort((a, b) => a.start - b.start);
    if (periods.length === 0) {
      throw new RangeError('An office calendar needs at least one office period');
    }
    for (let i = 0; i < periods.length; i++) {
      if (periods[i].end <= periods[i].start) {
        throw new RangeError('An office period ends at or before its start');
      }
      if (i > 0 && periods[i].start < periods[i - 1].end) {
        throw new RangeError('Office periods overlap');
      }
    }
    this.starts = periods.map((p) => p.start);
    this.ends = periods.map((p) => p.end);
    this.msPerDay = periods.reduce((sum, p) => sum + p.end - p.start, 0);
    this.workingMinutesPerDay = this.msPerDay / MS_PER_MINUTE;

    const weekendDays = options.weekendDays ?? DEFAULT_WEEKEND_DAYS;
    this.weekend = new Array<boolean>(7).fill(false);
    for (const d of weekendDays) {
      if (!Number.isInteger(d) || d < 0 || d > 6) {
        throw new RangeError(`Invalid weekend day ${d}, expected 0 (Sunday) .. 6 (Saturday)`);
      }
      this.weekend[d] = true;
    }
    this.weekendDays = [...new Set(weekendDays)].sort();

    this.exceptions = new Map();
    for (const e of options.exceptions ?? []) {
      if (e.kind !== 'off' && e.kind !== 'working') {
        throw new RangeError(`Invalid exception kind '${String(e.kind)}' on ${e.date}`);
      }
      this.exceptions.set(parseYmd(e.date), e.kind === 'working');
    }
    this.useStatutoryHolidays = options.statutoryHolidays ?? true;
  }

  isWorkingDay(dateYmd: string): boolean {
    return this.isWorking(parseYmd(dateYmd));
  }

  addWorkingMinutes(from: Date, minutes: number): Date {
    const fromMs = assertInstant(from, 'from');
    let remaining = minutesToMs(minutes);
    if (remaining === 0) {
      return new Date(fromMs);
    }
    const local = fromMs + VIETNAM_UTC_OFFSET_MS;
    let day = Math.floor(local / MS_PER_DAY);
    const tod = local - day * MS_PER_DAY;
    const { starts, ends } = this;
    const n = starts.length;

    if (this.isWorking(day)) {
      for (let i = 0; i < n; i++) {
        if (tod >= ends[i]) continue;
        const start = tod > starts[i] ? tod : starts[i];
        const available = ends[i] - start;
        if (remaining <= available) {
          return this.toDate(day, start + remaining);
        }
        remaining -= available;
      }
    }

    let daysOff = 0;
    for (;;) {
      day++;
      if (!this.isWorking(day)) {
        if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
          throw new RangeError(`No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days: check the calendar`);
        }
        continue;
      }
      daysOff = 0;
      if (remaining > this.msPerDay) {
        remaining -= this.msPerDay;
        continue;
      }
      for (let i = 0; i < n; i++) {
        const length = ends[i] - starts[i];
        if (remaining <= length) {
          return this.toDate(day, starts[i] + remaining);
        }
        remaining -= length;
      }
    }
  }

  workingMinutesBetween(from: Date, to: Date): number {
    const fromMs = assertInstant(from, 'from');
    const toMs = assertInstant(to, 'to');
    if (toMs <= fromMs) {
      return 0;
    }
    const localFrom = fromMs + VIETNAM_UTC_OFFSET_MS;
    const localTo = toMs + VIETNAM_UTC_OFFSET_MS;
    const dayFrom = Math.floor(localFrom / MS_PER_DAY);
    const dayTo = Math.floor(localTo / MS_PER_DAY);
    const todFrom = localFrom - dayFrom * MS_PER_DAY;
    const todTo = localTo - dayTo * MS_PER_DAY;

    let ms: number;
    if (dayFrom === dayTo) {
      ms = this.isWorking(dayFrom) ? this.workedBefore(todTo) - this.workedBefore(todFrom) : 0;
    } else {
      ms = this.countWorkingDays(dayFrom + 1, dayTo) * this.msPerDay;
      if (this.isWorking(dayFrom)) ms += this.msPerDay - this.workedBefore(todFrom);
      if (this.isWorking(dayTo)) ms += this.workedBefore(todTo);
    }
    return ms / MS_PER_MINUTE;
  }

  /** Working milliseconds of a working day that lie before `tod` (ms since local midnight). */
  private workedBefore(tod: number): number {
    let ms = 0;
    for (let i = 0; i < this.starts.length; i++) {
      if (tod <= this.starts[i]) break;
      ms += (tod < this.ends[i] ? tod : this.ends[i]) - this.starts[i];
    }
    return ms;
  }

  private toDate(day: number, tod: number): Date {
    return new Date(day * MS_PER_DAY + tod - VIETNAM_UTC_OFFSET_MS);
  }

  private isWorking(day: number): boolean {
    const t = this.tableFor(day);
    return t.flags[day - t.firstDay] === 1;
  }

  /** Working days in [fromDay, toDay), via prefix sums: O(number of years spanned). */
  private countWorkingDays(fromDay: number, toDay: number): number {
    let count = 0;
    let day = fromDay;
    while (day < toDay) {
      const t = this.tableFor(day);
      const yearEnd = t.firstDay + t.flags.length;
      const end = toDay < yearEnd ? toDay : yearEnd;
      count += t.prefix[end - t.firstDay] - t.prefix[day - t.firstDay];
      day = end;
    }
    return count;
  }

  private tableFor(day: number): YearTable {
    const c = this.current;
    if (c !== undefined && day >= c.firstDay && day < c.firstDay + c.flags.length) {
      return c;
    }
    const year = jdToDate(day + UNIX_EPOCH_JD).year;
    let t = this.years.get(year);
    if (t === undefined) {
      t = this.buildYear(year);
      this.years.set(year, t);
    }
    this.current = t;
    return t;
  }

  // Precedence: an exception decides outright (a swapped Saturday works even though it is a weekend; an extra
  // day off is off even on a Wednesday), then statutory holidays, then the weekly rest days.
  private buildYear(year: number): YearTable {
    const firstDay = jdFromDate(1, 1, year) - UNIX_EPOCH_JD;
    const length = jdFromDate(1, 1, year + 1) - UNIX_EPOCH_JD - firstDay;
    const flags = new Uint8Array(length);
    const holidays = new Set<number>();
    if (this.useStatutoryHolidays) {
      for (const h of statutoryHolidays(year, this.weekendDays)) {
        holidays.add(parseYmd(h.date));
      }
    }
    const prefix = new Uint16Array(length + 1);
    for (let i = 0; i < length; i++) {
      const day = firstDay + i;
      const exception = this.exceptions.get(day);
      let working: boolean;
      if (exception !== undefined) {
        working = exception;
      } else if (holidays.has(day)) {
        working = false;
      } else {
        // 1970-01-01 was a Thursday.
        working = !this.weekend[(((day + 4) % 7) + 7) % 7];
      }
      flags[i] = working ? 1 : 0;
      prefix[i + 1] = prefix[i] + flags[i];
    }
    return { year, firstDay, flags, prefix };
  }
}

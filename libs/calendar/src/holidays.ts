// Statutory public holidays, Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) Art. 112. Where the law leaves a
// choice to the government each year (which 5 days make up Tết, which day sits next to 2 September) this picks
// the usual choice; the yearly announcements that differ, and the swapped working Saturdays, belong in the
// calendar exceptions table, not here.

import { jdFromDate, jdToDate, lunarNewYear, lunarToSolar } from './lunar';

export interface StatutoryHoliday {
  /** Gregorian date, 'YYYY-MM-DD'. */
  date: string;
  /** Vietnamese name, as shown to staff. */
  name: string;
}

const DEFAULT_WEEKLY_REST_DAYS: readonly number[] = [0, 6];

const cache = new Map<string, readonly StatutoryHoliday[]>();

/**
 * Statutory holidays of Gregorian `year`, sorted by date, with the compensatory days off of Art. 112(3) for
 * holidays that fall on a weekly rest day. `weeklyRestDays` (0=Sun..6=Sat) defaults to Saturday and Sunday,
 * the rest days of civil servants.
 */
export function statutoryHolidays(
  year: number,
  weeklyRestDays: readonly number[] = DEFAULT_WEEKLY_REST_DAYS,
): StatutoryHoliday[] {
  if (!Number.isInteger(year)) {
    throw new RangeError(`Invalid year ${year}`);
  }
  const key = `${year}|${[...weeklyRestDays].sort().join(',')}`;
  let list = cache.get(key);
  if (!list) {
    list = Object.freeze(compute(year, new Set(weeklyRestDays)));
    cache.set(key, list);
  }
  // Copies, so a caller that mutates its result cannot corrupt the cache.
  return list.map((h) => ({ ...h }));
}

function compute(year: number, restDays: ReadonlySet<number>): StatutoryHoliday[] {
  // Julian day numbers keep date arithmetic exact and free of time zones.
  const byDay = new Map<number, string>();
  const add = (jd: number, name: string): void => {
    // Two holidays on one day are one day off (not seen with today's list, but lunar dates move).
    if (!byDay.has(jd)) byDay.set(jd, name);
  };

  add(jdFromDate(1, 1, year), 'Tết Dương lịch');

  // Tết: the lunar new year always falls between 21 Jan and 20 Feb, so all five days are in `year`.
  const tet = lunarNewYear(year);
  const tetJd = jdFromDate(tet.day, tet.month, tet.year);
  add(tetJd - 1, 'Tết Nguyên Đán (ngày cuối năm âm lịch)');
  for (let i = 0; i < 4; i++) {
    add(tetJd + i, `Tết Nguyên Đán (mùng ${i + 1} tháng Giêng)`);
  }

  const hung = lunarToSolar(10, 3, year);
  add(jdFromDate(hung.day, hung.month, hung.year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');

  add(jdFromDate(30, 4, year), 'Ngày Chiến thắng (30/4)');
  add(jdFromDate(1, 5, year), 'Ngày Quốc tế Lao động (1/5)');
  add(jdFromDate(1, 9, year), 'Quốc khánh (ngày liền kề 1/9)');
  add(jdFromDate(2, 9, year), 'Quốc khánh (2/9)');

  // 0 = Sunday, like Date#getUTCDay (JD 2451545, 1 Jan 2000, was a Saturday).
  const weekday = (jd: number): number => (jd + 1) % 7;

  // Art. 112(3): a holiday on a weekly rest day gives a compensatory day off on the next working day. Walking
  // the holidays in date order makes a block (Tết) push its compensatory days past its own end, as the
  // government applies it, and two holidays never share a compensatory day.
  const sorted = [...byDay.keys()].sort((a, b) => a - b);
  const taken = new Set(sorted);
  const result: Array<{ jd: number; name: string }> = sorted.map((jd) => ({ jd, name: byDay.get(jd)! }));
  if (restDays.size < 7) {
    for (const jd of sorted) {
      if (!restDays.has(weekday(jd))) continue;
      let c = jd + 1;
      while (restDays.has(weekday(c)) || taken.has(c)) c++;
      taken.add(c);
      result.push({ jd: c, name: `Nghỉ bù ${byDay.get(jd)!}` });
    }
  }
  result.sort((a, b) => a.jd - b.jd);
  return result.map(({ jd, name }) => Object.freeze({ date: formatJd(jd), name }));
}

function formatJd(jd: number): string {
  const d = jdToDate(jd);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

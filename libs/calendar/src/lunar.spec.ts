import { jdFromDate, jdToDate, lunarNewYear, lunarToSolar, lunarToSolarAt, solarToLunar } from './lunar';

describe('lunarNewYear (Vietnamese calendar, UTC+7)', () => {
  it.each([
    [2026, { year: 2026, month: 2, day: 17 }],
    [2025, { year: 2025, month: 1, day: 29 }],
    [2027, { year: 2027, month: 2, day: 6 }],
    [2024, { year: 2024, month: 2, day: 10 }],
    [1985, { year: 1985, month: 1, day: 21 }],
    [2007, { year: 2007, month: 2, day: 17 }],
  ])('Tết %i', (year, expected) => {
    expect(lunarNewYear(year)).toEqual(expected);
  });

  // The reason the time zone is fixed at UTC+7: the same algorithm at UTC+8 (the Chinese calendar) differs.
  it('differs from the Chinese (UTC+8) calendar in 1985 and 2007', () => {
    expect(lunarToSolarAt(1, 1, 1985, false, 8)).toEqual({ year: 1985, month: 2, day: 20 });
    expect(lunarToSolarAt(1, 1, 2007, false, 8)).toEqual({ year: 2007, month: 2, day: 18 });
  });
});

describe('solarToLunar', () => {
  it.each([
    ['2026-02-17', { day: 1, month: 1, year: 2026, leap: false }],
    ['2026-02-16', { day: 29, month: 12, year: 2025, leap: false }], // last day of Ất Tỵ: month 12 has 29 days
    ['2026-02-14', { day: 27, month: 12, year: 2025, leap: false }], // start of the 2026 Tết break
    ['2026-02-22', { day: 6, month: 1, year: 2026, leap: false }], // its end, mùng 6
    ['2025-07-25', { day: 1, month: 6, year: 2025, leap: true }], // leap 6th month of 2025
    ['2025-08-23', { day: 1, month: 7, year: 2025, leap: false }],
    ['2023-03-22', { day: 1, month: 2, year: 2023, leap: true }], // leap 2nd month of 2023
    ['2020-05-23', { day: 1, month: 4, year: 2020, leap: true }], // leap 4th month of 2020
    ['2025-10-06', { day: 15, month: 8, year: 2025, leap: false }], // mid-autumn 2025
    ['2026-01-01', { day: 13, month: 11, year: 2025, leap: false }],
  ])('%s', (ymd, expected) => {
    const [y, m, d] = ymd.split('-').map(Number);
    expect(solarToLunar(y, m, d)).toEqual(expected);
  });

  it('rejects dates that do not exist', () => {
    expect(() => solarToLunar(2026, 2, 29)).toThrow(RangeError);
    expect(() => solarToLunar(2026, 13, 1)).toThrow(RangeError);
  });
});

describe('lunarToSolar', () => {
  it('Hùng Kings day (10/3 lunar)', () => {
    expect(lunarToSolar(10, 3, 2026)).toEqual({ year: 2026, month: 4, day: 26 });
    expect(lunarToSolar(10, 3, 2025)).toEqual({ year: 2025, month: 4, day: 7 });
  });

  it('distinguishes a leap month from the ordinary one', () => {
    expect(lunarToSolar(1, 6, 2025)).toEqual({ year: 2025, month: 6, day: 25 });
    expect(lunarToSolar(1, 6, 2025, true)).toEqual({ year: 2025, month: 7, day: 25 });
    expect(lunarToSolar(1, 7, 2025)).toEqual({ year: 2025, month: 8, day: 23 });
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError); // 2025 leaps month 6, not 5
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(RangeError); // 2026 has no leap month
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError); // month 12 of Ất Tỵ has 29 days
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2026)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  // Every day from 1990 to 2040: converting to lunar and back gives the same day, and lunar dates advance one day
  // at a time (a new month starts only after day 29 or 30).
  it('solar → lunar → solar over 1990–2040, with lunar days advancing by one', () => {
    const first = jdFromDate(1, 1, 1990);
    const last = jdFromDate(31, 12, 2040);
    let prev = solarToLunar(1989, 12, 31);
    let mismatches = 0;
    let badSteps = 0;
    const leapMonths: string[] = [];
    for (let jd = first; jd <= last; jd++) {
      const s = jdToDate(jd);
      const l = solarToLunar(s.year, s.month, s.day);
      const back = lunarToSolar(l.day, l.month, l.year, l.leap);
      if (back.year !== s.year || back.month !== s.month || back.day !== s.day) mismatches++;
      const continues = l.day === prev.day + 1 && l.month === prev.month && l.leap === prev.leap;
      const newMonth = l.day === 1 && (prev.day === 29 || prev.day === 30);
      if (!continues && !newMonth) badSteps++;
      if (l.day === 1 && l.leap) leapMonths.push(`${l.year}-${l.month}`);
      prev = l;
    }
    expect(mismatches).toBe(0);
    expect(badSteps).toBe(0);
    // Published Vietnamese leap months (lunar year-month).
    expect(leapMonths).toEqual([
      '1990-5',
      '1993-3',
      '1995-8',
      '1998-5',
      '2001-4',
      '2004-2',
      '2006-7',
      '2009-5',
      '2012-4',
      '2014-9',
      '2017-6',
      '2020-4',
      '2023-2',
      '2025-6',
      '2028-5',
      '2031-3',
      '2033-11',
      '2036-6',
      '2039-5',
    ]);
  });

  it('lunar → solar → lunar for every month start of 2020–2030', () => {
    for (let year = 2020; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        const s = lunarToSolar(1, month, year);
        expect(solarToLunar(s.year, s.month, s.day)).toEqual({ day: 1, month, year, leap: false });
      }
    }
  });
});

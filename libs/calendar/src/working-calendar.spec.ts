import { CALENDAR_EXCEPTIONS_SEED } from './exceptions-seed';
import { VIETNAM_UTC_OFFSET_MS } from '@app/common/vietnam-time';
import { createWorkingCalendar, WorkingCalendar } from './working-calendar';

// Local (UTC+7) wall time → Date, and Date → the same text, so failures read in local time.
const vn = (local: string): Date => new Date(`${local}+07:00`);
const local = (d: Date): string => new Date(d.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 16);

const seeded = (): WorkingCalendar => createWorkingCalendar('office', { exceptions: CALENDAR_EXCEPTIONS_SEED });

describe('office calendar, default hours 07:30–11:30 and 13:30–17:00', () => {
  const cal = createWorkingCalendar('office');

  it('has 450 working minutes a day', () => {
    expect(cal.workingMinutesPerDay).toBe(450);
  });

  it('8 working hours from Friday 16:00 end Monday 16:30', () => {
    const due = cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480);
    expect(due.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(local(due)).toBe('2026-11-23T16:30');
    expect(cal.workingMinutesBetween(vn('2026-11-20T16:00'), due)).toBe(480);
  });

  it.each([
    ['2026-11-23T07:30', 240, '2026-11-23T11:30'], // filling the morning ends at 11:30, not 13:30
    ['2026-11-23T07:30', 241, '2026-11-23T13:31'],
    ['2026-11-23T07:30', 450, '2026-11-23T17:00'],
    ['2026-11-23T07:30', 451, '2026-11-24T07:31'],
    ['2026-11-23T11:00', 60, '2026-11-23T14:00'],
    ['2026-11-23T12:00', 1, '2026-11-23T13:31'], // lunch break
    ['2026-11-23T06:00', 1, '2026-11-23T07:31'], // before opening
    ['2026-11-23T17:00', 1, '2026-11-24T07:31'], // at closing
    ['2026-11-23T20:00', 30, '2026-11-24T08:00'],
    ['2026-11-21T10:00', 1, '2026-11-23T07:31'], // Saturday
    ['2026-11-23T10:00', 0.5, '2026-11-23T10:00:30'],
  ])('%s + %f min = %s', (from, minutes, expected) => {
    const due = cal.addWorkingMinutes(vn(from), minutes);
    expect(due.getTime()).toBe(vn(expected).getTime());
  });

  it('adding 0 minutes returns the instant unchanged, even outside working time', () => {
    for (const at of ['2026-11-21T10:00', '2026-11-23T12:15', '2026-11-23T03:00', '2026-11-23T09:00']) {
      expect(cal.addWorkingMinutes(vn(at), 0).getTime()).toBe(vn(at).getTime());
    }
  });

  it('does not modify its argument', () => {
    const from = vn('2026-11-20T16:00');
    cal.addWorkingMinutes(from, 480);
    expect(from.getTime()).toBe(vn('2026-11-20T16:00').getTime());
  });

  it.each([
    ['2026-11-23T10:00', '2026-11-23T09:00', 0], // reversed
    ['2026-11-23T10:00', '2026-11-23T10:00', 0],
    ['2026-11-21T00:00', '2026-11-23T00:00', 0], // weekend
    ['2026-11-23T06:00', '2026-11-23T20:00', 450],
    ['2026-11-23T11:00', '2026-11-23T14:00', 60],
    ['2026-11-23T12:00', '2026-11-23T13:00', 0],
    ['2026-11-20T16:00', '2026-11-24T08:00', 60 + 450 + 30],
    ['2026-11-23T10:00:30', '2026-11-23T10:01', 0.5],
  ])('workingMinutesBetween(%s, %s) = %f', (from, to, expected) => {
    expect(cal.workingMinutesBetween(vn(from), vn(to))).toBe(expected);
  });

  it('counts 250 working days in 2026 (261 weekdays, 11 statutory days off on weekdays)', () => {
    expect(cal.workingMinutesBetween(vn('2026-01-01T00:00'), vn('2027-01-01T00:00'))).toBe(250 * 450);
    // The seed swaps one day for another, so the total is unchanged.
    expect(seeded().workingMinutesBetween(vn('2026-01-01T00:00'), vn('2027-01-01T00:00'))).toBe(250 * 450);
    // Across several years: 2025 and 2027 also have 261 weekdays and 11 weekdays off.
    expect(cal.workingMinutesBetween(vn('2025-01-01T00:00'), vn('2028-01-01T00:00'))).toBe((250 + 250 + 250) * 450);
    expect(cal.workingMinutesBetween(vn('2025-06-30T12:00'), vn('2027-03-01T10:00'))).toBe(
      cal.workingMinutesBetween(vn('2025-06-30T12:00'), vn('2026-01-01T00:00')) +
        cal.workingMinutesBetween(vn('2026-01-01T00:00'), vn('2027-01-01T00:00')) +
        cal.workingMinutesBetween(vn('2027-01-01T00:00'), vn('2027-03-01T10:00')),
    );
  });

  it('statutory holidays and their compensatory days are off', () => {
    expect(cal.isWorkingDay('2026-04-24')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-04-26')).toBe(false); // Hùng Kings, a Sunday
    expect(cal.isWorkingDay('2026-04-27')).toBe(false); // its compensatory Monday
    expect(cal.isWorkingDay('2026-04-28')).toBe(true);
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('handles long limits: 30 working days', () => {
    expect(local(cal.addWorkingMinutes(vn('2026-03-02T07:30'), 30 * 450))).toBe('2026-04-10T17:00');
    // Across Hùng Kings (compensated Mon 27 Apr), 30 April and 1 May.
    expect(local(cal.addWorkingMinutes(vn('2026-04-20T07:30'), 10 * 450))).toBe('2026-05-06T17:00');
    // Across Tết 2027 (off Fri 5 – Thu 11 Feb without announced swaps).
    expect(local(cal.addWorkingMinutes(vn('2027-01-25T07:30'), 30 * 450))).toBe('2027-03-12T17:00');
    expect(cal.workingMinutesBetween(vn('2027-01-25T07:30'), vn('2027-03-12T17:00'))).toBe(30 * 450);
  });
});

describe('office calendar with the seeded exceptions', () => {
  it('Tết 2026 is off from Saturday 14 to Sunday 22 February', () => {
    const cal = seeded();
    const days = Array.from({ length: 11 }, (_, i) => `2026-02-${String(13 + i).padStart(2, '0')}`);
    expect(days.map((d) => [d, cal.isWorkingDay(d)])).toEqual([
      ['2026-02-13', true],
      ['2026-02-14', false],
      ['2026-02-15', false],
      ['2026-02-16', false],
      ['2026-02-17', false],
      ['2026-02-18', false],
      ['2026-02-19', false],
      ['2026-02-20', false],
      ['2026-02-21', false],
      ['2026-02-22', false],
      ['2026-02-23', true],
    ]);
  });

  it('5 working days from Thursday 12 Feb 2026 10:00 run across Tết to Thursday 26 Feb 10:00', () => {
    const cal = seeded();
    const due = cal.addWorkingMinutes(vn('2026-02-12T10:00'), 5 * 450);
    // Thu 12 (300 min) + Fri 13 (450) + Mon 23, Tue 24, Wed 25 (1350) + Thu 26 07:30–10:00 (150).
    expect(local(due)).toBe('2026-02-26T10:00');
    expect(due.getTime()).toBeGreaterThan(vn('2026-02-23T00:00').getTime());
  });

  it('New Year 2026: Friday 2 January off, Saturday 10 January worked instead', () => {
    const cal = seeded();
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(local(cal.addWorkingMinutes(vn('2025-12-31T16:00'), 480))).toBe('2026-01-05T16:30');
    expect(local(cal.addWorkingMinutes(vn('2026-01-09T16:00'), 480))).toBe('2026-01-10T16:30');
    // Without the seed, 2 January is an ordinary Friday.
    const plain = createWorkingCalendar('office');
    expect(local(plain.addWorkingMinutes(vn('2025-12-31T16:00'), 480))).toBe('2026-01-02T16:30');
  });
});

describe('office calendar exceptions and options', () => {
  it("a swapped Saturday (kind 'working') counts", () => {
    const cal = createWorkingCalendar('office', { exceptions: [{ date: '2026-11-21', kind: 'working' }] });
    expect(cal.isWorkingDay('2026-11-21')).toBe(true);
    expect(local(cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480))).toBe('2026-11-21T16:30');
    expect(cal.workingMinutesBetween(vn('2026-11-20T16:00'), vn('2026-11-23T16:30'))).toBe(60 + 450 + 420);
  });

  it("an 'off' exception skips the day", () => {
    const cal = createWorkingCalendar('office', { exceptions: [{ date: '2026-11-23', kind: 'off' }] });
    expect(cal.isWorkingDay('2026-11-23')).toBe(false);
    expect(local(cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480))).toBe('2026-11-24T16:30');
    expect(cal.workingMinutesBetween(vn('2026-11-23T00:00'), vn('2026-11-24T00:00'))).toBe(0);
  });

  it('an exception overrides a statutory holiday, and the last entry for a date wins', () => {
    const cal = createWorkingCalendar('office', {
      exceptions: [
        { date: '2026-09-02', kind: 'off' },
        { date: '2026-09-02', kind: 'working' },
      ],
    });
    expect(cal.isWorkingDay('2026-09-02')).toBe(true);
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
  });

  it('statutoryHolidays: false keeps only weekends', () => {
    const cal = createWorkingCalendar('office', { statutoryHolidays: false });
    expect(cal.isWorkingDay('2026-02-17')).toBe(true);
    expect(cal.isWorkingDay('2026-02-21')).toBe(false);
  });

  it('other weekend days (Sunday only)', () => {
    const cal = createWorkingCalendar('office', { weekendDays: [0] });
    expect(cal.isWorkingDay('2026-11-21')).toBe(true);
    expect(cal.isWorkingDay('2026-11-22')).toBe(false);
    expect(local(cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480))).toBe('2026-11-21T16:30');
    // 1 May 2027 is a Saturday: a working day here, so the holiday is not compensated on Monday 3 May.
    expect(cal.isWorkingDay('2027-05-01')).toBe(false);
    expect(cal.isWorkingDay('2027-05-03')).toBe(true);
  });

  it('other office hours, given in any order', () => {
    const cal = createWorkingCalendar('office', {
      officeHours: [
        { start: '13:00', end: '17:00' },
        { start: '08:00', end: '12:00' },
      ],
    });
    expect(cal.workingMinutesPerDay).toBe(480);
    expect(local(cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480))).toBe('2026-11-23T16:00');
    expect(local(cal.addWorkingMinutes(vn('2026-11-23T12:30'), 1))).toBe('2026-11-23T13:01');
  });

  it('rejects invalid input', () => {
    const cal = createWorkingCalendar('office');
    expect(() => cal.addWorkingMinutes(vn('2026-11-20T16:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(vn('2026-11-20T16:00'), NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(new Date('nonsense'), 1)).toThrow(RangeError);
    expect(() => cal.workingMinutesBetween(vn('2026-11-20T16:00'), new Date(NaN))).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-2-1')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    const bad = (options: Parameters<typeof createWorkingCalendar>[1]) => () =>
      createWorkingCalendar('office', options);
    expect(bad({ officeHours: [] })).toThrow(RangeError);
    expect(bad({ officeHours: [{ start: '25:00', end: '26:00' }] })).toThrow(RangeError);
    expect(bad({ officeHours: [{ start: '11:00', end: '10:00' }] })).toThrow(RangeError);
    expect(
      bad({
        officeHours: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }),
    ).toThrow(RangeError);
    expect(bad({ weekendDays: [7] })).toThrow(RangeError);
    expect(bad({ exceptions: [{ date: '2026-02-30', kind: 'off' }] })).toThrow(RangeError);
    expect(bad({ exceptions: [{ date: '2026-02-03', kind: 'holiday' as 'off' }] })).toThrow(RangeError);
    expect(() => createWorkingCalendar('weekly' as '24x7')).toThrow(RangeError);
  });

  it('throws instead of looping for ever when no day is a working day', () => {
    const cal = createWorkingCalendar('office', { weekendDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(() => cal.addWorkingMinutes(vn('2026-11-20T16:00'), 1)).toThrow(/No working day/);
    expect(cal.workingMinutesBetween(vn('2026-01-01T00:00'), vn('2027-01-01T00:00'))).toBe(0);
  });
});

describe('24x7 calendar', () => {
  const cal = createWorkingCalendar('24x7', {
    exceptions: [{ date: '2026-11-23', kind: 'off' }],
    officeHours: [{ start: '08:00', end: '09:00' }],
  });

  it('counts plain elapsed minutes, ignoring office hours, weekends, holidays and exceptions', () => {
    expect(cal.workingMinutesPerDay).toBe(1440);
    expect(local(cal.addWorkingMinutes(vn('2026-11-20T16:00'), 480))).toBe('2026-11-21T00:00');
    expect(local(cal.addWorkingMinutes(vn('2026-11-22T23:30'), 60))).toBe('2026-11-23T00:30');
    expect(local(cal.addWorkingMinutes(vn('2026-02-12T10:00'), 5 * 450))).toBe('2026-02-13T23:30');
    expect(local(cal.addWorkingMinutes(vn('2026-02-17T03:00'), 0))).toBe('2026-02-17T03:00');
    expect(cal.workingMinutesBetween(vn('2026-11-21T00:00'), vn('2026-11-22T00:00'))).toBe(1440);
    expect(cal.workingMinutesBetween(vn('2026-11-22T00:00'), vn('2026-11-21T00:00'))).toBe(0);
    expect(cal.isWorkingDay('2026-02-17')).toBe(true);
    expect(cal.isWorkingDay('2026-11-23')).toBe(true);
    expect(() => cal.isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(vn('2026-11-20T16:00'), -5)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween is the inverse of addWorkingMinutes', () => {
  // mulberry32: a small deterministic PRNG, so a failure reproduces exactly.
  const prng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const START = vn('2025-12-01T00:00').getTime();
  const SPAN = 2 * 365 * 86_400_000;

  it.each([
    ['office + seed', seeded()],
    [
      'office, Sunday-only weekend, custom hours',
      createWorkingCalendar('office', {
        weekendDays: [0],
        officeHours: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '17:15' },
        ],
        exceptions: [{ date: '2026-06-06', kind: 'off' }],
      }),
    ],
    ['24x7', createWorkingCalendar('24x7')],
  ])('%s: between(from, add(from, n)) = n for 400 random instants', (_, cal) => {
    const random = prng(20261120);
    for (let i = 0; i < 400; i++) {
      // Any instant, not minute-aligned, working or not.
      const from = new Date(START + Math.floor(random() * SPAN));
      const n = Math.floor(random() * 30 * cal.workingMinutesPerDay);
      const due = cal.addWorkingMinutes(from, n);
      expect(cal.workingMinutesBetween(from, due)).toBe(n);
      // The deadline is the earliest such instant: one millisecond earlier is short of n.
      if (n > 0) expect(cal.workingMinutesBetween(from, new Date(due.getTime() - 1))).toBeLessThan(n);
    }
  });

  it('add(from, between(from, to)) is the last working instant at or before to', () => {
    const cal = seeded();
    const random = prng(7);
    // Independent check of "to is inside working time": a working day, and strictly after a period's start
    // (at 07:30 sharp the last working instant is the previous 17:00) up to and including its end.
    const inWorkingTime = (t: number): boolean => {
      const text = local(new Date(t));
      const date = text.slice(0, 10);
      const ms = (t + VIETNAM_UTC_OFFSET_MS) % 86_400_000;
      const m = ms / 60_000;
      return cal.isWorkingDay(date) && ((m > 450 && m <= 690) || (m > 810 && m <= 1020));
    };
    let exact = 0;
    for (let i = 0; i < 400; i++) {
      const a = START + Math.floor(random() * SPAN);
      const b = a + 1 + Math.floor(random() * 60 * 86_400_000);
      const minutes = cal.workingMinutesBetween(new Date(a), new Date(b));
      const back = cal.addWorkingMinutes(new Date(a), minutes).getTime();
      expect(back).toBeLessThanOrEqual(b);
      // No working time lies between the result and `to`.
      expect(cal.workingMinutesBetween(new Date(back), new Date(b))).toBe(0);
      // Exact exactly when `to` is in working time (and `from` is not after the last working instant).
      if (minutes > 0) expect([b, back === b]).toEqual([b, inWorkingTime(b)]);
      if (back === b) exact++;
    }
    // Deterministic for this seed; about 450/1440 × 5/7 of random instants are in working time.
    expect(exact).toBe(81);
  });
});

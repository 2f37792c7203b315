import { AppError } from '@app/common';
import { bucketsOf, calendarMonth, defaultGranularity, monthPeriod, resolvePeriod, splitPeriod } from './period';

const CAL_MONTH = { day: 1, hour: 0 };
const iso = (d: Date) => d.toISOString();
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return Object.keys((e as AppError).details!.fields as object)[0];
  }
  throw new Error('expected a validation error');
};

describe('statistics periods (Asia/Ho_Chi_Minh)', () => {
  it('defaults to the current local month, even when UTC is still in the previous one', () => {
    const now = new Date('2024-02-29T18:30:00Z'); // 01:30 on 1 March in Vietnam
    expect(calendarMonth(now)).toEqual({
      from: new Date('2024-02-29T17:00:00Z'),
      to: new Date('2024-03-31T17:00:00Z'),
    });
    const p = resolvePeriod({}, CAL_MONTH, now);
    expect([iso(p.from), iso(p.to), p.granularity]).toEqual([
      '2024-02-29T17:00:00.000Z',
      '2024-03-31T17:00:00.000Z',
      'day',
    ]);
  });

  it('reads date-only bounds as local days, `to` inclusive; date-times as given', () => {
    const p = resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, CAL_MONTH, new Date());
    expect([iso(p.from), iso(p.to)]).toEqual(['2023-12-31T17:00:00.000Z', '2024-12-31T17:00:00.000Z']);
    expect(p.granularity).toBe('week');
    const q = resolvePeriod({ from: '2024-03-01T08:00:00+07:00', to: '2024-03-01T10:00:00Z' }, CAL_MONTH, new Date());
    expect([iso(q.from), iso(q.to)]).toEqual(['2024-03-01T01:00:00.000Z', '2024-03-01T10:00:00.000Z']);
  });

  it('refuses impossible or reversed periods, naming the field', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2024-02-30' }, CAL_MONTH, new Date()))).toBe('from');
    expect(fieldOf(() => resolvePeriod({ from: '2024-03-01T08:00:00' }, CAL_MONTH, new Date()))).toBe('from'); // no offset
    expect(fieldOf(() => resolvePeriod({ from: '2024-05-01', to: '2024-04-30' }, CAL_MONTH, new Date()))).toBe('to');
    expect(fieldOf(() => resolvePeriod({ from: '2000-01-01', to: '2024-01-01' }, CAL_MONTH, new Date()))).toBe('from');
    expect(fieldOf(() => resolvePeriod({ period: 'month' }, CAL_MONTH, new Date()))).toBe('month');
    expect(fieldOf(() => resolvePeriod({ period: 'month', month: '2024-13' }, CAL_MONTH, new Date()))).toBe('month');
    expect(
      fieldOf(() => resolvePeriod({ period: 'month', month: '2024-03', from: '2024-01-01' }, CAL_MONTH, new Date())),
    ).toBe('period');
    expect(fieldOf(() => resolvePeriod({ month: '2024-03' }, CAL_MONTH, new Date()))).toBe('period');
    expect(
      fieldOf(() => resolvePeriod({ from: '2020-01-01', to: '2024-12-31', granularity: 'day' }, CAL_MONTH, new Date())),
    ).toBe('granularity');
  });

  it('cuts monthly periods at the configured day and hour', () => {
    // Day 1: calendar months.
    expect(monthPeriod('2024-03', CAL_MONTH)).toEqual({
      from: new Date('2024-02-29T17:00:00Z'),
      to: new Date('2024-03-31T17:00:00Z'),
    });
    // Day 15 at 08:00: 15/02 08:00 to 15/03 08:00 is the March period (Decree 09/2019 style).
    expect(monthPeriod('2024-03', { day: 15, hour: 8 })).toEqual({
      from: new Date('2024-02-15T01:00:00Z'),
      to: new Date('2024-03-15T01:00:00Z'),
    });
    // Across the year: January's period starts in December of the year before.
    expect(monthPeriod('2024-01', { day: 20, hour: 0 })).toEqual({
      from: new Date('2023-12-19T17:00:00Z'),
      to: new Date('2024-01-19T17:00:00Z'),
    });
    // Day 1 at 08:00: the period follows the calendar month, shifted by eight hours.
    expect(monthPeriod('2024-12', { day: 1, hour: 8 })).toEqual({
      from: new Date('2024-12-01T01:00:00Z'),
      to: new Date('2025-01-01T01:00:00Z'),
    });
    const p = resolvePeriod({ period: 'month', month: '2024-03' }, { day: 15, hour: 8 }, new Date());
    expect([iso(p.from), iso(p.to), p.granularity]).toEqual([
      '2024-02-15T01:00:00.000Z',
      '2024-03-15T01:00:00.000Z',
      'day',
    ]);
  });

  it('lists local buckets covering the period, including partial first and last ones', () => {
    const p = resolvePeriod({ from: '2024-02-28', to: '2024-03-02' }, CAL_MONTH, new Date());
    expect(bucketsOf(p)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    // 2024-03-06 is a Wednesday: its week starts Monday 2024-03-04.
    expect(
      bucketsOf({
        ...resolvePeriod({ from: '2024-03-06', to: '2024-03-18' }, CAL_MONTH, new Date()),
        granularity: 'week',
      }),
    ).toEqual(['2024-03-04', '2024-03-11', '2024-03-18']);
    expect(
      bucketsOf({
        ...resolvePeriod({ from: '2023-12-15', to: '2024-02-01' }, CAL_MONTH, new Date()),
        granularity: 'month',
      }),
    ).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(defaultGranularity(new Date('2020-01-01'), new Date('2022-01-01'))).toBe('month');
  });

  describe('splitPeriod (whole local days for the rollups, partial days from the reports)', () => {
    const at = (s: string) => new Date(s);
    it('serves a period of whole local days from the rollups alone', () => {
      expect(splitPeriod({ from: at('2024-02-29T17:00:00Z'), to: at('2024-03-31T17:00:00Z') })).toEqual({
        days: { from: '2024-03-01', to: '2024-04-01' },
        edges: [],
      });
    });
    it('cuts a monthly period at 08:00 into a partial first day, whole days and a partial last day', () => {
      const from = at('2024-02-15T08:00:00+07:00');
      const to = at('2024-03-15T08:00:00+07:00');
      expect(splitPeriod({ from, to })).toEqual({
        days: { from: '2024-02-16', to: '2024-03-15' },
        edges: [
          { from, to: at('2024-02-16T00:00:00+07:00') },
          { from: at('2024-03-15T00:00:00+07:00'), to },
        ],
      });
    });
    it('keeps a period inside one day (or across one midnight) entirely on the reports', () => {
      const within = { from: at('2024-03-01T08:00:00+07:00'), to: at('2024-03-01T17:00:00+07:00') };
      expect(splitPeriod(within)).toEqual({ days: null, edges: [within] });
      const across = { from: at('2024-03-01T20:00:00+07:00'), to: at('2024-03-02T06:00:00+07:00') };
      expect(splitPeriod(across)).toEqual({ days: null, edges: [across] });
    });
    it('takes today whole when the period ends between now and tonight (nothing is received after now)', () => {
      const now = at('2024-03-10T15:30:00+07:00');
      const from = at('2024-03-01T09:00:00+07:00');
      expect(splitPeriod({ from, to: now }, now)).toEqual({
        days: { from: '2024-03-02', to: '2024-03-11' },
        edges: [{ from, to: at('2024-03-02T00:00:00+07:00') }],
      });
      // Ending earlier today, or a period inside today, keeps its partial day exact.
      const earlier = at('2024-03-10T12:00:00+07:00');
      expect(splitPeriod({ from, to: earlier }, now).edges.at(-1)).toEqual({
        from: at('2024-03-10T00:00:00+07:00'),
        to: earlier,
      });
      const today = { from: at('2024-03-10T08:00:00+07:00'), to: now };
      expect(splitPeriod(today, now)).toEqual({ days: null, edges: [today] });
    });
    it('covers every instant exactly once (random periods)', () => {
      let seed = 7;
      const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 500; i++) {
        const from = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 400) * 3_600_000);
        const to = new Date(from.getTime() + 1 + Math.floor(rand() * 24 * 40) * 3_600_000);
        const { days, edges } = splitPeriod({ from, to });
        const pieces = [...edges.map((e) => [e.from.getTime(), e.to.getTime()])];
        if (days) pieces.push([Date.parse(`${days.from}T00:00:00+07:00`), Date.parse(`${days.to}T00:00:00+07:00`)]);
        pieces.sort((a, b) => a[0] - b[0]);
        expect(pieces[0][0]).toBe(from.getTime());
        expect(pieces.at(-1)![1]).toBe(to.getTime());
        for (let k = 1; k < pieces.length; k++) expect(pieces[k][0]).toBe(pieces[k - 1][1]);
      }
    });
  });
});

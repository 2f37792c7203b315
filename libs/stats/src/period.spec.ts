import { AppError } from '@app/common';
import { bucketsOf, calendarMonth, defaultGranularity, monthPeriod, resolvePeriod } from './period';

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
    expect(calendarMonth(now)).toEqual({ from: new Date('2024-02-29T17:00:00Z'), to: new Date('2024-03-31T17:00:00Z') });
    const p = resolvePeriod({}, CAL_MONTH, now);
    expect([iso(p.from), iso(p.to), p.granularity]).toEqual(['2024-02-29T17:00:00.000Z', '2024-03-31T17:00:00.000Z', 'day']);
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
    expect(fieldOf(() => resolvePeriod({ period: 'month', month: '2024-03', from: '2024-01-01' }, CAL_MONTH, new Date()))).toBe('period');
    expect(fieldOf(() => resolvePeriod({ month: '2024-03' }, CAL_MONTH, new Date()))).toBe('period');
    expect(fieldOf(() => resolvePeriod({ from: '2020-01-01', to: '2024-12-31', granularity: 'day' }, CAL_MONTH, new Date()))).toBe('granularity');
  });

  it('cuts monthly periods at the configured day and hour', () => {
    // Day 1: calendar months.
    expect(monthPeriod('2024-03', CAL_MONTH)).toEqual({ from: new Date('2024-02-29T17:00:00Z'), to: new Date('2024-03-31T17:00:00Z') });
    // Day 15 at 08:00: 15/02 08:00 to 15/03 08:00 is the March period (Decree 09/2019 style).
    expect(monthPeriod('2024-03', { day: 15, hour: 8 })).toEqual({ from: new Date('2024-02-15T01:00:00Z'), to: new Date('2024-03-15T01:00:00Z') });
    // Across the year: January's period starts in December of the year before.
    expect(monthPeriod('2024-01', { day: 20, hour: 0 })).toEqual({ from: new Date('2023-12-19T17:00:00Z'), to: new Date('2024-01-19T17:00:00Z') });
    // Day 1 at 08:00: the period follows the calendar month, shifted by eight hours.
    expect(monthPeriod('2024-12', { day: 1, hour: 8 })).toEqual({ from: new Date('2024-12-01T01:00:00Z'), to: new Date('2025-01-01T01:00:00Z') });
    const p = resolvePeriod({ period: 'month', month: '2024-03' }, { day: 15, hour: 8 }, new Date());
    expect([iso(p.from), iso(p.to), p.granularity]).toEqual(['2024-02-15T01:00:00.000Z', '2024-03-15T01:00:00.000Z', 'day']);
  });

  it('lists local buckets covering the period, including partial first and last ones', () => {
    const p = resolvePeriod({ from: '2024-02-28', to: '2024-03-02' }, CAL_MONTH, new Date());
    expect(bucketsOf(p)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    // 2024-03-06 is a Wednesday: its week starts Monday 2024-03-04.
    expect(bucketsOf({ ...resolvePeriod({ from: '2024-03-06', to: '2024-03-18' }, CAL_MONTH, new Date()), granularity: 'week' }))
      .toEqual(['2024-03-04', '2024-03-11', '2024-03-18']);
    expect(bucketsOf({ ...resolvePeriod({ from: '2023-12-15', to: '2024-02-01' }, CAL_MONTH, new Date()), granularity: 'month' }))
      .toEqual(['2023-12', '2024-01', '2024-02']);
    expect(defaultGranularity(new Date('2020-01-01'), new Date('2022-01-01'))).toBe('month');
  });
});

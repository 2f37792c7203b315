import { formatDays, placeAndDate, weekStartOf } from './vietnamese-time';

describe('Vietnamese dates in letters', () => {
  it('pads days below 10 and the months 1 and 2 only (Decree 30/2020)', () => {
    expect(placeAndDate('Thái Nguyên', new Date('2026-11-23T02:00:00Z'))).toBe(
      'Thái Nguyên, ngày 23 tháng 11 năm 2026',
    );
    expect(placeAndDate('Thái Nguyên', new Date('2026-03-05T02:00:00Z'))).toBe('Thái Nguyên, ngày 05 tháng 3 năm 2026');
    expect(placeAndDate('Tây Ninh', new Date('2026-02-09T02:00:00Z'))).toBe('Tây Ninh, ngày 09 tháng 02 năm 2026');
    expect(placeAndDate('Tây Ninh', new Date('2026-01-15T02:00:00Z'))).toBe('Tây Ninh, ngày 15 tháng 01 năm 2026');
  });

  it('keys a week by its local Monday', () => {
    expect(weekStartOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23'); // Monday 07:00
    expect(weekStartOf(new Date('2026-11-22T16:59:00Z'))).toBe('2026-11-16'); // Sunday 23:59
    expect(weekStartOf(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23'); // Monday 00:00
    expect(weekStartOf(new Date('2026-11-29T10:00:00Z'))).toBe('2026-11-23'); // Sunday afternoon
    expect(weekStartOf(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12-28'); // across the new year
  });

  it('writes days overdue with one decimal and a decimal comma', () => {
    expect(formatDays(1.5)).toBe('1,5');
    expect(formatDays(12)).toBe('12,0');
  });
});

import { statutoryHolidays } from './holidays';

describe('statutoryHolidays', () => {
  it('2026: Tết Mon 16 – Fri 20 Feb, Hùng Kings on a Sunday compensated on Monday', () => {
    expect(statutoryHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-02-16', name: 'Tết Nguyên Đán (ngày cuối năm âm lịch)' },
      { date: '2026-02-17', name: 'Tết Nguyên Đán (mùng 1 tháng Giêng)' },
      { date: '2026-02-18', name: 'Tết Nguyên Đán (mùng 2 tháng Giêng)' },
      { date: '2026-02-19', name: 'Tết Nguyên Đán (mùng 3 tháng Giêng)' },
      { date: '2026-02-20', name: 'Tết Nguyên Đán (mùng 4 tháng Giêng)' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
      { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề 1/9)' },
      { date: '2026-09-02', name: 'Quốc khánh (2/9)' },
    ]);
  });

  it('2027: Tết Sat 6 Feb, the weekend Tết days are compensated after the block, 1 May (Sat) on Monday', () => {
    expect(statutoryHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10', // compensates Sat 6 Feb
      '2027-02-11', // compensates Sun 7 Feb
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03', // compensates Sat 1 May
      '2027-09-01',
      '2027-09-02',
    ]);
    expect(statutoryHolidays(2027).find((h) => h.date === '2027-02-10')?.name).toBe(
      'Nghỉ bù Tết Nguyên Đán (mùng 1 tháng Giêng)',
    );
  });

  it('2025: Tết 28 Jan – 1 Feb (Sat, compensated Mon 3 Feb), Hùng Kings Mon 7 Apr', () => {
    expect(statutoryHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-03',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('has 11 statutory days every year, plus one compensatory day per holiday on a weekend', () => {
    for (let year = 2000; year <= 2050; year++) {
      const list = statutoryHolidays(year);
      const compensatory = list.filter((h) => h.name.startsWith('Nghỉ bù ')).length;
      const onWeekend = list.filter((h) => {
        const day = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        return !h.name.startsWith('Nghỉ bù ') && (day === 0 || day === 6);
      }).length;
      expect({ year, statutory: list.length - compensatory, compensatory }).toEqual({
        year,
        statutory: 11,
        compensatory: onWeekend,
      });
      // Compensatory days are working weekdays, distinct from each other and from the holidays.
      expect(new Set(list.map((h) => h.date)).size).toBe(list.length);
      const compensatoryOnWeekend = list.filter((h) => {
        const day = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        return h.name.startsWith('Nghỉ bù ') && (day === 0 || day === 6);
      });
      expect(compensatoryOnWeekend).toEqual([]);
    }
  });

  it('follows other weekly rest days for compensation (Sunday only)', () => {
    const dates = statutoryHolidays(2027, [0]).map((h) => h.date);
    // Sat 6 Feb is a working weekday here, so only Sun 7 Feb is compensated, on Wed 10 Feb; 1 May (Sat) is not.
    expect(dates.filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(dates).not.toContain('2027-05-03');
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    const first = statutoryHolidays(2026);
    first[0].date = '1999-01-01';
    first.pop();
    expect(statutoryHolidays(2026)[0].date).toBe('2026-01-01');
    expect(statutoryHolidays(2026)).toHaveLength(12);
  });

  it('rejects a non-integer year', () => {
    expect(() => statutoryHolidays(2026.5)).toThrow(RangeError);
  });
});

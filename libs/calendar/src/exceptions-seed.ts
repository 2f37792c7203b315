// Initial rows of the calendar exceptions table (editable by an admin afterwards): only what the government
// announced for civil servants BEYOND statutoryHolidays(), i.e. swapped days and extra days off. Days that the
// Labour Code rules already produce (Tết days, compensatory days for holidays on a weekend) are not repeated here.
//
// Checked against press reports of the announcements (the official letters were not read directly):
// - 2026 New Year: Văn bản 12729/VPCP-KGVX of 25 Dec 2025: off Thu 1 – Sun 4 Jan 2026 by swapping Fri 2 Jan
//   with Sat 10 Jan.
// - Tết 2026 (Sat 14 – Sun 22 Feb 2026, 9 days): the five Tết days announced are Mon 16 Feb (29 tháng Chạp, the
//   last day of lunar year Ất Tỵ) to Fri 20 Feb (mùng 4), exactly what statutoryHolidays(2026) computes, with the
//   weekends on either side: no entry is needed.
// - Hùng Kings 2026 falls on Sun 26 Apr: the compensatory Monday 27 Apr is computed, no entry.
// Not known, so deliberately absent (add them when announced):
// - National Day 2026 (Wed 2 Sep): which adjacent day (Tue 1 Sep is assumed by statutoryHolidays) or any swap.
// - Everything for 2027. Note Tết 2027: lunar new year is Sat 6 Feb 2027, so the computed days off are Fri 5 –
//   Thu 11 Feb (with compensatory Wed 10 and Thu 11) and Fri 12 Feb is a working day unless a swap is announced.
// - Vietnamese Culture Day 24 November (Politburo Resolution 80-NQ/TW, Jan 2026): announced as a paid day off,
//   but it needs an amendment of Labour Code Art. 112 that was not yet in force when this was written; once it
//   is, it belongs in statutoryHolidays(), not here.
export interface CalendarExceptionSeed {
  date: string;
  kind: 'off' | 'working';
  note: string;
}

export const CALENDAR_EXCEPTIONS_SEED: CalendarExceptionSeed[] = [
  {
    date: '2026-01-02',
    kind: 'off',
    note: 'Tết Dương lịch 2026: nghỉ thứ Sáu 02/01, hoán đổi sang thứ Bảy 10/01 (Văn bản 12729/VPCP-KGVX ngày 25/12/2025)',
  },
  {
    date: '2026-01-10',
    kind: 'working',
    note: 'Làm bù cho thứ Sáu 02/01/2026 (Văn bản 12729/VPCP-KGVX ngày 25/12/2025)',
  },
];

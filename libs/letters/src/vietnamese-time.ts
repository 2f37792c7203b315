import { localParts, localYmd } from '@app/common/vietnam-time';

// What only letters write about dates. Local time itself (local dates, dd/MM/yyyy HH:mm) is
// @app/common/vietnam-time's, which letters use directly.
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The place-and-date line of an administrative document: "Thái Nguyên, ngày 05 tháng 3 năm 2026".
 * Decree 30/2020/NĐ-CP writes days below 10 and the months 1 and 2 with a leading zero, and no other month.
 */
export function placeAndDate(place: string, d: Date): string {
  const { year, month, day } = localParts(d)!;
  return `${place}, ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : month} năm ${year}`;
}

/** The local Monday ('YYYY-MM-DD') of the week containing `d`: weekly letters are keyed by it. */
export function weekStartOf(d: Date): string {
  const daysSinceMonday = (localParts(d)!.weekday + 6) % 7;
  return localYmd(new Date(d.getTime() - daysSinceMonday * 86_400_000));
}

/** One decimal with a decimal comma, as Vietnamese documents write numbers: 1,5. */
export const formatDays = (days: number) => days.toFixed(1).replace('.', ',');

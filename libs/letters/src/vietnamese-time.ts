import { VIETNAM_UTC_OFFSET_MS } from '@app/calendar';

// Letters show local (Asia/Ho_Chi_Minh) dates whatever the server's time zone. Vietnam has kept UTC+7 without
// daylight saving since 1975, so shifting by the fixed offset and reading UTC fields gives the local clock.
const local = (d: Date) => new Date(d.getTime() + VIETNAM_UTC_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the local date. */
export function localYmd(d: Date): string {
  const l = local(d);
  return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
}

/** 'dd/MM/yyyy HH:mm', local time. */
export function formatDateTime(d: Date): string {
  const l = local(d);
  return `${pad(l.getUTCDate())}/${pad(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
}

/**
 * The place-and-date line of an administrative document: "Thái Nguyên, ngày 05 tháng 3 năm 2026".
 * Decree 30/2020/NĐ-CP writes days below 10 and the months 1 and 2 with a leading zero, and no other month.
 */
export function placeAndDate(place: string, d: Date): string {
  const l = local(d);
  const day = l.getUTCDate();
  const month = l.getUTCMonth() + 1;
  return `${place}, ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : month} năm ${l.getUTCFullYear()}`;
}

/** The local Monday ('YYYY-MM-DD') of the week containing `d`: weekly letters are keyed by it. */
export function weekStartOf(d: Date): string {
  const l = local(d);
  const daysSinceMonday = (l.getUTCDay() + 6) % 7;
  return localYmd(new Date(d.getTime() - daysSinceMonday * 86_400_000));
}

/** One decimal with a decimal comma, as Vietnamese documents write numbers: 1,5. */
export const formatDays = (days: number) => days.toFixed(1).replace('.', ',');

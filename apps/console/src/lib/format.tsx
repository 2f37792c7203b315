// Dates as Vietnamese staff read them, in Vietnamese local time whatever the browser's zone: the same helpers as the
// server's (@app/common/vietnam-time), with a dash where there is no date.
import { formatDate as date, formatDateTime as dateTime, localYmd, VIETNAM_UTC_OFFSET } from '@app/common/vietnam-time';

type Instant = string | number | Date | null | undefined;

/** 23/11/2026 14:05 */
export const formatDateTime = (value: Instant): string => dateTime(value) || '—';

/** 23/11/2026 */
export const formatDate = (value: Instant): string => date(value) || '—';

/** The calendar date in Vietnam (yyyy-MM-dd) of an instant. */
export const vnDay = (value: Date = new Date()): string => localYmd(value);

/** Start of a Vietnamese calendar day (yyyy-MM-dd) as an ISO instant with offset. */
export const dayStart = (day: string) => `${day}T00:00:00${VIETNAM_UTC_OFFSET}`;

/** "2 giờ 15 phút", "3 ngày 4 giờ": a duration in words, coarse. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return mins ? `${hours} giờ ${mins} phút` : `${hours} giờ`;
  return `${mins} phút`;
}

export const formatNumber = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A rate from the API (a fraction 0..1, or already a percentage) as "93,5 %". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const pct = rate <= 1 ? rate * 100 : rate;
  return `${formatNumber(pct, 1)} %`;
}

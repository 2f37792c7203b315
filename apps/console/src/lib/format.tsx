// Dates as Vietnamese staff read them: dd/MM/yyyy HH:mm, always in Asia/Ho_Chi_Minh whatever the browser's zone.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has kept UTC+7 without daylight saving since 1975: day boundaries are fixed offsets. */
export const VN_OFFSET = '+07:00';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function fields(value: string | number | Date): Record<string, string> | null {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]));
}

/** 23/11/2026 14:05 */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const f = fields(value);
  return f ? `${f.day}/${f.month}/${f.year} ${f.hour}:${f.minute}` : '—';
}

/** 23/11/2026 */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const f = fields(value);
  return f ? `${f.day}/${f.month}/${f.year}` : '—';
}

/** The calendar date in Vietnam (yyyy-MM-dd) of an instant. */
export function vnDay(value: Date = new Date()): string {
  const f = fields(value)!;
  return `${f.year}-${f.month}-${f.day}`;
}

/** Start of a Vietnamese calendar day (yyyy-MM-dd) as an ISO instant with offset. */
export const dayStart = (day: string) => `${day}T00:00:00${VN_OFFSET}`;

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

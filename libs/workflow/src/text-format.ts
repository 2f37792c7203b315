// Small text helpers of the Vietnamese texts (event-texts.ts, the notification texts). Browser-safe.

/** Push payloads are small (4 KB) and inbox lines are read at a glance: keep quoted text short. */
export function excerpt(text: unknown, max = 120): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

// Vietnam has kept UTC+7 without daylight saving since 1975: shift and read the UTC fields.
const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:mm dd/MM/yyyy' in Vietnamese local time, or '' for no date. */
export function formatLocal(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

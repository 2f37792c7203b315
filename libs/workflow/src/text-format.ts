// Small text helpers of the Vietnamese texts (event-texts.ts, the notification texts). Browser-safe.

/** Push payloads are small (4 KB) and inbox lines are read at a glance: keep quoted text short. */
export function excerpt(text: unknown, max = 120): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** 'HH:mm dd/MM/yyyy' in Vietnamese local time, or '' for no date. */
export { formatTimeDate as formatLocal } from '@app/common/vietnam-time';

// Vietnamese local time, written once for the server and the console (docs/architecture.md#where-each-rule-lives).
// Vietnam (Asia/Ho_Chi_Minh) has kept UTC+7 without daylight saving since 1975, so shifting an instant by the fixed
// offset and reading its UTC fields gives the local clock whatever the host's or the browser's time zone, without
// the tz database. Browser-safe and pure: it imports nothing, because the console, the workflow texts and the
// migrations (through the calendar) load it.

/** The IANA name, for what needs one: Bull's cron, an API response saying which zone its days are in. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The offset as ISO 8601 writes it. */
export const VIETNAM_UTC_OFFSET = '+07:00';
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The local calendar and clock of an instant; month 1–12, weekday 0 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** An instant as the API and the database hand it over; null and undefined are "no date". */
export type Instant = Date | string | number | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local parts of an instant; null when there is none or it is not a valid date. */
export function localParts(at: Instant): LocalParts | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = (at instanceof Date ? at : new Date(at)).getTime();
  if (Number.isNaN(ms)) return null;
  const l = new Date(ms + VIETNAM_UTC_OFFSET_MS);
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    day: l.getUTCDate(),
    hour: l.getUTCHours(),
    minute: l.getUTCMinutes(),
    second: l.getUTCSeconds(),
    weekday: l.getUTCDay(),
  };
}

/** The instant of a local date and time (month and day may overflow, as in Date.UTC). */
export const localInstant = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - VIETNAM_UTC_OFFSET_MS);

/** Formats the local parts of an instant; '' when there is none or it is not a valid date. */
const format = (at: Instant, write: (p: LocalParts) => string) => {
  const p = localParts(at);
  return p ? write(p) : '';
};

/** '2026-11-23': the local date (the API's and the database's day). */
export const localYmd = (at: Instant) => format(at, (p) => `${p.year}-${pad(p.month)}-${pad(p.day)}`);

/** '23/11/2026', as Vietnamese staff read a date. */
export const formatDate = (at: Instant) => format(at, (p) => `${pad(p.day)}/${pad(p.month)}/${p.year}`);

/** '23/11/2026 14:05': tables, letters, exports. */
export const formatDateTime = (at: Instant) =>
  format(at, (p) => `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`);

/** '14:05 23/11/2026': a deadline inside a sentence ("Hạn: 17:00 25/11/2026."). */
export const formatTimeDate = (at: Instant) =>
  format(at, (p) => `${pad(p.hour)}:${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`);

/** '2026-11-23T14:05:09+07:00': ISO 8601 in local time, to the second (Open311's W3C datetimes). */
export const isoLocal = (at: Instant) =>
  format(
    at,
    (p) =>
      `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${VIETNAM_UTC_OFFSET}`,
  );

import { isoLocal, VIETNAM_UTC_OFFSET } from '@app/common/vietnam-time';
import { badRequest } from './open311-error';

/**
 * GeoReport v2 datetimes are the W3C subset of ISO 8601 with a time zone. We answer in Vietnam time
 * (UTC+07:00, no daylight saving), which is what staff and citizens read everywhere else.
 */
export function w3cDateTime(date: Date | null | undefined): string | null {
  return date ? isoLocal(date) : null;
}

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses a client's W3C datetime. A bare date means the start of that day in Vietnam; a time without a
 * zone is refused, because guessing the zone would silently shift the window by hours.
 */
export function parseW3cDateTime(input: string, field: string): Date {
  const m = FORMAT.exec(input.trim());
  if (!m) throw badRequest(`${field} must be a W3C datetime with a time zone, e.g. 2025-11-23T08:00:00+07:00`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = VIETNAM_UTC_OFFSET] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (
    calendarDay.getUTCMonth() !== month - 1 ||
    calendarDay.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw badRequest(`${field} is not a real date and time`);
  }
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

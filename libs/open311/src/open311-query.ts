import { parseW3cDateTime } from './open311-dates';
import { badRequest } from './open311-error';
import { statusesFor } from './open311-status.policy';
import type { ReportStatus } from '@app/workflow';

/** The spec's default window for GET requests: 90 days, at most 1000 requests. */
export const DEFAULT_SPAN_MS = 90 * 86_400_000;
export const MAX_RESULTS = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

type Raw = Record<string, unknown>;

/** A query parameter as one string; a parameter repeated in the URL is refused rather than half-read. */
export function single(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  return value;
}

const commaList = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** start_date/end_date, both inclusive; missing ends default to "the 90 days up to now". */
export function parseWindow(raw: Raw): TimeWindow {
  const startText = single(raw, 'start_date');
  const endText = single(raw, 'end_date');
  const end = endText ? parseW3cDateTime(endText, 'end_date') : new Date();
  const start = startText ? parseW3cDateTime(startText, 'start_date') : new Date(end.getTime() - DEFAULT_SPAN_MS);
  if (start > end) throw badRequest('start_date must not be after end_date');
  return { start, end };
}

export interface RequestQuery {
  /** When given, every other filter is ignored (GeoReport v2). Ids that are not UUIDs simply match nothing. */
  ids?: string[];
  serviceCodes?: string[];
  window: TimeWindow;
  statuses?: ReportStatus[];
  extensions: boolean;
}

export function parseRequestQuery(raw: Raw): RequestQuery {
  const extensions = single(raw, 'extensions') === 'true';
  const ids = commaList(single(raw, 'service_request_id'));
  if (ids) return { ids: ids.filter(isUuid), window: parseWindow({}), extensions };
  const statusValues = commaList(single(raw, 'status'));
  let statuses: ReportStatus[] | undefined;
  if (statusValues) {
    statuses = statusValues.flatMap((v) => {
      const mapped = statusesFor(v.toLowerCase());
      if (!mapped) throw badRequest(`status must be open or closed, not "${v}"`);
      return mapped;
    });
  }
  return { serviceCodes: commaList(single(raw, 'service_code')), window: parseWindow(raw), statuses, extensions };
}

import { badRequest, Open311NewRequest } from '../../../../libs/open311/src';
import { VN_BOUNDS } from '../reports/report.dto';

/**
 * Decoding of Open311 POST forms (application/x-www-form-urlencoded, UTF-8, as the spec requires). Fastify
 * hands us the decoded fields as strings, or arrays for repeated names; `attribute[code]` and
 * `attribute[code][]` stay flat keys, which we group here.
 */
export type Form = Record<string, unknown>;

/**
 * The decoded body. Multipart is refused with a clear 400: some GeoReport servers take photo uploads that way,
 * but here the fields would be silently missing and the client would read "api_key is required".
 */
export function asForm(body: unknown, contentType: string | undefined): Form {
  if (contentType?.toLowerCase().startsWith('multipart/')) {
    throw badRequest('Send the form as application/x-www-form-urlencoded; for media, send a media_url');
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Form) : {};
}

function text(form: Form, name: string, max: number): string | undefined {
  // A JSON body (accepted too) may carry numbers where a form carries text.
  const raw = typeof form[name] === 'number' ? String(form[name]) : form[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw badRequest(`${name} must be given once, as text`);
  // NFC so that Vietnamese typed on any keyboard is stored, searched and compared the same way.
  const value = raw.normalize('NFC').trim();
  if (value.length > max) throw badRequest(`${name} is longer than ${max} characters`);
  return value || undefined;
}

function coordinate(form: Form, name: 'lat' | 'long', min: number, max: number): number | undefined {
  const raw = text(form, name, 40);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest(`${name} must be a number`);
  if (value < min || value > max) throw badRequest(`${name} is outside Vietnam`);
  return value;
}

function attributes(form: Form): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = /^attribute\[([^\]]+)\](?:\[\])?$/.exec(key);
    if (!m) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    out[m[1]] = [...(out[m[1]] ?? []), ...values];
  }
  return out;
}

export function parseNewRequest(form: Form): Open311NewRequest {
  const serviceCode = text(form, 'service_code', 100);
  if (!serviceCode) throw badRequest('service_code is required');
  const lat = coordinate(form, 'lat', VN_BOUNDS.minLat, VN_BOUNDS.maxLat);
  const lng = coordinate(form, 'long', VN_BOUNDS.minLng, VN_BOUNDS.maxLng);
  const address = text(form, 'address_string', 500);
  if (lat === undefined || lng === undefined) {
    // The spec allows address_string alone; we would have to geocode it, and the centre routes by point.
    throw badRequest(
      address ? 'lat and long are required: this server does not geocode address_string' : 'lat and long are required',
    );
  }
  const description = text(form, 'description', 4000);
  if (!description) throw badRequest('description is required');
  const mediaUrl = text(form, 'media_url', 2000);
  if (mediaUrl && !isHttpUrl(mediaUrl)) throw badRequest('media_url must be an http or https URL');
  // email, device_id and account_id are accepted and not stored: without a verified channel to the person they
  // would be personal data we keep for nothing.
  return {
    serviceCode,
    lat,
    lng,
    address,
    description,
    attributes: attributes(form),
    phone: text(form, 'phone', 30),
    firstName: text(form, 'first_name', 60),
    lastName: text(form, 'last_name', 60),
    mediaUrl,
  };
}

export function parseNewUpdate(form: Form): { serviceRequestId: string; description: string } {
  const serviceRequestId = text(form, 'service_request_id', 100);
  if (!serviceRequestId) throw badRequest('service_request_id is required');
  const description = text(form, 'description', 4000);
  if (!description) throw badRequest('description is required');
  return { serviceRequestId, description };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

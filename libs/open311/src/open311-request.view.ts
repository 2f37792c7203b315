import type { ReportView } from '@app/reports';
import { w3cDateTime } from './open311-dates';
import type { O311Object } from './open311-document';
import { OPEN311_STATUS, statusNotes } from './open311-status.policy';

/** What a GeoReport service request is built from: the report's PUBLIC view (report-view.policy) only. */
export type PublicReport = Pick<
  ReportView,
  | 'id'
  | 'code'
  | 'status'
  | 'cancelReason'
  | 'description'
  | 'address'
  | 'location'
  | 'createdAt'
  | 'updatedAt'
  | 'attachments'
>;

export interface RequestExtras {
  serviceCode: string;
  serviceName: string;
  agencyName: string | null;
  /** The media_url an integration sent with the request, shown when the report has no public photo. */
  submittedMediaUrl: string | null;
  baseUrl: string;
  extensions: boolean;
}

/**
 * One `<request>` of GET requests, in the spec's field order. Reporter identity never appears: the input is
 * the public view, which has none (docs/domain.md#privacy). expected_datetime stays empty: our deadlines are per
 * stage and move with pauses and extensions, so no single date would be honest.
 */
export function toServiceRequest(r: PublicReport, x: RequestExtras): O311Object {
  const photo = r.attachments[0];
  const mapped = OPEN311_STATUS[r.status];
  return {
    service_request_id: r.id,
    status: mapped.status,
    status_notes: statusNotes(r.status, r.cancelReason),
    service_name: x.serviceName,
    service_code: x.serviceCode,
    description: r.description,
    agency_responsible: x.agencyName,
    service_notice: null,
    requested_datetime: w3cDateTime(r.createdAt),
    updated_datetime: w3cDateTime(r.updatedAt),
    expected_datetime: null,
    address: r.address,
    address_id: null,
    zipcode: null,
    // Empty for a report the hotline filed with a commune and an address only.
    lat: r.location?.lat ?? null,
    long: r.location?.lng ?? null,
    media_url: photo ? `${x.baseUrl}${photo.url}` : x.submittedMediaUrl,
    ...(x.extensions ? { extended_attributes: { code: r.code, detailed_status: mapped.detailed } } : {}),
  };
}

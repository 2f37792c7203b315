import { CANCEL_REASON_LABEL, STATUS_LABEL, type CancelReason, type ReportStatus } from '@app/workflow';

/**
 * How our eight statuses read in GeoReport v2. The standard has only `open` and `closed`; the finer state
 * travels as `status_notes` (free text, our Vietnamese label) and, with `extensions=true`, as
 * `extended_attributes.detailed_status` using the vocabulary of the CitySDK / Helsinki Open311 extension
 * (RECEIVED, IN_PROCESS, PROCESSED, ARCHIVED, REJECTED), which several GeoReport clients already parse.
 *
 * `resolved` is `closed` even though the reporter may still reopen it for 7 days: the answer is published,
 * which is what "closed" means to an Open311 client; a reopen shows up as `open` again in
 * servicerequestupdates.
 */
export type Open311Status = 'open' | 'closed';
export type DetailedStatus = 'RECEIVED' | 'IN_PROCESS' | 'PROCESSED' | 'ARCHIVED' | 'REJECTED';

export const OPEN311_STATUS: Readonly<Record<ReportStatus, { status: Open311Status; detailed: DetailedStatus }>> = {
  received: { status: 'open', detailed: 'RECEIVED' },
  need_info: { status: 'open', detailed: 'IN_PROCESS' },
  assigned: { status: 'open', detailed: 'IN_PROCESS' },
  in_progress: { status: 'open', detailed: 'IN_PROCESS' },
  pending_review: { status: 'open', detailed: 'IN_PROCESS' },
  resolved: { status: 'closed', detailed: 'PROCESSED' },
  closed: { status: 'closed', detailed: 'ARCHIVED' },
  cancelled: { status: 'closed', detailed: 'REJECTED' },
};

/** `status_notes`: the label citizens see in the app, with the reason for a cancellation. */
export function statusNotes(status: ReportStatus, cancelReason: CancelReason | null): string {
  const label = STATUS_LABEL[status];
  return status === 'cancelled' && cancelReason ? `${label}: ${CANCEL_REASON_LABEL[cancelReason]}` : label;
}

/** Our statuses behind an Open311 `status` filter value; undefined for a value the spec does not know. */
export function statusesFor(value: string): ReportStatus[] | undefined {
  if (value !== 'open' && value !== 'closed') return undefined;
  return (Object.keys(OPEN311_STATUS) as ReportStatus[]).filter((s) => OPEN311_STATUS[s].status === value);
}

import {
  EVENT_TEXTS,
  isPublicEventData,
  maskPublicText,
  type CancelReason,
  type EventOf,
  type EventType,
  type ReportStatus,
} from '@app/workflow';
import { w3cDateTime } from './open311-dates';
import type { O311Object } from './open311-document';
import { OPEN311_STATUS, statusNotes } from './open311-status.policy';

/** A public (non-internal) timeline event with what its description may draw on. */
export type PublicEventRow = EventOf & {
  id: string;
  reportId: string;
  actorRoles: string[];
  toStatus: ReportStatus;
  createdAt: Date;
  reportStatus: ReportStatus;
  resultText: string | null;
};

// The reason belongs to the event, not to the report: a report cancelled, restored and cancelled again must
// not rewrite the history of its first cancellation.
const CANCEL_REASON_OF: Readonly<Partial<Record<EventType, CancelReason>>> = {
  'report.marked_duplicate': 'duplicate',
  'report.withdrawn': 'withdrawn',
  'report.cancelled_no_response': 'no_response',
};

function cancelReasonOf(e: PublicEventRow): CancelReason | null {
  if (e.type === 'report.rejected') return e.data.reason === 'spam' ? 'spam' : 'not_eligible';
  return CANCEL_REASON_OF[e.type] ?? null;
}

/**
 * What the public timeline says: the words only of approved results and integrations' notes (isPublicEventData),
 * else the event's public text (event-texts.ts), else the status it brought.
 */
export function updateDescription(e: PublicEventRow): string {
  if (e.type === 'report.note_added' && isPublicEventData({ type: e.type, actorRoles: e.actorRoles }))
    return maskPublicText(e.data.text);
  if (e.type === 'report.result_approved') {
    // The published answer, as long as the report still shows it (a reopened report's answer is withdrawn).
    const published = e.reportStatus === 'resolved' || e.reportStatus === 'closed';
    return published && e.resultText
      ? `${statusNotes('resolved', null)}: ${maskPublicText(e.resultText)}`
      : statusNotes('resolved', null);
  }
  return EVENT_TEXTS[e.type].public ?? statusNotes(e.toStatus, cancelReasonOf(e));
}

/** One `<request_update>` of the servicerequestupdates extension (mySociety / FixMyStreet). */
export function toRequestUpdate(e: PublicEventRow, extensions: boolean): O311Object {
  const mapped = OPEN311_STATUS[e.toStatus];
  return {
    update_id: e.id,
    service_request_id: e.reportId,
    status: mapped.status,
    updated_datetime: w3cDateTime(e.createdAt),
    description: updateDescription(e),
    media_url: null,
    ...(extensions ? { extended_attributes: { detailed_status: mapped.detailed } } : {}),
  };
}

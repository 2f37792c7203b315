import { isPublicEventData, type CancelReason, type ReportStatus } from '@app/workflow';
import { w3cDateTime } from './open311-dates';
import type { O311Object } from './open311-document';
import { OPEN311_STATUS, statusNotes } from './open311-status.policy';

/** A public (non-internal) timeline event with what its description may draw on. */
export interface PublicEventRow {
  id: string;
  report_id: string;
  type: string;
  actor_roles: string[];
  to_status: ReportStatus;
  data: Record<string, unknown>;
  created_at: Date;
  report_status: ReportStatus;
  result_text: string | null;
}

// What the public timeline says for events whose words it does not publish (isPublicEventData: only approved
// results and integrations' notes carry their text to the public). Events not listed read as their resulting status.
const EVENT_TEXT_VI: Readonly<Record<string, string>> = {
  'report.created': 'Đã tiếp nhận phản ánh',
  'report.assigned': 'Đã chuyển cơ quan xử lý',
  'report.reassigned': 'Đã chuyển cơ quan xử lý khác',
  'report.info_requested': 'Đề nghị người phản ánh bổ sung thông tin',
  'report.info_provided': 'Người phản ánh đã bổ sung thông tin',
  'report.acknowledged': 'Cơ quan đã tiếp nhận xử lý',
  'report.result_submitted': 'Cơ quan đã báo cáo kết quả, chờ Trung tâm duyệt',
  'report.reopened': 'Phản ánh được mở lại để xử lý tiếp',
  'report.rated': 'Người phản ánh đã đánh giá kết quả',
  'report.duplicate_unmarked': 'Phản ánh được sàng lọc lại',
  'report.note_added': 'Đã trao đổi thông tin với người phản ánh',
};

// The reason belongs to the event, not to the report: a report cancelled, restored and cancelled again must
// not rewrite the history of its first cancellation.
const CANCEL_REASON_OF: Readonly<Record<string, CancelReason>> = {
  'report.marked_duplicate': 'duplicate',
  'report.withdrawn': 'withdrawn',
  'report.cancelled_no_response': 'no_response',
};

function cancelReasonOf(e: PublicEventRow): CancelReason | null {
  if (e.type === 'report.rejected') return e.data.reason === 'spam' ? 'spam' : 'not_eligible';
  return CANCEL_REASON_OF[e.type] ?? null;
}

export function updateDescription(e: PublicEventRow): string {
  if (e.type === 'report.note_added' && typeof e.data.text === 'string' && isPublicEventData({ type: e.type, actorRoles: e.actor_roles })) {
    return e.data.text;
  }
  if (e.type === 'report.result_approved') {
    // The published answer, as long as the report still shows it (a reopened report's answer is withdrawn).
    const published = e.report_status === 'resolved' || e.report_status === 'closed';
    return published && e.result_text ? `${statusNotes('resolved', null)}: ${e.result_text}` : statusNotes('resolved', null);
  }
  return EVENT_TEXT_VI[e.type] ?? statusNotes(e.to_status, cancelReasonOf(e));
}

/** One `<request_update>` of the servicerequestupdates extension (mySociety / FixMyStreet). */
export function toRequestUpdate(e: PublicEventRow, extensions: boolean): O311Object {
  const mapped = OPEN311_STATUS[e.to_status];
  return {
    update_id: e.id,
    service_request_id: e.report_id,
    status: mapped.status,
    updated_datetime: w3cDateTime(e.created_at),
    description: updateDescription(e),
    media_url: null,
    ...(extensions ? { extended_attributes: { detailed_status: mapped.detailed } } : {}),
  };
}

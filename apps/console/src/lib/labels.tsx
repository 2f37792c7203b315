// What users read: the Vietnamese labels of the codes the API speaks. Those the server also writes (statuses,
// roles, channels, cancel reasons, timeline events) come from @app/workflow, written once for both; the rest are
// the console's own.
import {
  CANCEL_REASON_LABEL as CANCEL_REASONS,
  capitalised,
  CHANNEL_LABEL as CHANNELS,
  EVENT_TEXTS,
  isEventType,
  type ReportStatus,
} from '@app/workflow';

export { ROLE_LABEL, STAFF_ROLES, STATUS_LABEL, type ReportStatus } from '@app/workflow';

export const STATUS_COLOR: Record<ReportStatus, string> = {
  received: 'gold',
  need_info: 'purple',
  assigned: 'blue',
  in_progress: 'processing',
  pending_review: 'cyan',
  resolved: 'green',
  closed: 'default',
  cancelled: 'red',
};

/** A channel's name; an unknown one (a newer server) as it comes. */
export const channelLabel = (channel: string): string => CHANNELS[channel as keyof typeof CHANNELS] ?? channel;

/** A cancel reason as a tag: "Trùng với phản ánh khác". */
export const cancelReasonLabel = (reason: string): string =>
  reason in CANCEL_REASONS ? capitalised(CANCEL_REASONS[reason as keyof typeof CANCEL_REASONS]) : reason;

/** A timeline event's label; an unknown type (a newer server) as it comes. */
export const eventLabel = (type: string): string => (isEventType(type) ? EVENT_TEXTS[type].label : type);

export const PRIORITY_LABEL: Record<string, string> = { normal: 'Thường', urgent: 'Khẩn' };

export const OUTCOME_LABEL: Record<string, string> = {
  new_report: 'Phản ánh mới',
  existing_report: 'Hỏi về phản ánh đã gửi',
  consultation: 'Tư vấn, giải đáp',
  other: 'Khác',
};

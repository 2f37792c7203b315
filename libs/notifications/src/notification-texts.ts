// Every text the notifications send, in one place. What people read in the inbox and in push: each event's own words (@app/workflow event-texts.ts) under a title
// that names the report and its new status (docs/domain.md#statuses). Pure: no framework imports, so the policy
// and its tests can use it directly.
import { formatDate as formatDay } from '@app/common/vietnam-time';
import {
  EVENT_TEXTS,
  formatLocal,
  maskPublicText,
  STATUS_LABEL,
  type EventMap,
  type EventType,
  type ReportStatus,
  type Text,
} from '@app/workflow';

interface LineInput {
  code: string;
  toStatus: ReportStatus | null;
  /** The deadline the line talks about (the event's own for reminders, else the report's). */
  dueAt: Date | string | null;
  /** The report's title or the start of its description. */
  excerpt: string;
}

/** An event with its data, of any one type. */
type Typed<E extends EventType> = { type: E; data: EventMap[E] };

const titleOf = (code: string, status: ReportStatus | null) =>
  status ? `Phản ánh ${code}: ${STATUS_LABEL[status]}` : `Phản ánh ${code}`;

/** The reporter's line: the words written to them (a question, a note, a reason) included. Null: none. */
export function reporterText<E extends EventType>(event: Typed<E>, i: LineInput): Text | null {
  const texts = EVENT_TEXTS[event.type];
  const body = texts.reporter?.(i.code, event.data);
  return body === undefined ? null : { title: texts.reporterTitle?.(i.code) ?? titleOf(i.code, i.toStatus), body };
}

/**
 * Text for followers of a report: that its status changed, and nothing of anyone's words, which were written to
 * the reporter and may carry their phone number or address.
 */
export function followerText(i: Pick<LineInput, 'code' | 'toStatus'>): Text | null {
  if (!i.toStatus) return null;
  return {
    title: titleOf(i.code, i.toStatus),
    body: `Phản ánh ${i.code} chuyển sang trạng thái: ${STATUS_LABEL[i.toStatus]}.`,
  };
}

/** What an area alert says of a report (notification.policy areaAlertOf). */
export type AreaAlert = 'published' | 'resolved';

/**
 * A citizen's area alert: a report in the commune, radius or category they follow became public, or was resolved.
 * The excerpt is the reporter's words as the public reads them (maskPublicText, docs/domain.md#privacy).
 */
export function areaAlertText(alert: AreaAlert, i: Pick<LineInput, 'code' | 'excerpt'>): Text {
  const words = maskPublicText(i.excerpt);
  return alert === 'published'
    ? { title: `Phản ánh mới trong khu vực bạn theo dõi: ${i.code}`, body: `${words} (đã chuyển cơ quan xử lý).` }
    : { title: `Đã xử lý phản ánh ${i.code} trong khu vực bạn theo dõi`, body: `${words} (đã có kết quả xử lý).` };
}

/** The line for the staff of the agency handling the case. Null: none. */
export function agencyText<E extends EventType>(event: Typed<E>, i: LineInput): Text | null {
  return EVENT_TEXTS[event.type].agency?.({ code: i.code, excerpt: i.excerpt, dueAt: i.dueAt }, event.data) ?? null;
}

// Outside the app (docs/channels.md#templates): SMS and the Zalo fallback carry one short line, within one Unicode
// SMS segment (70 characters) with the longest case code; push carries the inbox line; agencies' email below.

/** The Unicode SMS segment: a longer text is sent (and billed) as several. */
export const SMS_SEGMENT_CHARS = 70;

/** The short line a citizen receives by SMS about their case; absent: no SMS for this event. */
const SMS_LINES: Partial<Record<EventType, (code: string) => string>> = {
  'report.created': (c) => `Đã tiếp nhận phản ánh ${c}. Tra cứu bằng mã này.`,
  'report.info_requested': (c) => `Phản ánh ${c} cần bổ sung thông tin. Tra cứu bằng mã này.`,
  'report.rejected': (c) => `Phản ánh ${c} không được tiếp nhận xử lý.`,
  'report.result_approved': (c) => `Phản ánh ${c} đã được xử lý xong. Mời bạn xem kết quả.`,
};

export const smsLine = (type: EventType, code: string): string | null => SMS_LINES[type]?.(code) ?? null;

/** One case in an agency's assignment digest. */
export interface DigestCase {
  code: string;
  excerpt: string;
  dueAt: Date | string | null;
}

/** The email listing the cases given to an agency since its last digest. */
export function assignmentDigestText(agencyName: string, cases: DigestCase[]): Text {
  const lines = cases.map((c) => {
    const due = formatLocal(c.dueAt);
    return `- ${c.code}: ${c.excerpt}${due ? ` (hạn tiếp nhận: ${due})` : ''}`;
  });
  return {
    title: `[Phản ánh hiện trường] ${cases.length} phản ánh mới giao cho ${agencyName}`,
    body: [
      `Kính gửi ${agencyName},`,
      '',
      `Trung tâm đã giao cho đơn vị ${cases.length} phản ánh mới:`,
      ...lines,
      '',
      'Đề nghị đơn vị tiếp nhận và xử lý đúng hạn trên hệ thống.',
    ].join('\n'),
  };
}

/** The email carrying an agency's weekly reminder letter (the PDF attached). */
export function reminderLetterMailText(agencyName: string, weekStart: string): Text {
  return {
    title: `[Phản ánh hiện trường] Văn bản đôn đốc xử lý phản ánh quá hạn, tuần ${formatDay(weekStart)}`,
    body: [
      `Kính gửi ${agencyName},`,
      '',
      'Trung tâm gửi kèm văn bản đôn đốc các phản ánh quá hạn xử lý của đơn vị.',
      'Đề nghị đơn vị khẩn trương xử lý và báo cáo kết quả trên hệ thống.',
    ].join('\n'),
  };
}

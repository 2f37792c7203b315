// What people read in the inbox and in push: Vietnamese, with diacritics, using the status labels of
// docs/domain.md#statuses. Pure: no framework imports, so the policy and its tests can use it directly.
import type { ReportStatus, Stage } from '@app/workflow';

export const STATUS_LABEL_VI: Readonly<Record<ReportStatus, string>> = {
  received: 'Chờ sàng lọc',
  need_info: 'Chờ bổ sung thông tin',
  assigned: 'Đã chuyển xử lý',
  in_progress: 'Đang xử lý',
  pending_review: 'Chờ duyệt kết quả',
  resolved: 'Đã xử lý',
  closed: 'Đã đóng',
  cancelled: 'Đã hủy',
};

const STAGE_LABEL_VI: Readonly<Record<Stage, string>> = {
  screening: 'sàng lọc',
  acknowledge: 'tiếp nhận xử lý',
  resolution: 'giải quyết',
  review: 'duyệt kết quả',
};

const REJECT_REASON_VI: Readonly<Record<string, string>> = {
  not_eligible: 'không thuộc phạm vi tiếp nhận',
  spam: 'nội dung không phù hợp',
};

export const stageLabel = (stage: unknown) => STAGE_LABEL_VI[stage as Stage] ?? 'xử lý';

/** Push payloads are small (4 KB) and inbox lines are read at a glance: keep quoted text short. */
export function excerpt(text: unknown, max = 120): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

// Vietnam has kept UTC+7 without daylight saving since 1975: shift and read the UTC fields.
const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:mm dd/MM/yyyy' in Vietnamese local time, or '' for no date. */
export function formatLocal(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export interface Text {
  title: string;
  body: string;
}

interface TextInput {
  code: string;
  toStatus: ReportStatus | null;
  data: Record<string, unknown>;
  /** The deadline the text talks about (the event's own for reminders, else the report's). */
  dueAt: Date | string | null;
  excerpt: string;
}

const titleOf = (code: string, status: ReportStatus | null) =>
  status ? `Phản ánh ${code}: ${STATUS_LABEL_VI[status]}` : `Phản ánh ${code}`;

/**
 * Text for the reporter: the words written to them (a question, a note, a reason) included. Null = this event
 * type is not worth an inbox line for them.
 */
export function reporterText(type: string, i: TextInput): Text | null {
  const c = i.code;
  const body = ((): string | null => {
    switch (type) {
      case 'report.created': return `Phản ánh ${c} đã được tiếp nhận và đang chờ sàng lọc.`;
      case 'report.assigned':
      case 'report.reassigned': return `Phản ánh ${c} đã được chuyển xử lý.`;
      case 'report.info_requested': return `Phản ánh ${c} cần bổ sung thông tin: ${excerpt(i.data.question, 200)}`;
      case 'report.info_provided': return `Thông tin bổ sung cho phản ánh ${c} đã được ghi nhận.`;
      case 'report.rejected': {
        const reason = REJECT_REASON_VI[String(i.data.reason)] ?? 'không đủ điều kiện xử lý';
        const note = excerpt(i.data.note);
        return `Phản ánh ${c} đã bị hủy do ${reason}.${note ? ` ${note}` : ''}`;
      }
      case 'report.marked_duplicate': return `Phản ánh ${c} trùng với một phản ánh đã có; bạn sẽ được thông báo theo phản ánh đó.`;
      case 'report.duplicate_unmarked': return `Phản ánh ${c} được tiếp nhận lại và đang chờ sàng lọc.`;
      case 'report.withdrawn': return `Phản ánh ${c} đã được rút.`;
      case 'report.acknowledged': return `Phản ánh ${c} đang được xử lý.`;
      // The agency's answer is not shown before the centre approves it (report-view.policy): say only that it exists.
      case 'report.result_submitted': return `Đã có kết quả xử lý phản ánh ${c}, đang chờ duyệt.`;
      case 'report.result_approved': return `Phản ánh ${c} đã được xử lý. Mời bạn xem kết quả và đánh giá.`;
      case 'report.reopened': return `Phản ánh ${c} đã được mở lại để xử lý tiếp.`;
      case 'report.closed': return `Phản ánh ${c} đã đóng.`;
      case 'report.cancelled_no_response': return `Phản ánh ${c} đã bị hủy vì không nhận được thông tin bổ sung.`;
      case 'report.note_added': return `Thông tin mới về phản ánh ${c}: ${excerpt(i.data.text, 200)}`;
      default: return null;
    }
  })();
  if (body === null) return null;
  return { title: type === 'report.note_added' ? `Phản ánh ${c}: Thông tin mới` : titleOf(c, i.toStatus), body };
}

/**
 * Text for followers of a report: that its status changed, and nothing of anyone's words, which were written to
 * the reporter and may carry their phone number or address.
 */
export function followerText(i: Pick<TextInput, 'code' | 'toStatus'>): Text | null {
  if (!i.toStatus) return null;
  return { title: titleOf(i.code, i.toStatus), body: `Phản ánh ${i.code} chuyển sang trạng thái: ${STATUS_LABEL_VI[i.toStatus]}.` };
}

/** Text for the staff of the agency handling the case; null = no inbox line for them. */
export function agencyText(type: string, i: TextInput): Text | null {
  const c = i.code;
  const due = formatLocal(i.dueAt);
  const dueClause = due ? ` Hạn: ${due}.` : '';
  const about = i.excerpt ? ` ${i.excerpt}` : '';
  switch (type) {
    case 'report.assigned':
    case 'report.reassigned':
      return { title: `Phản ánh mới được giao: ${c}`, body: `Đơn vị được giao xử lý phản ánh ${c}.${about}${dueClause}` };
    case 'report.reminder':
      return {
        title: `Nhắc hạn: ${c}`,
        body: `Phản ánh ${c} sắp hết hạn ${stageLabel(i.data.stage)}.${dueClause}`,
      };
    case 'report.overdue':
      return {
        title: `Quá hạn (mức ${Number(i.data.level)}): ${c}`,
        body: `Phản ánh ${c} đã quá hạn ${stageLabel(i.data.stage)}.`,
      };
    case 'report.sent_back':
      return { title: `Kết quả bị trả lại: ${c}`, body: `Kết quả xử lý phản ánh ${c} bị trả lại: ${excerpt(i.data.reason)}` };
    case 'report.extension_approved':
      return {
        title: `Đồng ý gia hạn: ${c}`,
        body: `Đề nghị gia hạn phản ánh ${c} được chấp thuận (thêm ${Number(i.data.workingDays)} ngày làm việc).${dueClause}`,
      };
    case 'report.extension_denied':
      return { title: `Không đồng ý gia hạn: ${c}`, body: `Đề nghị gia hạn phản ánh ${c} bị từ chối: ${excerpt(i.data.reason)}` };
    case 'report.reopened':
      return { title: `Phản ánh mở lại: ${c}`, body: `Phản ánh ${c} được mở lại: ${excerpt(i.data.reason)}${dueClause}` };
    case 'report.info_provided':
      return { title: `Đã bổ sung thông tin: ${c}`, body: `Người phản ánh đã bổ sung thông tin cho phản ánh ${c}.` };
    default:
      return null;
  }
}

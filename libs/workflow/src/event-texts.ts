// What each timeline event says, in Vietnamese: its label on the timeline (console), the line its reporter
// and the handling agency read in the inbox and push, and what the public timeline (Open311) says. Who hears
// an event is the notification policy's business (libs/notifications); the words are here, one entry per
// event type. Browser-safe.
import type { EventMap, EventType } from './events';
import { CANCEL_REASON_LABEL, PRIORITY_LABEL, STAGE_LABEL } from './labels';
import { excerpt, formatLocal } from './text-format';

/** What an agency's line may draw on besides the event's data. */
export interface AgencyTextInput {
  code: string;
  /** The report's title or the start of its description. */
  excerpt: string;
  /** The deadline the line talks about (the event's own for reminders, else the report's). */
  dueAt: Date | string | null;
}

export interface Text {
  title: string;
  body: string;
}

export interface EventTexts<D> {
  /** The event on the timeline (staff and citizens). */
  label: string;
  /** What the public timeline says of it, without anyone's words; absent: the status it brought. */
  public?: string;
  /** The body of the reporter's inbox line; absent: no line for them. */
  reporter?: (code: string, data: D) => string;
  /** The reporter's title, where the new status does not say it. */
  reporterTitle?: (code: string) => string;
  /** The handling agency's inbox line; absent: no line for them. */
  agency?: (i: AgencyTextInput, data: D) => Text;
}

// Events of rows written before a stage existed may lack it.
const stageLabel = (stage: string) => STAGE_LABEL[stage as keyof typeof STAGE_LABEL] ?? 'xử lý';
const dueClause = (i: AgencyTextInput) => (formatLocal(i.dueAt) ? ` Hạn: ${formatLocal(i.dueAt)}.` : '');
const about = (i: AgencyTextInput) => (i.excerpt ? ` ${i.excerpt}` : '');
const assigned = (i: AgencyTextInput): Text => ({
  title: `Phản ánh mới được giao: ${i.code}`,
  body: `Đơn vị được giao xử lý phản ánh ${i.code}.${about(i)}${dueClause(i)}`,
});

const noteClause = (note: string | null) => (note ? ` ${excerpt(note)}` : '');

/** What a reclassification changed, in words: "lĩnh vực, mức độ ưu tiên (khẩn), vị trí, địa chỉ". */
const reclassified = (d: EventMap['report.reclassified']) =>
  [
    d.category && 'lĩnh vực',
    d.priority && `mức độ ưu tiên (${PRIORITY_LABEL[d.priority.to] ?? d.priority.to})`,
    d.location && 'vị trí',
    d.commune && 'địa bàn (xã, phường)',
    d.address && 'địa chỉ',
  ]
    .filter(Boolean)
    .join(', ');

/** Every event type's texts; its keys are the list of event types. */
export const EVENT_TEXTS: { readonly [E in EventType]: EventTexts<EventMap[E]> } = {
  'report.created': {
    label: 'Tiếp nhận phản ánh',
    public: 'Đã tiếp nhận phản ánh',
    reporter: (c) => `Phản ánh ${c} đã được tiếp nhận và đang chờ sàng lọc.`,
  },
  'report.assigned': {
    label: 'Chuyển xử lý',
    public: 'Đã chuyển cơ quan xử lý',
    reporter: (c) => `Phản ánh ${c} đã được chuyển xử lý.`,
    agency: assigned,
  },
  'report.reassigned': {
    label: 'Chuyển lại cơ quan khác',
    public: 'Đã chuyển cơ quan xử lý khác',
    reporter: (c) => `Phản ánh ${c} đã được chuyển xử lý.`,
    agency: assigned,
  },
  'report.info_requested': {
    label: 'Yêu cầu bổ sung thông tin',
    public: 'Đề nghị người phản ánh bổ sung thông tin',
    reporter: (c, d) => `Phản ánh ${c} cần bổ sung thông tin: ${excerpt(d.question, 200)}`,
  },
  'report.info_provided': {
    label: 'Đã bổ sung thông tin',
    public: 'Người phản ánh đã bổ sung thông tin',
    reporter: (c) => `Thông tin bổ sung cho phản ánh ${c} đã được ghi nhận.`,
    agency: ({ code }) => ({
      title: `Đã bổ sung thông tin: ${code}`,
      body: `Người phản ánh đã bổ sung thông tin cho phản ánh ${code}.`,
    }),
  },
  'report.rejected': {
    label: 'Từ chối tiếp nhận',
    reporter: (c, d) => {
      const note = excerpt(d.note);
      return `Phản ánh ${c} đã bị hủy do ${CANCEL_REASON_LABEL[d.reason] ?? 'không đủ điều kiện xử lý'}.${note ? ` ${note}` : ''}`;
    },
  },
  'report.marked_duplicate': {
    label: 'Đánh dấu trùng lặp',
    reporter: (c) => `Phản ánh ${c} trùng với một phản ánh đã có; bạn sẽ được thông báo theo phản ánh đó.`,
  },
  'report.duplicate_unmarked': {
    label: 'Bỏ đánh dấu trùng lặp',
    public: 'Phản ánh được sàng lọc lại',
    reporter: (c) => `Phản ánh ${c} được tiếp nhận lại và đang chờ sàng lọc.`,
  },
  'report.withdrawn': {
    label: 'Người dân rút phản ánh',
    reporter: (c) => `Phản ánh ${c} đã được rút.`,
  },
  'report.acknowledged': {
    label: 'Cơ quan tiếp nhận xử lý',
    public: 'Cơ quan đã tiếp nhận xử lý',
    reporter: (c) => `Phản ánh ${c} đang được xử lý.`,
  },
  'report.returned': { label: 'Trả lại (không thuộc thẩm quyền)' },
  'report.extension_requested': { label: 'Xin gia hạn' },
  'report.extension_approved': {
    label: 'Đồng ý gia hạn',
    agency: (i, d) => ({
      title: `Đồng ý gia hạn: ${i.code}`,
      body: `Đề nghị gia hạn phản ánh ${i.code} được chấp thuận (thêm ${Number(d.workingDays)} ngày làm việc).${dueClause(i)}`,
    }),
  },
  'report.extension_denied': {
    label: 'Từ chối gia hạn',
    agency: (i, d) => ({
      title: `Không đồng ý gia hạn: ${i.code}`,
      body: `Đề nghị gia hạn phản ánh ${i.code} bị từ chối: ${excerpt(d.reason)}`,
    }),
  },
  'report.result_submitted': {
    label: 'Gửi kết quả xử lý',
    public: 'Cơ quan đã báo cáo kết quả, chờ Trung tâm duyệt',
    // The agency's answer is not shown before the centre approves it (report-view.policy): say only that it exists.
    reporter: (c) => `Đã có kết quả xử lý phản ánh ${c}, đang chờ duyệt.`,
  },
  // The policy gives this line to the officer concerned only: the new assignee, or the one taken off the case.
  'report.delegated': {
    label: 'Phân công cán bộ xử lý',
    agency: (i, d) =>
      d.assigneeId
        ? {
            title: `Được giao xử lý: ${i.code}`,
            body: `Lãnh đạo đơn vị giao bạn xử lý phản ánh ${i.code}.${about(i)}${noteClause(d.note)}${dueClause(i)}`,
          }
        : {
            title: `Thôi giao xử lý: ${i.code}`,
            body: `Phản ánh ${i.code} không còn giao cho bạn xử lý.${noteClause(d.note)}`,
          },
  },
  'report.reclassified': {
    label: 'Điều chỉnh phân loại',
    agency: (i, d) => ({
      title: `Điều chỉnh phân loại: ${i.code}`,
      body: `Trung tâm điều chỉnh ${reclassified(d)} của phản ánh ${i.code}.${noteClause(d.reason)}${dueClause(i)}`,
    }),
  },
  'report.urged': {
    label: 'Đôn đốc xử lý',
    agency: (i, d) => ({
      title: `Đôn đốc xử lý: ${i.code}`,
      body: `Trung tâm đề nghị khẩn trương xử lý phản ánh ${i.code}.${d.note ? ` ${excerpt(d.note)}` : ''}${dueClause(i)}`,
    }),
  },
  'report.handed_down': {
    label: 'Chuyển đơn vị cấp dưới',
    agency: (i, d) => ({
      title: `Nhận phản ánh từ cấp trên: ${i.code}`,
      body: `Đơn vị cấp trên chuyển phản ánh ${i.code} cho đơn vị xử lý.${about(i)}${noteClause(d.note)}${formatLocal(d.resolutionDueAt) ? ` Hạn: ${formatLocal(d.resolutionDueAt)}.` : ''}`,
    }),
  },
  'report.handed_up': {
    label: 'Trả lên đơn vị cấp trên',
    agency: (i, d) => ({
      title: `Đơn vị cấp dưới trả lên: ${i.code}`,
      body: `Phản ánh ${i.code} được đơn vị cấp dưới trả lên. Lý do: ${excerpt(d.reason)}${dueClause(i)}`,
    }),
  },
  'report.pulled_back': {
    label: 'Cấp trên rút phản ánh về',
    agency: (i, d) => ({
      title: `Cấp trên rút phản ánh về: ${i.code}`,
      body: `Phản ánh ${i.code} được đơn vị cấp trên rút về trực tiếp xử lý. Lý do: ${excerpt(d.reason)}`,
    }),
  },
  'report.result_approved': {
    label: 'Duyệt và công khai kết quả',
    reporter: (c) => `Phản ánh ${c} đã được xử lý. Mời bạn xem kết quả và đánh giá.`,
  },
  'report.sent_back': {
    label: 'Yêu cầu xử lý lại',
    agency: (i, d) => ({
      title: `Kết quả bị trả lại: ${i.code}`,
      body: `Kết quả xử lý phản ánh ${i.code} bị trả lại: ${excerpt(d.reason)}`,
    }),
  },
  'report.reopened': {
    label: 'Mở lại phản ánh',
    public: 'Phản ánh được mở lại để xử lý tiếp',
    reporter: (c) => `Phản ánh ${c} đã được mở lại để xử lý tiếp.`,
    agency: (i, d) => ({
      title: `Phản ánh mở lại: ${i.code}`,
      body: `Phản ánh ${i.code} được mở lại: ${excerpt(d.reason)}${dueClause(i)}`,
    }),
  },
  'report.rated': { label: 'Người dân đánh giá', public: 'Người phản ánh đã đánh giá kết quả' },
  'report.closed': { label: 'Đóng phản ánh', reporter: (c) => `Phản ánh ${c} đã đóng.` },
  'report.note_added': {
    label: 'Ghi chú',
    public: 'Đã trao đổi thông tin với người phản ánh',
    reporter: (c, d) => `Thông tin mới về phản ánh ${c}: ${excerpt(d.text, 200)}`,
    reporterTitle: (c) => `Phản ánh ${c}: Thông tin mới`,
  },
  'report.cancelled_no_response': {
    label: 'Hủy do không bổ sung thông tin',
    reporter: (c) => `Phản ánh ${c} đã bị hủy vì không nhận được thông tin bổ sung.`,
  },
  'report.reminder': {
    label: 'Nhắc hạn',
    agency: (i, d) => ({
      title: `Nhắc hạn: ${i.code}`,
      body: `Phản ánh ${i.code} sắp hết hạn ${stageLabel(d.stage)}.${dueClause(i)}`,
    }),
  },
  'report.overdue': {
    label: 'Quá hạn',
    agency: (i, d) => ({
      title: `Quá hạn (mức ${Number(d.level)}): ${i.code}`,
      body: `Phản ánh ${i.code} đã quá hạn ${stageLabel(d.stage)}.`,
    }),
  },
  'report.delivery': { label: 'Gửi thông báo' },
};

/** Whether a stored type is one this code knows (the database boundary: report_events.type is text). */
export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_TEXTS, type);

// How people read the codes the API speaks, in Vietnamese with diacritics, each written once: the console's
// tags, the inbox and push texts, Open311's status notes, the CSV export. Browser-safe (imports only types of
// this folder).
import type { Role } from './roles';
import type { CancelReason, Channel, Priority, ReportStatus, Stage } from './workflow.types';

export const STATUS_LABEL: Readonly<Record<ReportStatus, string>> = {
  received: 'Chờ sàng lọc',
  need_info: 'Chờ bổ sung thông tin',
  assigned: 'Đã chuyển xử lý',
  in_progress: 'Đang xử lý',
  pending_review: 'Chờ duyệt kết quả',
  resolved: 'Đã xử lý',
  closed: 'Đã đóng',
  cancelled: 'Đã hủy',
};

/** Statuses after which nothing more is expected of the agency or the centre. */
export const FINAL_STATUSES: readonly ReportStatus[] = ['resolved', 'closed', 'cancelled'];

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  citizen: 'Người dân',
  operator: 'Tổng đài viên 1022',
  screener: 'Cán bộ sàng lọc',
  agency_officer: 'Cán bộ cơ quan xử lý',
  agency_leader: 'Lãnh đạo cơ quan xử lý',
  leader: 'Lãnh đạo tỉnh',
  admin: 'Quản trị hệ thống',
};

export const CHANNEL_LABEL: Readonly<Record<Channel, string>> = {
  app: 'Ứng dụng di động',
  web: 'Cổng thông tin',
  zalo: 'Zalo',
  hotline: 'Tổng đài 1022',
  open311: 'Liên thông (Open311)',
  email: 'Thư điện tử',
};

/** Lower case, read inside sentences ("mức độ ưu tiên: khẩn"); a tag capitalises them. */
export const PRIORITY_LABEL: Readonly<Record<Priority, string>> = { normal: 'thường', urgent: 'khẩn' };

/** Lower case: they are read inside sentences ("sắp hết hạn giải quyết"); a tag capitalises them. */
export const STAGE_LABEL: Readonly<Record<Stage, string>> = {
  screening: 'sàng lọc',
  acknowledge: 'tiếp nhận xử lý',
  resolution: 'giải quyết',
  review: 'duyệt kết quả',
};

/**
 * Why a report was cancelled, lower case: read after "Đã hủy:" (Open311) or "do" (the reporter's inbox), and
 * worded for the reporter's eyes (spam reads as unsuitable content).
 */
export const CANCEL_REASON_LABEL: Readonly<Record<CancelReason, string>> = {
  duplicate: 'trùng với phản ánh khác',
  not_eligible: 'không thuộc phạm vi tiếp nhận',
  withdrawn: 'người phản ánh rút lại',
  no_response: 'không nhận được thông tin bổ sung',
  spam: 'nội dung không phù hợp',
};

/** A label at the start of a tag or a line: "giải quyết" → "Giải quyết". */
export const capitalised = (label: string): string => label.charAt(0).toUpperCase() + label.slice(1);

// What users read: the Vietnamese labels of the codes the API speaks (docs/domain.md).
import type { Role } from './api';

export type ReportStatus =
  | 'received' | 'need_info' | 'assigned' | 'in_progress' | 'pending_review' | 'resolved' | 'closed' | 'cancelled';

export const STATUS_LABEL: Record<ReportStatus, string> = {
  received: 'Chờ sàng lọc',
  need_info: 'Chờ bổ sung thông tin',
  assigned: 'Đã chuyển xử lý',
  in_progress: 'Đang xử lý',
  pending_review: 'Chờ duyệt kết quả',
  resolved: 'Đã xử lý',
  closed: 'Đã đóng',
  cancelled: 'Đã hủy',
};

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

export const CANCEL_REASON_LABEL: Record<string, string> = {
  duplicate: 'Trùng lặp',
  not_eligible: 'Không thuộc phạm vi tiếp nhận',
  withdrawn: 'Người dân rút lại',
  no_response: 'Người dân không bổ sung thông tin',
  spam: 'Tin rác',
};

export const CHANNEL_LABEL: Record<string, string> = {
  app: 'Ứng dụng di động',
  web: 'Cổng thông tin',
  zalo: 'Zalo',
  hotline: 'Tổng đài 1022',
  open311: 'Liên thông (Open311)',
  email: 'Thư điện tử',
};

export const PRIORITY_LABEL: Record<string, string> = { normal: 'Thường', urgent: 'Khẩn' };

export const ROLE_LABEL: Record<Role, string> = {
  citizen: 'Người dân',
  operator: 'Tổng đài viên 1022',
  screener: 'Cán bộ sàng lọc',
  agency_officer: 'Cán bộ cơ quan xử lý',
  agency_leader: 'Lãnh đạo cơ quan xử lý',
  leader: 'Lãnh đạo tỉnh',
  admin: 'Quản trị hệ thống',
};

export const STAFF_ROLES: Role[] = ['operator', 'screener', 'agency_officer', 'agency_leader', 'leader', 'admin'];

export const OUTCOME_LABEL: Record<string, string> = {
  new_report: 'Phản ánh mới',
  existing_report: 'Hỏi về phản ánh đã gửi',
  consultation: 'Tư vấn, giải đáp',
  other: 'Khác',
};

export const STAGE_LABEL: Record<string, string> = {
  screening: 'Sàng lọc',
  acknowledge: 'Tiếp nhận',
  resolution: 'Giải quyết',
  review: 'Duyệt kết quả',
};

export const EVENT_LABEL: Record<string, string> = {
  'report.created': 'Tiếp nhận phản ánh',
  'report.assigned': 'Chuyển xử lý',
  'report.reassigned': 'Chuyển lại cơ quan khác',
  'report.info_requested': 'Yêu cầu bổ sung thông tin',
  'report.info_provided': 'Đã bổ sung thông tin',
  'report.rejected': 'Từ chối tiếp nhận',
  'report.marked_duplicate': 'Đánh dấu trùng lặp',
  'report.duplicate_unmarked': 'Bỏ đánh dấu trùng lặp',
  'report.withdrawn': 'Người dân rút phản ánh',
  'report.acknowledged': 'Cơ quan tiếp nhận xử lý',
  'report.returned': 'Trả lại (không thuộc thẩm quyền)',
  'report.extension_requested': 'Xin gia hạn',
  'report.extension_approved': 'Đồng ý gia hạn',
  'report.extension_denied': 'Từ chối gia hạn',
  'report.result_submitted': 'Gửi kết quả xử lý',
  'report.result_approved': 'Duyệt và công khai kết quả',
  'report.sent_back': 'Yêu cầu xử lý lại',
  'report.reopened': 'Mở lại phản ánh',
  'report.rated': 'Người dân đánh giá',
  'report.closed': 'Đóng phản ánh',
  'report.note_added': 'Ghi chú',
  'report.cancelled_no_response': 'Hủy do không bổ sung thông tin',
  'report.reminder': 'Nhắc hạn',
  'report.overdue': 'Quá hạn',
};

// A demo province modelled on Thái Nguyên: real-sounding agencies, the default categories of docs/domain.md#categories, one user
// per role, and the province's communes (data/thai-nguyen-communes.ts: demo data, read its comment). Jurisdictions
// are simple rectangles around the city centre, good enough to exercise routing and to find a point's commune.

import type { AgencyLevel, Role } from '@app/workflow';

export interface DemoAgency {
  code: string;
  name: string;
  parent?: string;
  /** [minLng, minLat, maxLng, maxLat] */
  box?: [number, number, number, number];
  /** The commune whose People's Committee this agency is (a code of THAI_NGUYEN_COMMUNES_CSV). */
  commune?: string;
  /** Its level in the tree (docs/domain.md#agency-tree); default department. */
  level?: AgencyLevel;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { code: 'ubnd-tinh', name: 'UBND tỉnh Thái Nguyên', level: 'province' },
  { code: 'ioc', name: 'Trung tâm Giám sát, điều hành đô thị thông minh', parent: 'ubnd-tinh' },
  { code: 'so-xd', name: 'Sở Xây dựng', parent: 'ubnd-tinh' },
  { code: 'so-nnmt', name: 'Sở Nông nghiệp và Môi trường', parent: 'ubnd-tinh' },
  { code: 'so-yt', name: 'Sở Y tế', parent: 'ubnd-tinh' },
  { code: 'so-gddt', name: 'Sở Giáo dục và Đào tạo', parent: 'ubnd-tinh' },
  { code: 'so-vhttdl', name: 'Sở Văn hóa, Thể thao và Du lịch', parent: 'ubnd-tinh' },
  { code: 'so-nv', name: 'Sở Nội vụ', parent: 'ubnd-tinh' },
  { code: 'so-khcn', name: 'Sở Khoa học và Công nghệ', parent: 'ubnd-tinh' },
  { code: 'ca-tinh', name: 'Công an tỉnh Thái Nguyên', parent: 'ubnd-tinh' },
  { code: 'dien-luc', name: 'Công ty Điện lực Thái Nguyên' },
  { code: 'nuoc-sach', name: 'Công ty CP Nước sạch Thái Nguyên' },
  {
    code: 'p-phan-dinh-phung',
    name: 'UBND phường Phan Đình Phùng',
    parent: 'ubnd-tinh',
    box: [105.82, 21.585, 105.85, 21.605],
    commune: '90001',
    level: 'commune',
  },
  {
    code: 'p-gia-sang',
    name: 'UBND phường Gia Sàng',
    parent: 'ubnd-tinh',
    box: [105.82, 21.555, 105.85, 21.585],
    commune: '90004',
    level: 'commune',
  },
  {
    code: 'p-quyet-thang',
    name: 'UBND phường Quyết Thắng',
    parent: 'ubnd-tinh',
    box: [105.79, 21.585, 105.82, 21.615],
    commune: '90005',
    level: 'commune',
  },
  // Units a committee or a department hands cases down to (docs/domain.md#passing-a-case-down).
  { code: 'pdp-qldt', name: 'Tổ Quản lý đô thị phường Phan Đình Phùng', parent: 'p-phan-dinh-phung', level: 'unit' },
  { code: 'xd-ttxd', name: 'Đội Thanh tra xây dựng – Sở Xây dựng', parent: 'so-xd', level: 'unit' },
];

export interface DemoCategory {
  code: string;
  name: string;
  agency: string;
  priority?: 'normal' | 'urgent';
  calendar?: 'office' | '24x7';
  locationBound?: boolean;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { code: 'giao-thong', name: 'Giao thông', agency: 'so-xd' },
  { code: 'ha-tang-do-thi', name: 'Hạ tầng đô thị', agency: 'so-xd' },
  { code: 'dien-chieu-sang', name: 'Điện – chiếu sáng', agency: 'dien-luc' },
  { code: 'cap-thoat-nuoc', name: 'Cấp thoát nước', agency: 'nuoc-sach' },
  { code: 'vien-thong', name: 'Viễn thông', agency: 'so-khcn', locationBound: false },
  { code: 'moi-truong', name: 'Môi trường – vệ sinh', agency: 'so-nnmt' },
  { code: 'trat-tu-do-thi', name: 'Trật tự đô thị – xây dựng', agency: 'so-xd' },
  { code: 'an-ninh-trat-tu', name: 'An ninh trật tự', agency: 'ca-tinh' },
  { code: 'y-te', name: 'Y tế', agency: 'so-yt', locationBound: false },
  { code: 'giao-duc', name: 'Giáo dục', agency: 'so-gddt', locationBound: false },
  { code: 'an-toan-thuc-pham', name: 'An toàn thực phẩm', agency: 'so-yt' },
  { code: 'an-sinh-xa-hoi', name: 'An sinh xã hội', agency: 'so-nv', locationBound: false },
  { code: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính', agency: 'so-nv', locationBound: false },
  {
    code: 'thien-tai-khan-cap',
    name: 'Thiên tai – khẩn cấp',
    agency: 'ubnd-tinh',
    priority: 'urgent',
    calendar: '24x7',
  },
  { code: 'du-lich', name: 'Du lịch', agency: 'so-vhttdl', locationBound: false },
  { code: 'khac', name: 'Khác', agency: 'ioc', locationBound: false },
];

export interface DemoUser {
  username: string;
  fullName: string;
  roles: Role[];
  agency?: string;
  phone?: string;
}

/** Logins listed in the README; all share DEMO_PASSWORD. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'tongdai', fullName: 'Trần Thị Tổng Đài', roles: ['operator'] },
  { username: 'sangloc', fullName: 'Lê Văn Sàng Lọc', roles: ['screener'] },
  { username: 'canbo.xd', fullName: 'Phạm Minh Cán Bộ', roles: ['agency_officer'], agency: 'so-xd' },
  { username: 'truongphong.xd', fullName: 'Hoàng Thị Trưởng Phòng', roles: ['agency_leader'], agency: 'so-xd' },
  { username: 'canbo.pdp', fullName: 'Vũ Văn Phường', roles: ['agency_officer'], agency: 'p-phan-dinh-phung' },
  { username: 'chutich.pdp', fullName: 'Ngô Thị Chủ Tịch', roles: ['agency_leader'], agency: 'p-phan-dinh-phung' },
  { username: 'totruong.qldt', fullName: 'Đinh Văn Tổ Trưởng', roles: ['agency_leader'], agency: 'pdp-qldt' },
  { username: 'lanhdao', fullName: 'Đỗ Quang Lãnh Đạo', roles: ['leader'] },
  { username: 'nguoidan', fullName: 'Nguyễn Văn Dân', roles: ['citizen'], phone: '+84912000001' },
];

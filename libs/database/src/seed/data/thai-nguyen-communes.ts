// Thái Nguyên's communes after the arrangement of 1 July 2025 (Thái Nguyên merged with Bắc Kạn: 15 phường and 77
// xã), in the format of the admin's import (POST /api/v1/admin/communes/import, docs/api.md#communes): the demo
// seed loads it through the same parser, and the import tests send it as a file.
//
// DEMO DATA, to be replaced by the official list (the statistics office's danh mục đơn vị hành chính) through the
// import. The names were written from memory without access to the official resolution and may hold mistakes.
// The codes are NOT the official ones: 90001–90092 are placeholders, outside the range official commune codes
// use (up to about 32xxx), so that an official import adds its own rows and never silently renames these.
// A province code of 19 is Thái Nguyên's.
export const THAI_NGUYEN_COMMUNES_CSV = `code,name,kind,province_code,province_name
90001,Phường Phan Đình Phùng,phuong,19,Thái Nguyên
90002,Phường Linh Sơn,phuong,19,Thái Nguyên
90003,Phường Tích Lương,phuong,19,Thái Nguyên
90004,Phường Gia Sàng,phuong,19,Thái Nguyên
90005,Phường Quyết Thắng,phuong,19,Thái Nguyên
90006,Phường Quan Triều,phuong,19,Thái Nguyên
90007,Phường Sông Công,phuong,19,Thái Nguyên
90008,Phường Bá Xuyên,phuong,19,Thái Nguyên
90009,Phường Bách Quang,phuong,19,Thái Nguyên
90010,Phường Phổ Yên,phuong,19,Thái Nguyên
90011,Phường Vạn Xuân,phuong,19,Thái Nguyên
90012,Phường Trung Thành,phuong,19,Thái Nguyên
90013,Phường Phúc Thuận,phuong,19,Thái Nguyên
90014,Phường Đức Xuân,phuong,19,Thái Nguyên
90015,Phường Bắc Kạn,phuong,19,Thái Nguyên
90016,Xã Tân Cương,xa,19,Thái Nguyên
90017,Xã Đại Phúc,xa,19,Thái Nguyên
90018,Xã Thành Công,xa,19,Thái Nguyên
90019,Xã Đại Từ,xa,19,Thái Nguyên
90020,Xã Đức Lương,xa,19,Thái Nguyên
90021,Xã Phú Thịnh,xa,19,Thái Nguyên
90022,Xã La Bằng,xa,19,Thái Nguyên
90023,Xã Phú Lạc,xa,19,Thái Nguyên
90024,Xã An Khánh,xa,19,Thái Nguyên
90025,Xã Quân Chu,xa,19,Thái Nguyên
90026,Xã Vạn Phú,xa,19,Thái Nguyên
90027,Xã Phú Xuyên,xa,19,Thái Nguyên
90028,Xã Phú Bình,xa,19,Thái Nguyên
90029,Xã Tân Thành,xa,19,Thái Nguyên
90030,Xã Điềm Thụy,xa,19,Thái Nguyên
90031,Xã Kha Sơn,xa,19,Thái Nguyên
90032,Xã Tân Khánh,xa,19,Thái Nguyên
90033,Xã Đồng Hỷ,xa,19,Thái Nguyên
90034,Xã Quang Sơn,xa,19,Thái Nguyên
90035,Xã Trại Cau,xa,19,Thái Nguyên
90036,Xã Nam Hòa,xa,19,Thái Nguyên
90037,Xã Văn Hán,xa,19,Thái Nguyên
90038,Xã Văn Lăng,xa,19,Thái Nguyên
90039,Xã Võ Nhai,xa,19,Thái Nguyên
90040,Xã Sảng Mộc,xa,19,Thái Nguyên
90041,Xã Nghinh Tường,xa,19,Thái Nguyên
90042,Xã Thần Sa,xa,19,Thái Nguyên
90043,Xã La Hiên,xa,19,Thái Nguyên
90044,Xã Tràng Xá,xa,19,Thái Nguyên
90045,Xã Dân Tiến,xa,19,Thái Nguyên
90046,Xã Định Hóa,xa,19,Thái Nguyên
90047,Xã Bình Yên,xa,19,Thái Nguyên
90048,Xã Trung Hội,xa,19,Thái Nguyên
90049,Xã Phượng Tiến,xa,19,Thái Nguyên
90050,Xã Phú Đình,xa,19,Thái Nguyên
90051,Xã Bình Thành,xa,19,Thái Nguyên
90052,Xã Kim Phượng,xa,19,Thái Nguyên
90053,Xã Lam Vỹ,xa,19,Thái Nguyên
90054,Xã Phú Lương,xa,19,Thái Nguyên
90055,Xã Vô Tranh,xa,19,Thái Nguyên
90056,Xã Yên Trạch,xa,19,Thái Nguyên
90057,Xã Hợp Thành,xa,19,Thái Nguyên
90058,Xã Ba Bể,xa,19,Thái Nguyên
90059,Xã Chợ Rã,xa,19,Thái Nguyên
90060,Xã Phúc Lộc,xa,19,Thái Nguyên
90061,Xã Thượng Minh,xa,19,Thái Nguyên
90062,Xã Đồng Phúc,xa,19,Thái Nguyên
90063,Xã Bằng Thành,xa,19,Thái Nguyên
90064,Xã Nghiên Loan,xa,19,Thái Nguyên
90065,Xã Cao Minh,xa,19,Thái Nguyên
90066,Xã Ngân Sơn,xa,19,Thái Nguyên
90067,Xã Nà Phặc,xa,19,Thái Nguyên
90068,Xã Thượng Quan,xa,19,Thái Nguyên
90069,Xã Hiệp Lực,xa,19,Thái Nguyên
90070,Xã Chợ Đồn,xa,19,Thái Nguyên
90071,Xã Nam Cường,xa,19,Thái Nguyên
90072,Xã Quảng Bạch,xa,19,Thái Nguyên
90073,Xã Yên Thịnh,xa,19,Thái Nguyên
90074,Xã Yên Phong,xa,19,Thái Nguyên
90075,Xã Nghĩa Tá,xa,19,Thái Nguyên
90076,Xã Bạch Thông,xa,19,Thái Nguyên
90077,Xã Phủ Thông,xa,19,Thái Nguyên
90078,Xã Cẩm Giàng,xa,19,Thái Nguyên
90079,Xã Vĩnh Thông,xa,19,Thái Nguyên
90080,Xã Phong Quang,xa,19,Thái Nguyên
90081,Xã Chợ Mới,xa,19,Thái Nguyên
90082,Xã Thanh Mai,xa,19,Thái Nguyên
90083,Xã Thanh Thịnh,xa,19,Thái Nguyên
90084,Xã Tân Kỳ,xa,19,Thái Nguyên
90085,Xã Yên Bình,xa,19,Thái Nguyên
90086,Xã Na Rì,xa,19,Thái Nguyên
90087,Xã Văn Lang,xa,19,Thái Nguyên
90088,Xã Côn Minh,xa,19,Thái Nguyên
90089,Xã Xuân Dương,xa,19,Thái Nguyên
90090,Xã Trần Phú,xa,19,Thái Nguyên
90091,Xã Cường Lợi,xa,19,Thái Nguyên
90092,Xã Sơn Thành,xa,19,Thái Nguyên
`;

// The words of the demo cases (demo-reports.ts): what citizens in Thái Nguyên report, and what the centre and the
// agencies answer. `category` is a demo category's code (demo-province.ts); `{street}` becomes the case's street.

export interface DemoText {
  category: string;
  title: string;
  description: string;
  question: string;
  answer: string;
  delay: string;
  notOurs: string;
  result: string;
  complaint: string;
  reject: string;
}

const ASK_PHOTO = 'Đề nghị cung cấp thêm ảnh chụp và vị trí cụ thể (số nhà, ngõ) để chuyển đơn vị xử lý.';
const ANSWER_PHOTO = 'Vị trí ở đầu ngõ, đối diện cửa hàng tạp hóa, tôi đã gửi kèm ảnh chụp lúc sáng nay.';
const REJECT = 'Nội dung không thuộc phạm vi tiếp nhận phản ánh hiện trường; đề nghị gửi đơn theo thủ tục khiếu nại.';

const text = (t: Omit<DemoText, 'question' | 'answer' | 'reject'> & Partial<DemoText>): DemoText => ({
  question: ASK_PHOTO,
  answer: ANSWER_PHOTO,
  reject: REJECT,
  ...t,
});

export const DEMO_TEXTS: DemoText[] = [
  text({
    category: 'giao-thong',
    title: 'Ổ gà lớn giữa đường',
    description: 'Đường {street} có ổ gà lớn giữa làn xe, trời mưa đọng nước không nhìn thấy, đã có xe máy bị ngã.',
    delay: 'Cần chờ thời tiết khô ráo để thảm bù nhựa, đề nghị gia hạn.',
    notOurs: 'Tuyến đường do phường quản lý duy tu, không thuộc Sở.',
    result: 'Đơn vị duy tu đã vá ổ gà bằng bê tông nhựa nóng, mặt đường đã bằng phẳng, xe lưu thông bình thường.',
    complaint: 'Chỗ vá đã lún lại sau trận mưa, ổ gà xuất hiện trở lại.',
  }),
  text({
    category: 'giao-thong',
    title: 'Đèn tín hiệu giao thông không hoạt động',
    description: 'Đèn tín hiệu ở ngã tư {street} tắt từ sáng, giờ cao điểm xe cộ ùn tắc, rất dễ xảy ra va chạm.',
    delay: 'Bộ điều khiển đèn hỏng phải thay mới, đang chờ nhà cung cấp.',
    notOurs: 'Hệ thống đèn tín hiệu tại nút giao này do đơn vị điện chiếu sáng quản lý.',
    result: 'Đã thay bộ điều khiển và kiểm tra chu kỳ đèn, đèn tín hiệu hoạt động trở lại.',
    complaint: 'Đèn chỉ sáng được hai ngày rồi lại tắt.',
  }),
  text({
    category: 'ha-tang-do-thi',
    title: 'Mất nắp hố ga',
    description: 'Nắp hố ga trên vỉa hè đường {street} bị mất, hố sâu khoảng một mét, trẻ em đi học rất nguy hiểm.',
    delay: 'Nắp hố ga loại này phải đặt đúc, cần thêm thời gian.',
    notOurs: 'Hố ga thuộc hệ thống thoát nước do Công ty Nước sạch quản lý.',
    result: 'Đã lắp nắp hố ga bằng gang mới và cắm biển cảnh báo trong thời gian bê tông đông kết.',
    complaint: 'Nắp mới lắp bị kênh, xe đi qua kêu rất to.',
  }),
  text({
    category: 'ha-tang-do-thi',
    title: 'Vỉa hè bị vỡ, gạch lát bong tróc',
    description:
      'Vỉa hè đoạn trước chợ trên đường {street} vỡ nhiều chỗ, gạch lát bong tróc, người đi bộ phải xuống lòng đường.',
    delay: 'Khối lượng sửa chữa lớn, phải lập dự toán.',
    notOurs: 'Vỉa hè trước chợ do Ban quản lý chợ quản lý.',
    result: 'Đã lát lại 35 m² vỉa hè bằng gạch terrazzo, thu dọn phế thải.',
    complaint: 'Mới lát lại một đoạn, đoạn còn lại vẫn vỡ.',
  }),
  text({
    category: 'dien-chieu-sang',
    title: 'Đèn đường hỏng nhiều ngày',
    description: 'Cả dãy đèn chiếu sáng trên đường {street} không sáng gần một tuần, buổi tối tối om, mất an ninh.',
    delay: 'Cáp ngầm bị đứt phải đào đường để thay, cần xin phép thi công.',
    notOurs: 'Đèn trong ngõ do tổ dân phố tự lắp, không thuộc lưới chiếu sáng công cộng.',
    result: 'Đã thay 6 bóng LED và sửa tủ điều khiển, toàn tuyến đã sáng lại từ tối qua.',
    complaint: 'Vẫn còn hai cột cuối đường chưa sáng.',
  }),
  text({
    category: 'dien-chieu-sang',
    title: 'Dây điện võng thấp',
    description: 'Dây điện trước số nhà 47 đường {street} bị võng thấp sát đầu người, xe tải đi qua có thể kéo đứt.',
    delay: 'Phải cắt điện cả khu vực để căng lại dây, đang thông báo lịch cắt điện.',
    notOurs: 'Đây là cáp viễn thông, không phải dây điện lực.',
    result: 'Đã căng lại dây và nâng độ cao lên 5,5 m theo quy định.',
    complaint: 'Dây vẫn còn võng ở đoạn gần cột số 12.',
  }),
  text({
    category: 'cap-thoat-nuoc',
    title: 'Vỡ ống nước sạch',
    description:
      'Ống nước sạch bị vỡ trên đường {street}, nước chảy lênh láng ra đường từ đêm qua, nhiều hộ bị mất nước.',
    delay: 'Đường ống chính phải thay đoạn dài, cần phối hợp cắt nước cả khu vực.',
    notOurs: 'Đường ống sau đồng hồ thuộc tài sản của hộ gia đình.',
    result: 'Đã thay 6 m ống HDPE, cấp nước trở lại lúc 15 giờ, hoàn trả mặt đường.',
    complaint: 'Nước về yếu, tầng hai không có nước.',
  }),
  text({
    category: 'cap-thoat-nuoc',
    title: 'Cống thoát nước tắc',
    description: 'Cống thoát nước đường {street} tắc, mưa xuống là ngập đến đầu gối, nước tràn vào nhà dân.',
    delay: 'Cần thuê máy hút bùn chuyên dụng.',
    notOurs: 'Rãnh thoát nước trong khu dân cư do phường quản lý.',
    result: 'Đã nạo vét 120 m cống, hút 6 m³ bùn, nước đã thoát bình thường.',
    complaint: 'Mưa to hôm qua vẫn ngập như cũ.',
  }),
  text({
    category: 'moi-truong',
    title: 'Rác thải đổ trộm',
    description:
      'Rác thải sinh hoạt và phế thải xây dựng bị đổ trộm ở bãi đất trống cạnh đường {street}, bốc mùi hôi thối.',
    delay: 'Khối lượng rác lớn, phải điều thêm xe.',
    notOurs: 'Khu đất là đất dự án của doanh nghiệp, chủ dự án phải tự thu dọn.',
    result: 'Đã thu gom 4 tấn rác, phun khử khuẩn và lắp biển cấm đổ rác, giao tổ dân phố giám sát.',
    complaint: 'Đã thu dọn nhưng tối hôm sau lại có người đổ tiếp.',
  }),
  text({
    category: 'moi-truong',
    title: 'Khói bụi từ xưởng sản xuất',
    description: 'Xưởng sản xuất gần đường {street} xả khói bụi ra khu dân cư vào buổi tối, người già và trẻ em bị ho.',
    delay: 'Phải lấy mẫu không khí gửi phân tích.',
    notOurs: 'Cơ sở nằm trong khu công nghiệp, thuộc Ban quản lý các khu công nghiệp.',
    result: 'Đã kiểm tra, lập biên bản và yêu cầu cơ sở lắp hệ thống lọc bụi trong 30 ngày.',
    complaint: 'Cơ sở vẫn hoạt động ban đêm và vẫn có khói.',
  }),
  text({
    category: 'trat-tu-do-thi',
    title: 'Lấn chiếm vỉa hè kinh doanh',
    description: 'Các hộ kinh doanh trên đường {street} bày hàng kín vỉa hè, người đi bộ phải đi xuống lòng đường.',
    delay: 'Cần phối hợp với công an phường ra quân đồng loạt.',
    notOurs: 'Việc xử lý lấn chiếm vỉa hè thuộc thẩm quyền UBND phường.',
    result: 'Đã ra quân lập lại trật tự, nhắc nhở 12 hộ, lập biên bản 3 hộ tái phạm.',
    complaint: 'Đoàn kiểm tra đi rồi các hộ lại bày hàng ra như cũ.',
  }),
  text({
    category: 'trat-tu-do-thi',
    title: 'Công trình xây dựng không che chắn',
    description: 'Công trình xây dựng ở đường {street} không che chắn, vật liệu rơi xuống đường, bụi bay mù mịt.',
    delay: 'Đang xác minh giấy phép xây dựng của công trình.',
    notOurs: 'Công trình thuộc dự án do Sở quản lý cấp phép trực tiếp.',
    result: 'Đã yêu cầu chủ đầu tư lắp lưới che chắn, tưới nước giảm bụi; đã kiểm tra lại và chấp hành.',
    complaint: 'Lưới che chắn đã rách, bụi vẫn bay sang nhà bên cạnh.',
  }),
  text({
    category: 'an-ninh-trat-tu',
    title: 'Tụ tập gây mất trật tự ban đêm',
    description: 'Nhóm thanh niên tụ tập, nẹt pô và hát karaoke đến 1 giờ sáng ở đầu đường {street}.',
    delay: 'Cần bố trí lực lượng tuần tra nhiều đêm.',
    notOurs: 'Địa bàn thuộc công an xã lân cận.',
    result: 'Công an phường đã tuần tra, nhắc nhở và lập biên bản các đối tượng vi phạm.',
    complaint: 'Tối qua nhóm này lại tụ tập.',
  }),
  text({
    category: 'an-toan-thuc-pham',
    title: 'Quán ăn mất vệ sinh',
    description: 'Quán ăn trên đường {street} để thực phẩm sống cạnh cống rãnh, nhiều người ăn xong bị đau bụng.',
    delay: 'Phải chờ kết quả xét nghiệm mẫu thực phẩm.',
    notOurs: 'Quán thuộc diện hộ kinh doanh nhỏ lẻ do UBND phường quản lý.',
    result: 'Đoàn kiểm tra đã lấy mẫu, xử phạt vi phạm hành chính và yêu cầu khắc phục điều kiện vệ sinh.',
    complaint: 'Quán vẫn bày thực phẩm ra sát mặt đường.',
  }),
  text({
    category: 'thien-tai-khan-cap',
    title: 'Cây đổ chắn ngang đường',
    description: 'Sau cơn giông, cây xà cừ lớn đổ chắn ngang đường {street}, đè lên dây điện, xe không đi qua được.',
    delay: 'Cần xe cẩu chuyên dụng.',
    notOurs: 'Cây trong khuôn viên cơ quan, cơ quan phải tự xử lý.',
    result: 'Lực lượng cứu hộ đã cắt và dọn cây trong 2 giờ, điện lực đã khôi phục đường dây.',
    complaint: 'Cành cây vẫn còn chất đống bên lề đường.',
  }),
  text({
    category: 'thu-tuc-hanh-chinh',
    title: 'Hồ sơ quá hạn chưa được giải quyết',
    description:
      'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp tại bộ phận một cửa đã quá hạn 20 ngày chưa có kết quả.',
    delay: 'Hồ sơ phải lấy ý kiến của cơ quan thuế.',
    notOurs: 'Hồ sơ đất đai thuộc Văn phòng đăng ký đất đai.',
    result: 'Đã kiểm tra, hồ sơ bị chậm do thiếu xác nhận; đã trả kết quả cho công dân và xin lỗi về sự chậm trễ.',
    complaint: 'Tôi vẫn chưa nhận được thông báo trả kết quả.',
  }),
  text({
    category: 'vien-thong',
    title: 'Cáp viễn thông đứt treo lủng lẳng',
    description: 'Cáp viễn thông bị đứt, treo lủng lẳng ngang đường {street}, xe máy đi qua dễ bị vướng.',
    delay: 'Đang xác định doanh nghiệp sở hữu tuyến cáp.',
    notOurs: 'Cáp thuộc doanh nghiệp viễn thông, đã chuyển doanh nghiệp.',
    result: 'Doanh nghiệp đã thu hồi tuyến cáp hỏng và bó gọn cáp trên cột.',
    complaint: 'Còn một đoạn cáp vẫn treo thấp.',
  }),
  text({
    category: 'khac',
    title: 'Chó thả rông không rọ mõm',
    description: 'Nhiều chó thả rông không rọ mõm ở công viên gần đường {street}, đã có trẻ bị chó đuổi cắn.',
    delay: 'Cần phối hợp với thú y kiểm tra tiêm phòng.',
    notOurs: 'Việc quản lý vật nuôi thuộc UBND phường.',
    result: 'Đã tuyên truyền, nhắc nhở các hộ nuôi chó và bố trí lực lượng bắt chó thả rông.',
    complaint: 'Buổi sáng vẫn thấy chó thả rông trong công viên.',
  }),
];

export interface DemoPlace {
  street: string;
  ward: string;
  lat: number;
  lng: number;
  /** A ward with its own agency in the demo (demo-province.ts): some cases there go to it. */
  agency?: string;
}

/** Streets of Thái Nguyên with a point on each, all inside the province. */
export const DEMO_PLACES: DemoPlace[] = [
  { street: 'Hoàng Văn Thụ', ward: 'phường Phan Đình Phùng', lat: 21.5942, lng: 105.8452, agency: 'p-phan-dinh-phung' },
  {
    street: 'Lương Ngọc Quyến',
    ward: 'phường Phan Đình Phùng',
    lat: 21.5915,
    lng: 105.8398,
    agency: 'p-phan-dinh-phung',
  },
  {
    street: 'Phan Đình Phùng',
    ward: 'phường Phan Đình Phùng',
    lat: 21.5871,
    lng: 105.8421,
    agency: 'p-phan-dinh-phung',
  },
  { street: 'Đội Cấn', ward: 'phường Phan Đình Phùng', lat: 21.5967, lng: 105.8335, agency: 'p-phan-dinh-phung' },
  { street: 'Cách Mạng Tháng Tám', ward: 'phường Gia Sàng', lat: 21.5702, lng: 105.8361, agency: 'p-gia-sang' },
  { street: 'Gia Sàng', ward: 'phường Gia Sàng', lat: 21.5665, lng: 105.8312, agency: 'p-gia-sang' },
  { street: 'Quang Trung', ward: 'phường Quyết Thắng', lat: 21.5982, lng: 105.8101, agency: 'p-quyet-thang' },
  { street: 'Z115', ward: 'phường Quyết Thắng', lat: 21.6041, lng: 105.8012, agency: 'p-quyet-thang' },
  { street: 'Bắc Kạn', ward: 'phường Phan Đình Phùng', lat: 21.6012, lng: 105.8447, agency: 'p-phan-dinh-phung' },
  { street: 'Dương Tự Minh', ward: 'phường Linh Sơn', lat: 21.6153, lng: 105.8552 },
  { street: 'Thống Nhất', ward: 'phường Tích Lương', lat: 21.5583, lng: 105.8467 },
  { street: 'Minh Cầu', ward: 'phường Phan Đình Phùng', lat: 21.5921, lng: 105.8489, agency: 'p-phan-dinh-phung' },
  { street: 'Việt Bắc', ward: 'phường Tích Lương', lat: 21.5612, lng: 105.8571 },
  { street: 'Cách Mạng Tháng Mười', ward: 'phường Phổ Yên', lat: 21.4148, lng: 105.8726 },
  { street: 'Thắng Lợi', ward: 'phường Sông Công', lat: 21.4799, lng: 105.8442 },
];

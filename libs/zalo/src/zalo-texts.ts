// What the province's OA answers in a Zalo conversation (docs/channels.md#zalo), in one place.
import type { CandidateView } from '@app/duplicates';

const HOW_TO =
  'Để gửi phản ánh, bạn hãy nhắn nội dung sự việc, chia sẻ vị trí (nút "Vị trí" trong Zalo) và gửi ảnh nếu có.';

export const ZALO_TEXTS = {
  /** The name of the citizen record a Zalo follower gets (the staff see it as the reporter). */
  citizenName: 'Người dùng Zalo',
  welcome: `Cảm ơn bạn đã quan tâm. ${HOW_TO}`,
  needMore: (missing: string[]) => `Đã nhận. Bạn vui lòng gửi thêm ${missing.join(' và ')} để hoàn tất phản ánh.`,
  missingDescription: 'nội dung sự việc',
  missingLocation: 'vị trí (chia sẻ vị trí trong Zalo)',
  locationOutside: 'Vị trí bạn chia sẻ nằm ngoài lãnh thổ Việt Nam, bạn vui lòng chia sẻ lại vị trí sự việc.',
  photoReceived: (count: number, max: number) => `Đã nhận ${count}/${max} ảnh.`,
  photoLimit: (max: number) => `Mỗi phản ánh nhận tối đa ${max} ảnh; ảnh vừa gửi không được đính kèm.`,
  photoRefused:
    'Ảnh vừa gửi không đọc được hoặc quá lớn (nhận ảnh JPEG, PNG, WebP, HEIC); ảnh này không được đính kèm.',
  chooseCategory: (names: string[]) =>
    `Phản ánh của bạn thuộc lĩnh vực nào? Hãy trả lời bằng số:\n${names.map((n, i) => `${i + 1}. ${n}`).join('\n')}`,
  cancelled: `Đã huỷ phản ánh đang soạn. ${HOW_TO}`,
  filed: (code: string, duplicates: CandidateView[]) =>
    [
      `Phản ánh của bạn đã được tiếp nhận với mã ${code}. Chúng tôi sẽ thông báo kết quả xử lý qua Zalo.`,
      duplicates.length
        ? `Có thể đã có người phản ánh vấn đề này: ${duplicates
            .slice(0, 3)
            .map((d) => `${d.report.code} (cách ${Math.round(d.distanceM)} m)`)
            .join(', ')}. Cán bộ sẽ xem xét và gộp nếu trùng.`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  refused: (reason: string) => `Chưa thể tiếp nhận phản ánh: ${reason}. Bạn vui lòng kiểm tra và gửi lại.`,
  statusChanged: (code: string, body: string) => `Phản ánh ${code}: ${body}`,
} as const;

/** A citizen's words that drop the draft: "huỷ" / "hủy" (both accent placements), "huy". */
export const isCancel = (text: string) => /^(huỷ|hủy|huy)$/i.test(text.normalize('NFC').trim());

import type { OverdueCase } from './overdue.service';
import { downloadName } from '@app/common/downloads';
import { formatDateTime, localYmd } from '@app/common/vietnam-time';
import { formatDays, placeAndDate } from './vietnamese-time';

/**
 * The formal reminder letter (văn bản đôn đốc) the centre sends an agency about its overdue cases. One model,
 * two renderings (HTML here, PDF in reminder-letter-pdf.ts) that share every sentence through `letterText`.
 */
export interface ReminderLetter {
  provinceName: string;
  agency: { id: string; code: string; name: string };
  cases: OverdueCase[];
  issuedAt: Date;
}

export const CENTRE_NAME = 'TRUNG TÂM GIÁM SÁT, ĐIỀU HÀNH ĐÔ THỊ THÔNG MINH';
const CENTRE_NAME_IN_TEXT = 'Trung tâm Giám sát, điều hành đô thị thông minh';

export interface LetterRow {
  no: string;
  code: string;
  summary: string;
  due: string;
  daysOverdue: string;
}

/** Every piece of text of the letter, already formatted; renderers only lay it out (and escape it). */
export function letterText(letter: ReminderLetter) {
  const { agency, cases, issuedAt, provinceName } = letter;
  const count = String(cases.length).padStart(2, '0');
  return {
    authority: `UBND TỈNH ${provinceName.toLocaleUpperCase('vi-VN')}`,
    centre: CENTRE_NAME,
    number: 'Số:        /TTGSĐH-ĐĐ',
    subject: 'V/v đôn đốc xử lý phản ánh hiện trường quá hạn',
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    placeDate: placeAndDate(provinceName, issuedAt),
    recipient: `Kính gửi: ${agency.name}`,
    intro:
      `Theo dữ liệu của Hệ thống tiếp nhận, xử lý phản ánh hiện trường, tính đến ${formatDateTime(issuedAt)}, ` +
      `${agency.name} còn ${count} phản ánh đã quá hạn xử lý nhưng chưa có kết quả, cụ thể như sau:`,
    headers: ['STT', 'Mã phản ánh', 'Nội dung tóm tắt', 'Hạn xử lý', 'Số ngày quá hạn'],
    rows: cases.map((c, i): LetterRow => ({
      no: String(i + 1),
      code: c.code,
      summary: c.title,
      due: formatDateTime(c.dueAt),
      daysOverdue: formatDays(c.overdueWorkingDays),
    })),
    emptyRow: 'Không có phản ánh quá hạn.',
    request:
      `${CENTRE_NAME_IN_TEXT} đề nghị ${agency.name} khẩn trương chỉ đạo xử lý dứt điểm các phản ánh nêu trên, ` +
      `cập nhật kết quả trên Hệ thống và báo cáo về Trung tâm trong thời hạn 03 ngày làm việc kể từ ngày nhận được ` +
      `văn bản này; trường hợp không thuộc thẩm quyền, đề nghị trả lại phản ánh trên Hệ thống và nêu rõ lý do./.`,
    recipientsTitle: 'Nơi nhận:',
    recipients: ['- Như trên;', `- UBND tỉnh ${provinceName} (để b/c);`, '- Lưu: VT, TTGSĐH.'],
    signatureTitle: 'GIÁM ĐỐC',
    signatureNote: '(Ký, ghi rõ họ tên, đóng dấu)',
  };
}

/** `don-doc-<agency code>-<yyyy-mm-dd>.<ext>` (local date of issue). */
export const letterFileName = (agencyCode: string, day: Date | string, ext: 'pdf' | 'html') =>
  downloadName(`don-doc-${agencyCode}-${typeof day === 'string' ? day : localYmd(day)}.${ext}`);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Report text is citizen input: it is always text in the letter, never markup. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);

const STYLE = `
  body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.4;
         max-width: 17cm; margin: 2cm auto; color: #000; }
  .head { display: flex; justify-content: space-between; text-align: center; }
  .head > div { width: 48%; }
  .b { font-weight: bold; } .i { font-style: italic; } .u { text-decoration: underline; }
  .small { font-size: 12pt; }
  .recipient { text-align: center; margin: 1.2em 0; }
  p { text-align: justify; text-indent: 1cm; }
  table { border-collapse: collapse; width: 100%; font-size: 12pt; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; vertical-align: top; }
  td.c, th { text-align: center; }
  .foot { display: flex; justify-content: space-between; margin-top: 1.5em; }
  .foot .sign { text-align: center; width: 45%; }
  .foot ul { list-style: none; padding: 0; margin: 0; font-size: 11pt; }`;

/** A self-contained HTML document (no external resources), printable as is. */
export function renderLetterHtml(letter: ReminderLetter): string {
  const t = letterText(letter);
  const e = escapeHtml;
  const rows = t.rows.length
    ? t.rows
        .map(
          (r) =>
            `<tr><td class="c">${e(r.no)}</td><td>${e(r.code)}</td><td>${e(r.summary)}</td>` +
            `<td class="c">${e(r.due)}</td><td class="c">${e(r.daysOverdue)}</td></tr>`,
        )
        .join('\n')
    : `<tr><td colspan="5" class="c">${e(t.emptyRow)}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>${e(t.subject)} - ${e(letter.agency.name)}</title><style>${STYLE}</style></head>
<body>
<div class="head">
  <div><div>${e(t.authority)}</div><div class="b">${e(t.centre)}</div><div>${e(t.number)}</div>
    <div class="small">${e(t.subject)}</div></div>
  <div><div class="b">${e(t.nation)}</div><div class="b u">${e(t.motto)}</div>
    <div class="i" style="margin-top:1em">${e(t.placeDate)}</div></div>
</div>
<div class="recipient">${e(t.recipient)}</div>
<p>${e(t.intro)}</p>
<table>
<thead><tr>${t.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>${e(t.request)}</p>
<div class="foot">
  <div><div class="b i">${e(t.recipientsTitle)}</div><ul>${t.recipients.map((r) => `<li>${e(r)}</li>`).join('')}</ul></div>
  <div class="sign"><div class="b">${e(t.signatureTitle)}</div><div class="i small">${e(t.signatureNote)}</div></div>
</div>
</body>
</html>
`;
}

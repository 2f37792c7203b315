import { parse } from 'content-disposition';
import { attachmentDisposition, downloadName } from './downloads';

describe('download names', () => {
  it('keeps a Vietnamese name in filename* and transliterates it for filename', () => {
    const name = downloadName('Báo cáo Sở Xây dựng – Đợt 1.pdf');
    expect(name).toEqual({ utf8: 'Báo cáo Sở Xây dựng – Đợt 1.pdf', ascii: 'Bao-cao-So-Xay-dung-Dot-1.pdf' });
    const header = attachmentDisposition(name);
    expect(header).toBe(
      `attachment; filename=Bao-cao-So-Xay-dung-Dot-1.pdf; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20S%E1%BB%9F%20X%C3%A2y%20d%E1%BB%B1ng%20%E2%80%93%20%C4%90%E1%BB%A3t%201.pdf`,
    );
    // What a browser reads back: the real name where it understands filename*.
    expect(parse(header).parameters.filename).toBe('Báo cáo Sở Xây dựng – Đợt 1.pdf');
  });

  it('writes an ASCII name once, quoted only when it is not a token', () => {
    expect(attachmentDisposition(downloadName('thong-ke-phan-anh_2024-01-01_2024-12-31.csv'))).toBe(
      'attachment; filename=thong-ke-phan-anh_2024-01-01_2024-12-31.csv',
    );
    expect(attachmentDisposition({ utf8: 'a b.csv', ascii: 'a b.csv' })).toBe('attachment; filename="a b.csv"');
  });

  it('never lets a name break out of its quotes or the header', () => {
    const header = attachmentDisposition(downloadName('a"b\r\nSet-Cookie: x.csv'));
    expect(header).not.toMatch(/[\r\n]/);
    expect(parse(header).parameters.filename).toBe('a"b\r\nSet-Cookie: x.csv');
  });
});

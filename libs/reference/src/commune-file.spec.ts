import { AppError } from '@app/common';
import { parseCommuneFile, splitCsv } from './commune-file';

const HEADER = 'code,name,kind,province_code,province_name';

describe('parseCommuneFile', () => {
  it('reads our CSV, NFC-normalised, with a BOM, CRLF and quoted cells', () => {
    const nfd = 'Phường Phan Đình Phùng'.normalize('NFD');
    const csv = `\uFEFF${HEADER}\r\n05431,${nfd},phuong,19,Thái Nguyên\r\n"06100","Xã ""Tân"" Cương, mới",Xã,19,"Thái Nguyên"\r\n\r\n`;
    const { rows, errors } = parseCommuneFile(Buffer.from(csv, 'utf8'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        code: '05431',
        name: 'Phường Phan Đình Phùng',
        kind: 'phuong',
        provinceCode: '19',
        provinceName: 'Thái Nguyên',
      },
      { code: '06100', name: 'Xã "Tân" Cương, mới', kind: 'xa', provinceCode: '19', provinceName: 'Thái Nguyên' },
    ]);
    expect(rows[0].name).toBe(rows[0].name.normalize('NFC'));
  });

  it("reads the statistics office's column names, a semicolon separator, lost leading zeros and kinds from names", () => {
    const csv = [
      'Mã;Tên;Mã TP;Tỉnh / Thành Phố;Tên Tiếng Anh',
      '5431;Phường Phan Đình Phùng;19;Thái Nguyên;Phan Dinh Phung Ward',
      '22736;Đặc khu Phú Quốc;91;An Giang;Phu Quoc',
    ].join('\n');
    const { rows, errors } = parseCommuneFile(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.code, r.kind, r.provinceCode])).toEqual([
      ['05431', 'phuong', '19'],
      ['22736', 'dac_khu', '91'],
    ]);
  });

  it('names every bad row by its line, a repeated code included', () => {
    const csv = [
      HEADER,
      '05431,Phường Phan Đình Phùng,phuong,19,Thái Nguyên',
      'abc,Xã Một,xa,19,Thái Nguyên',
      '"05432","Xã Hai',
      'bị ngắt dòng",thị trấn,19,Thái Nguyên',
      '05431,Phường Lặp,phuong,19,Thái Nguyên',
      '05433,Tân Cương,,19,Thái Nguyên',
    ].join('\n');
    const { rows, errors } = parseCommuneFile(csv);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { line: 3, field: 'code', message: 'code must be 5 digits, got "abc"' },
      { line: 4, field: 'kind', message: 'kind must be xã, phường or đặc khu, got "thị trấn"' },
      { line: 6, field: 'code', message: 'code 05431 is already on line 2' },
      { line: 7, field: 'kind', message: 'kind is missing and the name does not start with Xã, Phường or Đặc khu' },
    ]);
  });

  it('reads a JSON array in camelCase or snake_case, numbering items from 1', () => {
    const { rows, errors } = parseCommuneFile([
      {
        code: '05431',
        name: 'Phường Phan Đình Phùng',
        kind: 'phuong',
        provinceCode: '19',
        provinceName: 'Thái Nguyên',
      },
      { code: 6100, name: 'Xã Tân Cương', province_code: 19, province_name: 'Thái Nguyên' },
      { code: '06101', name: 'Xã Thiếu Tỉnh', provinceCode: '19' },
      'not an object',
    ]);
    expect(rows.map((r) => r.code)).toEqual(['05431', '06100']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'provinceName'],
      [4, 'code'],
    ]);
  });

  it.each([
    ['not UTF-8', Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xc3, 0x28])],
    ['missing columns', 'code,name\n05431,Phường A'],
    ['empty', ''],
    ['broken JSON', '[{"code": '],
    ['an unclosed quote', `${HEADER}\n"05431,Phường A,phuong,19,Thái Nguyên`],
  ])('refuses a file that cannot be read: %s', (_why, input) => {
    expect(() => parseCommuneFile(input)).toThrow(AppError);
  });

  it('splits records with the line each starts on', () => {
    expect(splitCsv('a,b\n"x\ny",z\nu,v')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 4, cells: ['u', 'v'] },
    ]);
  });
});

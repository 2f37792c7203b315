import { MASK, maskPublicAddress, maskPublicText, publicWording } from './public-text';

describe('maskPublicText', () => {
  it.each([
    ['Gọi 0912345678 nhé', `Gọi ${MASK} nhé`],
    ['SĐT: 0912 345 678.', `SĐT: ${MASK}.`],
    ['ĐT 0912.345.678', `ĐT ${MASK}`],
    ['ĐT0912-345-678', `ĐT${MASK}`],
    ['liên hệ +84 912 345 678', `liên hệ ${MASK}`],
    ['liên hệ 84912345678', `liên hệ ${MASK}`],
    ['liên hệ (+84) 912 345 678', `liên hệ ${MASK}`],
    ['gọi 0386 123 456 hoặc 0703.123.456', `gọi ${MASK} hoặc ${MASK}`],
    ['máy bàn 0243 825 1234', `máy bàn ${MASK}`],
    ['máy bàn 024.3825.1234', `máy bàn ${MASK}`],
    ['máy bàn (024) 3825 1234', `máy bàn ${MASK}`],
    ['máy bàn +84 24 3825 1234', `máy bàn ${MASK}`],
  ])('masks a phone: %s', (input, out) => expect(maskPublicText(input)).toBe(out));

  it.each([
    ['CMND 123456789 của tôi', `CMND ${MASK} của tôi`],
    ['CCCD 001203004567', `CCCD ${MASK}`],
    ['CCCD 001 203 004 567', `CCCD ${MASK}`],
    ['căn cước 0012 0300 4567', `căn cước ${MASK}`],
  ])('masks an ID card: %s', (input, out) => expect(maskPublicText(input)).toBe(out));

  it.each([
    ['trước số 12 Lê Lợi', `trước số ${MASK} Lê Lợi`],
    ['trước Số 12A Lê Lợi', `trước Số ${MASK} Lê Lợi`],
    ['số nhà 45 bị ngập', `số nhà ${MASK} bị ngập`],
    ['nhà 7 đầu ngõ', `nhà ${MASK} đầu ngõ`],
    ['ngõ 34 Trần Phú', `ngõ ${MASK} Trần Phú`],
    ['ngõ 34/12 ngách 5', `ngõ ${MASK} ngách ${MASK}`],
    ['hẻm 12/3B Nguyễn Trãi', `hẻm ${MASK} Nguyễn Trãi`],
    ['kiệt 7 Hùng Vương', `kiệt ${MASK} Hùng Vương`],
    ['đoạn 12/3 Lê Lợi có ổ gà', `đoạn ${MASK} Lê Lợi có ổ gà`],
  ])('masks a house number: %s', (input, out) => expect(maskPublicText(input)).toBe(out));

  it.each([
    'Ổ gà lớn trên đường số 5, gần cột điện số 12',
    'Quốc lộ số 1 đoạn Km 12+300 sụt lún',
    'Từ ngày 12/3 Trời mưa là ngập',
    'ngày 12/3/2026 đèn vẫn tắt',
    'thiệt hại khoảng 100.000.000 đồng, 10.000.000.000 đồng',
    'tổ dân phố số 4, xóm 2, 3 ổ gà sâu 20 cm',
    'gọi tổng đài 1022 không được',
    'mã PA-2026-000123 chưa xử lý',
  ])('leaves other numbers: %s', (input) => expect(maskPublicText(input)).toBe(input));

  it('leaves text without numbers and null alone', () => {
    expect(maskPublicText('Đèn đường hỏng')).toBe('Đèn đường hỏng');
    expect(maskPublicText(null)).toBeNull();
  });
});

describe('maskPublicAddress', () => {
  it('masks a house number that opens the address or a part of it', () => {
    expect(maskPublicAddress('12 Lê Lợi, phường Phan Đình Phùng')).toBe(`${MASK} Lê Lợi, phường Phan Đình Phùng`);
    expect(maskPublicAddress('Chợ Đồng Quang, 5B Hoàng Văn Thụ')).toBe(`Chợ Đồng Quang, ${MASK} Hoàng Văn Thụ`);
    expect(maskPublicAddress('ngõ 34 Trần Phú')).toBe(`ngõ ${MASK} Trần Phú`);
    expect(maskPublicAddress('Đường số 5, tổ 3')).toBe('Đường số 5, tổ 3');
    expect(maskPublicAddress(null)).toBeNull();
  });
});

describe('publicWording', () => {
  const report = {
    title: 'Nhà 12 ngập',
    description: 'Gọi 0912345678',
    address: '12 Lê Lợi',
    publicTitle: null,
    publicDescription: null,
  };

  it("masks the reporter's words when the centre edited nothing", () => {
    expect(publicWording(report)).toEqual({
      title: `Nhà ${MASK} ngập`,
      description: `Gọi ${MASK}`,
      address: `${MASK} Lê Lợi`,
    });
  });

  it("takes the centre's wording first, and masks it too", () => {
    expect(publicWording({ ...report, publicTitle: 'Ngập nước', publicDescription: 'Ngập trước số 3 Lê Lợi' })).toEqual(
      { title: 'Ngập nước', description: `Ngập trước số ${MASK} Lê Lợi`, address: `${MASK} Lê Lợi` },
    );
  });
});

import { foldAccents, normalizeText, stripAccents } from './text';

describe('Vietnamese text folding (one rule for SMS, download names, login keys and column matching)', () => {
  it('drops accents and writes đ as d, keeping case', () => {
    expect(stripAccents('Sở Xây dựng tỉnh Thái Nguyên')).toBe('So Xay dung tinh Thai Nguyen');
    expect(stripAccents('Đường Đội Cấn')).toBe('Duong Doi Can');
  });

  it('reads composed and decomposed input alike, and reduces full-width letters', () => {
    const composed = 'Phường Phan Đình Phùng';
    expect(stripAccents(composed.normalize('NFD'))).toBe(stripAccents(composed));
    expect(stripAccents('ＡＢＣ１')).toBe('ABC1');
  });

  it('folds case too for matching', () => {
    expect(foldAccents('Phường Đức Xuân')).toBe('phuong duc xuan');
    expect(foldAccents('İSTANBUL')).toBe('istanbul');
    expect(foldAccents(normalizeText(' Thị xã Phổ Yên '.normalize('NFD')))).toBe('thi xa pho yen');
  });
});

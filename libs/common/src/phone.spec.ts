import { maskPhone, normalizeVnMobile } from './phone';

describe('normalizeVnMobile', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['091 234 5678', '+84912345678'],
    ['+84 912.345.678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0387654321', '+84387654321'],
  ])('%s → %s', (input, expected) => expect(normalizeVnMobile(input)).toBe(expected));

  it.each(['012345678', '0212345678', '+1 202 555 0100', '09123456789', 'abc', ''])('refuses %s', (input) =>
    expect(normalizeVnMobile(input)).toBeNull(),
  );

  it('masks the middle of phone numbers inside text', () => {
    expect(maskPhone('caller +84912345678 said')).toBe('caller +8491****678 said');
    expect(maskPhone('0912345678')).toBe('091****678');
  });
});

describe('maskPhone boundaries', () => {
  it('leaves longer digit runs such as timestamps alone', () => {
    expect(maskPhone('{"time":1763900000000}')).toBe('{"time":1763900000000}');
    expect(maskPhone('84912345678')).toBe('8491****678');
  });
});

describe('maskPhone, however the number is written', () => {
  it.each([
    ['0977 777 777', '097****777'],
    ['0977.777.777', '097****777'],
    ['0977-777-777', '097****777'],
    ['+84 977 777 777', '+8497****777'],
    ['(+84) 977-777-777', '+8497****777'],
    ['callerPhone=0977+777+777&x=1', 'callerPhone=097****777&x=1'],
    ['/callers/0977%20777%20777/reports', '/callers/097****777/reports'],
    ['phone=%2B84977777777', 'phone=+8497****777'],
    ['"Gọi lại số 0977 777 777."', '"Gọi lại số 097****777."'],
  ])('%s', (input, masked) => expect(maskPhone(input)).toBe(masked));

  it('leaves ids, dates and amounts alone', () => {
    const id = '3c1e0a2b-0981-4a5b-9c3d-097712345678';
    expect(maskPhone(`report ${id}`)).toBe(`report ${id}`);
    expect(maskPhone('2026-12-02 10:00:00')).toBe('2026-12-02 10:00:00');
    expect(maskPhone('1.234.567.890 đồng')).toBe('1.234.567.890 đồng');
  });
});

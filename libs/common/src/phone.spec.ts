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

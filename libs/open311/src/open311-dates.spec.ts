import { parseW3cDateTime, w3cDateTime } from './open311-dates';

describe('W3C datetimes', () => {
  it('answers in Vietnam time with an explicit +07:00 offset', () => {
    expect(w3cDateTime(new Date('2025-11-23T17:30:05.123Z'))).toBe('2025-11-24T00:30:05+07:00');
    expect(w3cDateTime(null)).toBeNull();
  });

  it.each([
    ['2010-01-01T00:00:00Z', '2010-01-01T00:00:00.000Z'],
    ['2025-11-24T00:30:05+07:00', '2025-11-23T17:30:05.000Z'],
    ['2025-11-23T12:00-05:00', '2025-11-23T17:00:00.000Z'],
    ['2025-11-23T12:00:00.25Z', '2025-11-23T12:00:00.250Z'],
    ['2025-11-24', '2025-11-23T17:00:00.000Z'],
  ])('parses %s', (input, iso) => expect(parseW3cDateTime(input, 'start_date').toISOString()).toBe(iso));

  it.each(['2025-11-23T12:00:00', '2025-02-30', '2025-13-01T00:00:00Z', '2025-11-23T24:00:00Z', 'yesterday', ''])(
    'refuses %s with a 400',
    (input) => expect(() => parseW3cDateTime(input, 'start_date')).toThrow(expect.objectContaining({ status: 400 })),
  );
});

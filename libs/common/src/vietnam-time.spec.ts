import {
  formatDate,
  formatDateTime,
  formatTimeDate,
  isoLocal,
  localInstant,
  localParts,
  localYmd,
  VIETNAM_TIME_ZONE,
} from './vietnam-time';

/** The tz database's reading of an instant in Vietnam: the oracle, not the code under test. */
function tzParts(d: Date): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: VIETNAM_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

describe('Vietnamese local time', () => {
  it('writes each format of one instant', () => {
    const at = new Date('2026-11-23T17:05:09.900Z'); // 00:05:09 on 24/11 in Vietnam
    expect(localYmd(at)).toBe('2026-11-24');
    expect(formatDate(at)).toBe('24/11/2026');
    expect(formatDateTime(at)).toBe('24/11/2026 00:05');
    expect(formatTimeDate(at)).toBe('00:05 24/11/2026');
    expect(isoLocal(at)).toBe('2026-11-24T00:05:09+07:00');
    expect(localInstant(2026, 11, 24, 0, 5)).toEqual(new Date('2026-11-23T17:05:00Z'));
  });

  it('takes strings and epoch numbers, and gives an empty text for no date or an invalid one', () => {
    expect([formatDateTime(null), formatDate(undefined), formatTimeDate(''), isoLocal(null)]).toEqual(['', '', '', '']);
    expect(formatDateTime('2026-03-01T01:00:00Z')).toBe('01/03/2026 08:00');
    expect(formatDateTime(Date.parse('2026-03-01T01:00:00Z'))).toBe('01/03/2026 08:00');
    expect(formatDateTime('not a date')).toBe('');
    expect(localParts(new Date(NaN))).toBeNull();
  });

  it('agrees with the tz database for Asia/Ho_Chi_Minh on instants from 1976 to 2100', () => {
    let seed = 766;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const [from, to] = [Date.parse('1976-01-01T00:00:00Z'), Date.parse('2100-01-01T00:00:00Z')];
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const mismatches: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = new Date(Math.floor(from + rand() * (to - from)));
      const p = localParts(at)!;
      const tz = tzParts(at);
      const ours = [p.year, p.month, p.day, p.hour, p.minute, p.second, weekdays[p.weekday]].join(' ');
      const theirs = [tz.year, tz.month, tz.day, tz.hour, tz.minute, tz.second, tz.weekday].map(String).join(' ');
      if (ours !== theirs.replace(/\b0(\d)\b/g, '$1')) mismatches.push(`${at.toISOString()}: ${ours} ≠ ${theirs}`);
      if (localInstant(p.year, p.month, p.day, p.hour, p.minute).getTime() !== at.getTime() - (at.getTime() % 60_000))
        mismatches.push(`${at.toISOString()}: localInstant`);
    }
    expect(mismatches).toEqual([]);
  });
});

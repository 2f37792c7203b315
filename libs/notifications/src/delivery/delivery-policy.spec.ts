import { EVENT_TEXTS, type EventType } from '@app/workflow';
import { SMS_SEGMENT_CHARS, smsLine } from '../notification-texts';
import { chooseChannels, DEFAULT_PREFERENCES, effectivePreferences, quietDelayMs } from './delivery-policy';

const all = new Set(['push', 'sms', 'zalo', 'email'] as const);
const on = { push: true, sms: true, zalo: true, email: false };

describe('chooseChannels', () => {
  it('sends an important message by push with Zalo then SMS behind it', () => {
    expect(chooseChannels('important', on, all)).toEqual([{ channel: 'push', fallbacks: ['zalo', 'sms'] }]);
  });
  it('goes straight to the reach-out channels when push cannot reach', () => {
    expect(chooseChannels('important', on, new Set(['sms', 'zalo']))).toEqual([
      { channel: 'zalo', fallbacks: ['sms'] },
    ]);
    expect(chooseChannels('important', { ...on, zalo: false }, new Set(['sms']))).toEqual([
      { channel: 'sms', fallbacks: [] },
    ]);
  });
  it('never spends an SMS on a normal message, nor on one the person switched off', () => {
    expect(chooseChannels('normal', on, new Set(['sms']))).toEqual([]);
    expect(chooseChannels('important', { ...on, sms: false, zalo: false }, new Set(['sms']))).toEqual([]);
  });
  it('adds email beside the rest when switched on', () => {
    expect(chooseChannels('normal', { ...on, email: true }, all)).toEqual([
      { channel: 'push', fallbacks: [] },
      { channel: 'email', fallbacks: [] },
    ]);
  });
});

describe('quietDelayMs', () => {
  // 23:30 in Vietnam is 16:30 UTC.
  const at = (utc: string) => new Date(`2026-12-02T${utc}:00Z`);
  const night = { start: '22:00', end: '06:00' };
  it('holds a message until the end of quiet hours past midnight', () => {
    expect(quietDelayMs(at('16:30'), night, 'important')).toBe(6.5 * 3600_000);
    expect(quietDelayMs(at('22:59'), night, 'normal')).toBe(60_000);
  });
  it('lets urgent messages and messages outside the window through', () => {
    expect(quietDelayMs(at('16:30'), night, 'urgent')).toBe(0);
    expect(quietDelayMs(at('05:00'), night, 'normal')).toBe(0); // 12:00 local
    expect(quietDelayMs(at('16:30'), null, 'normal')).toBe(0);
  });
  it('handles a window within one day', () => {
    expect(quietDelayMs(at('06:00'), { start: '12:00', end: '14:00' }, 'normal')).toBe(3600_000); // 13:00 local
  });
});

describe('preferences', () => {
  it('keeps the defaults for what the person did not change', () => {
    const p = effectivePreferences({ request: { sms: false } }, null);
    expect(p.channels.request).toEqual({ ...DEFAULT_PREFERENCES.channels.request, sms: false });
    expect(p.channels.receipt).toEqual(DEFAULT_PREFERENCES.channels.receipt);
  });
});

describe('SMS texts', () => {
  // The longest code the sequence gives in practice (a seven-digit year's count).
  const code = 'PA-2026-1234567';
  it('fit one Unicode segment, carry the case code and read in Vietnamese', () => {
    const lines = (Object.keys(EVENT_TEXTS) as EventType[]).map((t) => smsLine(t, code)).filter((l) => l !== null);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(SMS_SEGMENT_CHARS);
      expect(line).toContain(code);
    }
    expect(smsLine('report.created', code)).toBe(`Đã tiếp nhận phản ánh ${code}. Tra cứu bằng mã này.`);
    expect(smsLine('report.result_approved', code)).toBe(`Phản ánh ${code} đã được xử lý xong. Mời bạn xem kết quả.`);
    expect(smsLine('report.assigned', code)).toBeNull();
  });
});

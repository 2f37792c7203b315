import { createHash } from 'node:crypto';
import { refuseWebhook, zaloSignature, ZALO_EVENT_MAX_AGE_MS } from './zalo-signature';

const keys = { appId: '3605211416208941163', oaSecretKey: 'oa-secret-key-for-the-unit-test' };
const now = 1_764_000_000_000;
const body = (timestamp: number) =>
  `{"app_id":"${keys.appId}","event_name":"user_send_text","sender":{"id":"2512523625412515"},"message":{"msg_id":"m1","text":"Ổ gà"},"timestamp":"${timestamp}"}`;
const signed = (raw: string, timestamp: string) => zaloSignature(keys.appId, raw, timestamp, keys.oaSecretKey);

describe('zaloSignature', () => {
  it('is mac= and the hex SHA-256 of app id + raw body + timestamp + OA secret key', () => {
    const raw = body(now);
    const expected = createHash('sha256').update(`${keys.appId}${raw}${now}${keys.oaSecretKey}`, 'utf8').digest('hex');
    expect(signed(raw, String(now))).toBe(`mac=${expected}`);
  });

  it('hashes the bytes as sent: a Buffer and its UTF-8 string agree, a reformatted body does not', () => {
    const raw = body(now);
    expect(zaloSignature(keys.appId, Buffer.from(raw), String(now), keys.oaSecretKey)).toBe(signed(raw, String(now)));
    const reformatted = JSON.stringify(JSON.parse(raw), null, 1);
    expect(signed(reformatted, String(now))).not.toBe(signed(raw, String(now)));
  });
});

describe('refuseWebhook', () => {
  const check = (raw: string, signature: string | undefined, timestamp: unknown, at = now) =>
    refuseWebhook({ rawBody: Buffer.from(raw), signature, timestamp }, keys, at);

  it('accepts a fresh, correctly signed event (upper-case hex too)', () => {
    const raw = body(now - 1000);
    expect(check(raw, signed(raw, String(now - 1000)), String(now - 1000))).toBeNull();
    expect(check(raw, signed(raw, String(now - 1000)).toUpperCase(), String(now - 1000))).toBeNull();
  });

  it('refuses a missing signature, another key, a changed body or a changed timestamp', () => {
    const raw = body(now);
    expect(check(raw, undefined, String(now))).toBe('missing_signature');
    expect(check(raw, '', String(now))).toBe('missing_signature');
    const other = zaloSignature(keys.appId, raw, String(now), 'another-secret');
    expect(check(raw, other, String(now))).toBe('bad_signature');
    expect(check(raw.replace('Ổ gà', 'Ổ voi'), signed(raw, String(now)), String(now))).toBe('bad_signature');
    expect(check(raw, signed(raw, String(now)), String(now + 1))).toBe('bad_signature');
    expect(check(raw, 'mac=zz', String(now))).toBe('bad_signature');
  });

  it('refuses a correctly signed event that is too old or from the future (a replay)', () => {
    const old = now - ZALO_EVENT_MAX_AGE_MS - 1;
    expect(check(body(old), signed(body(old), String(old)), String(old))).toBe('stale_event');
    const ahead = now + 10 * 60_000;
    expect(check(body(ahead), signed(body(ahead), String(ahead)), String(ahead))).toBe('stale_event');
    expect(check(body(now), signed(body(now), 'soon'), 'soon')).toBe('stale_event');
  });
});

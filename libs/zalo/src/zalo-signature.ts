import { createHash, timingSafeEqual } from 'node:crypto';

/** The header in which Zalo signs every webhook request (docs/channels.md#zalo). */
export const ZALO_SIGNATURE_HEADER = 'x-zevent-signature';
/** How old a signed event may be (its `timestamp`), and how far ahead of our clock: older ones are replays. */
export const ZALO_EVENT_MAX_AGE_MS = 10 * 60_000;
export const ZALO_EVENT_MAX_SKEW_MS = 2 * 60_000;

/**
 * Zalo's webhook signature: `mac=` + hex SHA-256 of the app id, the raw body exactly as sent, the event's
 * `timestamp` field and the OA secret key, concatenated (docs/channels.md#zalo cites the sources). A plain hash of
 * secret-suffixed data, not an HMAC: that is Zalo's scheme, not ours to change.
 */
export function zaloSignature(appId: string, rawBody: Buffer | string, timestamp: string, oaSecretKey: string): string {
  const hash = createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey);
  return `mac=${hash.digest('hex')}`;
}

export type WebhookRefusal = 'missing_signature' | 'bad_signature' | 'stale_event';

/**
 * Checks a webhook request before anything else reads it: the signature over the raw bytes (compared in constant
 * time), then the event's age against replays. Returns why it is refused, or null when it is Zalo's.
 */
export function refuseWebhook(
  request: { rawBody: Buffer; signature: string | undefined; timestamp: unknown },
  keys: { appId: string; oaSecretKey: string },
  now: number,
): WebhookRefusal | null {
  if (!request.signature) return 'missing_signature';
  const timestamp =
    typeof request.timestamp === 'string' || typeof request.timestamp === 'number' ? request.timestamp : '';
  const expected = Buffer.from(zaloSignature(keys.appId, request.rawBody, String(timestamp), keys.oaSecretKey));
  const given = Buffer.from(request.signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  const at = Number(timestamp);
  if (!Number.isFinite(at) || at < now - ZALO_EVENT_MAX_AGE_MS || at > now + ZALO_EVENT_MAX_SKEW_MS)
    return 'stale_event';
  return null;
}

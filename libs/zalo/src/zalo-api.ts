import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { maskPhone } from '@app/common';
import { Env } from '@app/config';
import { InjectRedis } from '@app/queue';

/** Zalo's endpoints (docs/channels.md#zalo). */
export const ZALO_URLS = {
  accessToken: 'https://oauth.zaloapp.com/v4/oa/access_token',
  csMessage: 'https://openapi.zalo.me/v3.0/oa/message/cs',
  znsMessage: 'https://business.openapi.zalo.me/message/template',
} as const;

/** Zalo's error codes for an access token that is invalid or expired: refresh once and try again. */
const TOKEN_ERRORS = new Set([-216, -124]);
/** Photos come from Zalo's own CDNs; nothing else is fetched on a webhook's word. */
const MEDIA_HOSTS = /(^|\.)(zdn\.vn|zadn\.vn|zalo\.me|zaloapp\.com)$/i;
const TIMEOUT_MS = 10_000;

const KEYS = { access: 'zalo:access-token', refresh: 'zalo:refresh-token', lock: 'zalo:refresh-lock' } as const;

/**
 * What one call gave: `sent`, or refused with Zalo's error (`transient`: the network, a 5xx or Zalo's own
 * trouble, worth retrying; otherwise trying again cannot help, e.g. a user who has not written for too long).
 */
export type ZaloResult = { ok: true; id: string | null } | { ok: false; transient: boolean; error: string };

export class ZaloMediaError extends Error {}

/**
 * The OA's HTTP client: consultation (cs) messages to a follower, ZNS template messages to a phone, photo
 * downloads. The OA's access token lives in Redis until shortly before it expires and is refreshed with the
 * latest refresh token (also in Redis: Zalo hands out a new one with each refresh and the old one stops working),
 * one refresh at a time across processes. Tokens are never logged.
 */
@Injectable()
export class ZaloApi {
  private readonly logger = new Logger(ZaloApi.name);

  constructor(
    private readonly env: Env,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  get enabled(): boolean {
    return !!this.env.ZALO_APP_ID;
  }

  get znsTemplate(): string | null {
    return this.enabled ? (this.env.ZALO_ZNS_TEMPLATE_STATUS ?? null) : null;
  }

  sendText(zaloUserId: string, text: string): Promise<ZaloResult> {
    return this.call(ZALO_URLS.csMessage, { recipient: { user_id: zaloUserId }, message: { text } }, 'message_id');
  }

  /** A ZNS template message; `phone` is E.164 (+84…), sent as Zalo wants it (84…). */
  async sendZns(phone: string, data: Record<string, string>, trackingId: string): Promise<ZaloResult> {
    const templateId = this.znsTemplate;
    if (!templateId) return { ok: false, transient: false, error: 'ZNS is not configured' };
    const result = await this.call(
      ZALO_URLS.znsMessage,
      { phone: phone.replace(/^\+/, ''), template_id: templateId, template_data: data, tracking_id: trackingId },
      'msg_id',
    );
    if (!result.ok) this.logger.warn(`ZNS to ${maskPhone(phone)} refused: ${result.error}`);
    return result;
  }

  /** A photo a follower sent, at most `maxBytes` (read as it arrives: a larger one is cut off, not buffered). */
  async download(url: string, maxBytes: number): Promise<Buffer> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ZaloMediaError('not a URL');
    }
    if (parsed.protocol !== 'https:' || !MEDIA_HOSTS.test(parsed.hostname))
      throw new ZaloMediaError(`not a Zalo media host: ${parsed.hostname}`);
    const res = await fetch(parsed, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok || !res.body) throw new ZaloMediaError(`download answered ${res.status}`);
    if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
      await res.body.cancel();
      throw new ZaloMediaError('too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > maxBytes) throw new ZaloMediaError('too large');
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  private async call(url: string, body: object, idField: string): Promise<ZaloResult> {
    if (!this.enabled) return { ok: false, transient: false, error: 'Zalo is not configured' };
    let token: string;
    try {
      token = await this.accessToken();
    } catch (e) {
      return { ok: false, transient: true, error: (e as Error).message };
    }
    let result = await this.post(url, body, token, idField);
    if (result === 'token') {
      try {
        result = await this.post(url, body, await this.refresh(token), idField);
      } catch (e) {
        return { ok: false, transient: true, error: (e as Error).message };
      }
    }
    return result === 'token' ? { ok: false, transient: true, error: 'access token refused' } : result;
  }

  private async post(url: string, body: object, token: string, idField: string): Promise<ZaloResult | 'token'> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      return { ok: false, transient: true, error: (e as Error).message };
    }
    const answer = (await res.json().catch(() => null)) as {
      error?: number;
      message?: string;
      data?: Record<string, unknown>;
    } | null;
    if (!res.ok || !answer)
      return { ok: false, transient: res.status >= 500 || res.status === 429, error: `HTTP ${res.status}` };
    if (answer.error === 0) {
      const id = answer.data?.[idField];
      return { ok: true, id: typeof id === 'string' ? id : null };
    }
    if (TOKEN_ERRORS.has(answer.error ?? 0)) return 'token';
    return { ok: false, transient: false, error: `${answer.error}: ${answer.message ?? ''}`.trim() };
  }

  /** The cached access token, or a new one. */
  async accessToken(): Promise<string> {
    return (await this.redis.get(KEYS.access)) ?? this.refresh(null);
  }

  /**
   * A new access token in place of `stale` (null: none cached). One process refreshes under a Redis lock; the
   * others wait for its result, since two refreshes with one refresh token would leave one of them with a dead one.
   */
  private async refresh(stale: string | null): Promise<string> {
    for (let waited = 0; waited < 15_000; waited += 200) {
      const current = await this.redis.get(KEYS.access);
      if (current && current !== stale) return current;
      if (await this.redis.set(KEYS.lock, '1', 'PX', 15_000, 'NX')) {
        try {
          return await this.exchange();
        } finally {
          await this.redis.del(KEYS.lock);
        }
      }
      await sleep(200);
    }
    throw new Error('Zalo token refresh timed out');
  }

  private async exchange(): Promise<string> {
    const refreshToken = (await this.redis.get(KEYS.refresh)) ?? this.env.ZALO_REFRESH_TOKEN!;
    const res = await fetch(ZALO_URLS.accessToken, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.env.ZALO_APP_SECRET! },
      body: new URLSearchParams({
        refresh_token: refreshToken,
        app_id: this.env.ZALO_APP_ID!,
        grant_type: 'refresh_token',
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      refresh_token?: string;
      expires_in?: string | number;
      error?: number;
      error_name?: string;
    };
    if (!answer.access_token) {
      // Only Zalo's error code and name: the request and answer carry secrets.
      this.logger.error(`Zalo token refresh refused: ${answer.error ?? res.status} ${answer.error_name ?? ''}`.trim());
      throw new Error('Zalo token refresh refused');
    }
    const lifetimeS = Math.max(120, Number(answer.expires_in) || 3600);
    const multi = this.redis.multi().set(KEYS.access, answer.access_token, 'PX', (lifetimeS - 60) * 1000);
    if (answer.refresh_token) multi.set(KEYS.refresh, answer.refresh_token);
    await multi.exec();
    this.logger.log('Zalo access token refreshed');
    return answer.access_token;
  }
}

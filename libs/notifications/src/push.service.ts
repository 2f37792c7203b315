import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { cert, deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getMessaging, type Messaging, type TokenMessage } from 'firebase-admin/messaging';
import { Env } from '@app/config';
import { Db } from '@app/database';

/** FCM accepts at most 500 messages per sendEach call. */
const FCM_BATCH = 500;

/** The token is gone for good: the app was uninstalled, or the token was never valid. */
const DEAD_TOKEN = new Set(['messaging/registration-token-not-registered', 'messaging/invalid-registration-token']);
/** Worth another try later: FCM or the network had a bad moment, or we were sending too fast. */
const RETRYABLE = new Set([
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/unknown-error',
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'app/network-error',
  'app/network-timeout',
  'app/invalid-credential',
]);

export interface PushOutcome {
  sent: number;
  /** Device rows deleted because FCM said their token is dead. */
  removed: number;
  /** Tokens whose send failed in a way worth retrying. */
  retry: string[];
  /** Tokens that failed for good for another reason (logged, not retried). */
  failed: Array<{ token: string; code: string }>;
}

/** One notification to some of one person's devices. */
export interface PushRequest {
  userId: string;
  /** Only these of the user's devices (a retry narrows to the tokens whose send failed for now). */
  tokens: string[];
  title: string;
  body: string;
  /** FCM data payload: string values only. */
  data: Record<string, string>;
}

type Classified = 'dead' | 'retry' | 'failed';

export function classifyFcmError(error: { code?: string; message?: string } | undefined): Classified {
  const code = error?.code ?? '';
  if (DEAD_TOKEN.has(code)) return 'dead';
  // INVALID_ARGUMENT also covers a malformed payload; only a complaint about the token condemns the device.
  if (code === 'messaging/invalid-argument' && /token/i.test(error?.message ?? '')) return 'dead';
  return RETRYABLE.has(code) ? 'retry' : 'failed';
}

/**
 * Firebase Cloud Messaging through the official Admin SDK. Off (every send a no-op) unless all three FIREBASE_*
 * variables are set. Each instance owns a uniquely named Firebase app, so several Nest apps in one process (tests)
 * never share or delete each other's.
 */
@Injectable()
export class PushService implements OnApplicationShutdown {
  private readonly app: App | null = null;
  private readonly messaging: Messaging | null = null;
  readonly projectId: string | null;

  constructor(
    env: Env,
    private readonly db: Db,
  ) {
    this.projectId = env.FIREBASE_PROJECT_ID ?? null;
    if (env.FIREBASE_PROJECT_ID && env.FIREBASE_CLIENT_EMAIL && env.FIREBASE_PRIVATE_KEY) {
      this.app = initializeApp(
        {
          credential: cert({
            projectId: env.FIREBASE_PROJECT_ID,
            clientEmail: env.FIREBASE_CLIENT_EMAIL,
            // Keys pasted into env files usually carry literal "\n".
            privateKey: env.FIREBASE_PRIVATE_KEY.replace(/\\n/g, '\n'),
          }),
          projectId: env.FIREBASE_PROJECT_ID,
        },
        `push-${randomUUID()}`,
      );
      this.messaging = getMessaging(this.app);
      // HTTP/1.1 keep-alive rather than the SDK's default HTTP/2 session: the same transport in production and in
      // the tests, whose interceptor (nock) sees only HTTP/1.1; one request per message either way.
      this.messaging.enableLegacyHttpTransport();
    }
  }

  get enabled(): boolean {
    return this.messaging !== null;
  }

  /** Sends one notification to those of the given tokens still registered to the user and forgets dead ones. */
  async deliver(job: PushRequest): Promise<PushOutcome> {
    const outcome: PushOutcome = { sent: 0, removed: 0, retry: [], failed: [] };
    if (!this.messaging || !job.tokens.length) return outcome;
    const devices = await this.db.kysely
      .selectFrom('devices')
      .select(['token', 'platform'])
      .where('userId', '=', job.userId)
      .where((eb) => eb('token', '=', eb.fn.any(eb.val(job.tokens))))
      .execute();
    const dead: string[] = [];
    for (let i = 0; i < devices.length; i += FCM_BATCH) {
      const batch = devices.slice(i, i + FCM_BATCH);
      const result = await this.messaging.sendEach(batch.map((d) => this.message(d.token, job)));
      result.responses.forEach((r, k) => {
        const token = batch[k].token;
        if (r.success) return void outcome.sent++;
        const kind = classifyFcmError(r.error);
        if (kind === 'dead') dead.push(token);
        else if (kind === 'retry') outcome.retry.push(token);
        else outcome.failed.push({ token, code: r.error?.code ?? 'unknown' });
      });
    }
    if (dead.length) {
      const { numDeletedRows } = await this.db.kysely
        .deleteFrom('devices')
        .where((eb) => eb('token', '=', eb.fn.any(eb.val(dead))))
        .executeTakeFirstOrThrow();
      outcome.removed = Number(numDeletedRows);
    }
    return outcome;
  }

  private message(token: string, job: PushRequest): TokenMessage {
    return {
      token,
      notification: { title: job.title, body: job.body },
      data: job.data,
      android: { priority: 'high' },
      apns: { payload: { aps: { sound: 'default' } } },
    };
  }

  /** After the queues have drained (QueueDrain), so a push job in hand still has its Firebase app. */
  async onApplicationShutdown(): Promise<void> {
    if (this.app) await deleteApp(this.app).catch(() => undefined);
  }
}

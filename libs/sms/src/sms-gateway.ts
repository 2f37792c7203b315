import { Logger } from '@nestjs/common';
import { maskPhone } from '@app/common';

/** One text message to one Vietnamese mobile number (E.164, +84…). */
export interface SmsMessage {
  to: string;
  text: string;
}

/**
 * Where text messages go. Adapters, chosen by SMS_GATEWAY: `http` (any brandname SMS provider fronted by the
 * generic contract below), `log` (development: the text in the log, refused in production), `none` (no SMS:
 * features that need one answer 503).
 */
export abstract class SmsGateway {
  abstract readonly enabled: boolean;
  /** Sends, retrying transient failures; resolves false when the message could not be delivered to the gateway. */
  abstract send(message: SmsMessage): Promise<boolean>;
  /**
   * One try, no retry (the delivery layer retries with its own backoff): `sent`, `retry` (the gateway or the
   * network failed for now) or `refused` (the message's fault, or no gateway).
   */
  abstract trySend(message: SmsMessage): Promise<SmsAttempt>;
}

export type SmsAttempt = 'sent' | 'retry' | 'refused';

export interface HttpSmsOptions {
  url: string;
  token: string;
  /** Attempts in all (the first and the retries). */
  attempts?: number;
  /** Delay before the first retry; doubles each time. */
  firstRetryMs?: number;
  timeoutMs?: number;
}

/**
 * The generic HTTP contract (docs/identity.md, SMS gateway): `POST SMS_HTTP_URL` with JSON `{ "to": "+849…",
 * "text": "…" }` and `Authorization: Bearer SMS_HTTP_TOKEN`; any 2xx is accepted. A 5xx, 429, timeout or network
 * error is retried with exponential backoff; another 4xx is the message's fault and is not. The text (which holds
 * one-time codes) is never logged, nor the full number.
 */
export class HttpSmsGateway extends SmsGateway {
  readonly enabled = true;
  private readonly logger = new Logger('SmsGateway');

  constructor(private readonly options: HttpSmsOptions) {
    super();
  }

  async send(message: SmsMessage): Promise<boolean> {
    const { attempts = 4, firstRetryMs = 500 } = this.options;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.trySend(message);
      if (outcome === 'sent') return true;
      if (outcome === 'refused' || attempt === attempts) {
        this.logger.warn(
          `SMS to ${maskPhone(message.to)} not delivered to the gateway (${outcome}, attempt ${attempt})`,
        );
        return false;
      }
      await new Promise((r) => setTimeout(r, firstRetryMs * 2 ** (attempt - 1)));
    }
    return false;
  }

  async trySend(message: SmsMessage): Promise<SmsAttempt> {
    const { timeoutMs = 10_000 } = this.options;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return 'sent';
      return res.status >= 500 || res.status === 429 ? 'retry' : 'refused';
    } catch {
      return 'retry';
    }
  }
}

/** Development only: prints the message, code included, so a developer can log in without a phone. */
export class LogSmsGateway extends SmsGateway {
  readonly enabled = true;
  private readonly logger = new Logger('SmsGateway');

  async send(message: SmsMessage): Promise<boolean> {
    // The log scrubber masks phone numbers, and codes are 6 digits, not phones: the code stays readable.
    this.logger.warn(`[SMS_GATEWAY=log, development only] to ${message.to}: ${message.text}`);
    return true;
  }

  async trySend(message: SmsMessage): Promise<SmsAttempt> {
    return (await this.send(message)) ? 'sent' : 'refused';
  }
}

export class NoSmsGateway extends SmsGateway {
  readonly enabled = false;

  async send(): Promise<boolean> {
    return false;
  }

  async trySend(): Promise<SmsAttempt> {
    return 'refused';
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppError, notFound } from '@app/common';
import { Env } from '@app/config';
import { ENQUEUE_TIMEOUT_MS, JOBS, QUEUES } from '@app/queue';
import { parseZaloEvent } from './zalo-events';
import { refuseWebhook } from './zalo-signature';

/**
 * The webhook's receiving end: verify, then queue. Zalo waits only a few seconds and sends again when we are slow,
 * so nothing else happens on the request: the worker turns the event into a conversation step
 * (ZaloConversationsService). The job id is Zalo's message id, so a resent event is one job.
 */
@Injectable()
export class ZaloWebhookService {
  constructor(
    private readonly env: Env,
    @InjectQueue(QUEUES.zalo) private readonly queue: Queue,
  ) {}

  async receive(rawBody: Buffer | undefined, body: unknown, signature: string | undefined): Promise<void> {
    const { ZALO_APP_ID: appId, ZALO_OA_SECRET_KEY: oaSecretKey } = this.env;
    if (!appId || !oaSecretKey) throw notFound('Route');
    const timestamp = body && typeof body === 'object' ? (body as { timestamp?: unknown }).timestamp : undefined;
    const refusal = refuseWebhook(
      { rawBody: rawBody ?? Buffer.alloc(0), signature, timestamp },
      { appId, oaSecretKey },
      Date.now(),
    );
    if (refusal)
      throw new AppError('UNAUTHENTICATED', 'The Zalo signature is missing, wrong or too old', { reason: refusal });
    const event = parseZaloEvent(body);
    if (!event || event.inbound.kind === 'other') return;
    const jobId = event.msgId ? `msg:${event.msgId}` : `${event.eventName}:${event.userId}:${event.timestamp}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue.add(JOBS.zaloEvent, event, { jobId, attempts: 5, backoff: { type: 'exponential', delay: 2000 } }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('queue timeout')), ENQUEUE_TIMEOUT_MS))),
      ]);
    } catch {
      // Zalo sends the event again when we do not answer 200: better than losing a citizen's message.
      throw new AppError('SERVICE_UNAVAILABLE', 'The Zalo event could not be queued; send it again');
    } finally {
      clearTimeout(timer);
    }
  }
}

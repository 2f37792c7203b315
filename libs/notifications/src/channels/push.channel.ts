import { Injectable } from '@nestjs/common';
import { PushService } from '../push.service';
import type { DeliveryChannel, DeliveryMessage, DeliveryOutcome, Recipient } from './delivery-channel';

/** FCM push to the person's app installs (PushService); a token FCM no longer knows is forgotten there. */
@Injectable()
export class PushChannel implements DeliveryChannel {
  readonly name = 'push';

  constructor(private readonly push: PushService) {}

  canReach(recipient: Recipient): boolean {
    return this.push.enabled && recipient.pushTokens.length > 0;
  }

  async send(recipient: Recipient, message: DeliveryMessage): Promise<DeliveryOutcome> {
    const text = message.texts.push;
    if (!text) return { status: 'failed-permanent', reason: 'no push text for this event' };
    const outcome = await this.push.deliver({
      userId: recipient.userId,
      tokens: recipient.pushTokens,
      ...text,
      data: {
        eventId: message.eventId,
        notificationId: message.notificationId ?? '',
        reportId: message.reportId,
        type: message.eventType,
        code: message.reportCode,
      },
    });
    if (outcome.sent) return { status: 'delivered', detail: `${outcome.sent} device(s)` };
    if (outcome.retry.length)
      return { status: 'failed-transient', reason: 'FCM unavailable', retry: { pushTokens: outcome.retry } };
    if (outcome.removed && !outcome.failed.length) return { status: 'failed-permanent', reason: 'dead push token' };
    const codes = outcome.failed.map((f) => f.code).join(', ');
    return { status: 'failed-permanent', reason: codes ? `FCM refused: ${codes}` : 'no registered device' };
  }
}

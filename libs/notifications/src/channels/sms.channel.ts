import { Injectable } from '@nestjs/common';
import { SmsGateway } from '@app/sms';
import type { DeliveryChannel, DeliveryMessage, DeliveryOutcome, Recipient } from './delivery-channel';

/** Text messages through the SMS gateway (libs/sms), one try per job: the delivery layer retries. */
@Injectable()
export class SmsChannel implements DeliveryChannel {
  readonly name = 'sms';

  constructor(private readonly gateway: SmsGateway) {}

  canReach(recipient: Recipient): boolean {
    return this.gateway.enabled && !!recipient.phone;
  }

  async send(recipient: Recipient, message: DeliveryMessage): Promise<DeliveryOutcome> {
    const text = message.texts.sms;
    if (!text) return { status: 'failed-permanent', reason: 'no SMS text for this event' };
    if (!recipient.phone) return { status: 'failed-permanent', reason: 'no phone number' };
    const result = await this.gateway.trySend({ to: recipient.phone, text: text.body });
    if (result === 'sent') return { status: 'delivered' };
    if (result === 'retry') return { status: 'failed-transient', reason: 'SMS gateway unavailable' };
    return { status: 'failed-permanent', reason: 'SMS gateway refused the message' };
  }
}

import type { Type } from '@nestjs/common';
import type { DeliveryChannel } from './delivery-channel';
import { PushChannel } from './push.channel';
import { SmsChannel } from './sms.channel';
import { ZaloChannel } from './zalo.channel';

export * from './channel-registry';
export * from './delivery-channel';
export * from './push.channel';
export * from './sms.channel';
export * from './zalo.channel';

/**
 * Every delivery channel, registered once (NotificationDeliveryModule provides them through
 * deliveryChannelProviders): a new channel is one more class here.
 */
export const CHANNEL_CLASSES: Array<Type<DeliveryChannel>> = [PushChannel, SmsChannel, ZaloChannel];

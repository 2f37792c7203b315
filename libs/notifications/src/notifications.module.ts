import { Module } from '@nestjs/common';
import { SmsModule } from '@app/sms';
import { ZaloApiModule } from '@app/zalo/zalo-api.module';
import { CHANNEL_CLASSES, ChannelRegistry, deliveryChannelProviders } from './channels';
import { DeliveryService } from './delivery/delivery.service';
import { PreferencesService } from './delivery/preferences.service';
import { AgencyMailService } from './email/agency-mail.service';
import { Mailer } from './email/mailer.service';
import { DevicesService } from './devices.service';
import { EventDispatchService } from './event-dispatch.service';
import { InboxService } from './inbox.service';
import { OutboxRelayService } from './outbox-relay.service';
import { PushService } from './push.service';
import { RealtimeEmitter } from './realtime-emitter.service';

/** What the API needs: devices, the inbox and preferences (no Redis emitter, no Firebase app). */
@Module({
  providers: [DevicesService, InboxService, PreferencesService],
  exports: [DevicesService, InboxService, PreferencesService],
})
export class NotificationsModule {}

/**
 * What the worker needs to deliver events: the dispatcher, the socket.io emitter, the delivery layer with its
 * channels (FCM, SMS, …), agencies' email and the outbox relay. Expects the global ConfigModule, DatabaseModule and QueueModule.
 */
@Module({
  imports: [SmsModule, ZaloApiModule],
  providers: [
    EventDispatchService,
    RealtimeEmitter,
    PushService,
    OutboxRelayService,
    PreferencesService,
    DeliveryService,
    ChannelRegistry,
    ...deliveryChannelProviders(CHANNEL_CLASSES),
    Mailer,
    AgencyMailService,
  ],
  exports: [EventDispatchService, RealtimeEmitter, PushService, OutboxRelayService, DeliveryService, AgencyMailService],
})
export class NotificationDeliveryModule {}

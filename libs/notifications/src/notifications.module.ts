import { Module } from '@nestjs/common';
import { DevicesService } from './devices.service';
import { EventDispatchService } from './event-dispatch.service';
import { InboxService } from './inbox.service';
import { OutboxRelayService } from './outbox-relay.service';
import { PushService } from './push.service';
import { RealtimeEmitter } from './realtime-emitter.service';

/** What the API needs: devices and the inbox (no Redis emitter, no Firebase app). */
@Module({
  providers: [DevicesService, InboxService],
  exports: [DevicesService, InboxService],
})
export class NotificationsModule {}

/**
 * What the worker needs to deliver events: the dispatcher, the socket.io emitter, FCM and the outbox relay.
 * Expects the global ConfigModule, DatabaseModule and QueueModule.
 */
@Module({
  providers: [EventDispatchService, RealtimeEmitter, PushService, OutboxRelayService],
  exports: [EventDispatchService, RealtimeEmitter, PushService, OutboxRelayService],
})
export class NotificationDeliveryModule {}

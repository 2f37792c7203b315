import { Global, Module } from '@nestjs/common';
import { RealtimeSessions } from '@app/notifications';
import { RealtimeGateway } from './realtime.gateway';

/**
 * The socket.io gateway; the Redis adapter it runs on is set in configure-app.ts. Global for RealtimeSessions,
 * which the account code (libs/auth) calls when an account changes.
 */
@Global()
@Module({
  providers: [RealtimeGateway, { provide: RealtimeSessions, useExisting: RealtimeGateway }],
  exports: [RealtimeSessions],
})
export class RealtimeModule {}

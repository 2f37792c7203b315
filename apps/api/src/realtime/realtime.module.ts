import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { RealtimeSessions } from '@app/notifications';
import { RealtimeGateway } from './realtime.gateway';

/**
 * The socket.io gateway; the Redis adapter it runs on is set in configure-app.ts. It exports RealtimeSessions, which
 * the account code (libs/auth SessionGate) looks up through ModuleRef when an account changes: the worker has none.
 */
@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway, { provide: RealtimeSessions, useExisting: RealtimeGateway }],
  exports: [RealtimeSessions],
})
export class RealtimeModule {}

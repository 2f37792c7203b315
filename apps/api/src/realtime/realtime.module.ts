import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';

/** The socket.io gateway; the Redis adapter it runs on is set in configure-app.ts. */
@Module({ providers: [RealtimeGateway] })
export class RealtimeModule {}

import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { Env } from '@app/config';
import { createRedis } from '@app/queue';
import type { SocketMessage } from './notification.policy';
import { REALTIME_NAMESPACE, socketIoKey } from './realtime-rooms';

/**
 * Publishes socket.io messages from a process that runs no socket server (the worker): every API replica's Redis
 * adapter receives them and delivers to its own sockets. The emitter fires and forgets; we hand it a client whose
 * `publish` we can await, so a failed publish fails the job (and Bull retries it) instead of vanishing.
 */
@Injectable()
export class RealtimeEmitter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;
  private sink: Promise<unknown>[] | null = null;

  constructor(env: Env) {
    // No keyPrefix: pub/sub channel names carry the prefix through the socket.io key instead.
    this.redis = createRedis(env, 'socket-emitter');
    const client = {
      publish: (channel: string, message: Buffer | string) => {
        const sent = this.redis.publish(channel, message);
        if (this.sink) this.sink.push(sent);
        else sent.catch(() => undefined);
        return sent;
      },
    };
    this.emitter = new Emitter(client, { key: socketIoKey(env.REDIS_PREFIX) }).of(REALTIME_NAMESPACE);
  }

  async emit(messages: SocketMessage[]): Promise<void> {
    const sink: Promise<unknown>[] = [];
    // emit() publishes synchronously, so no other caller's publishes can land in this sink.
    this.sink = sink;
    try {
      for (const m of messages) {
        if (m.rooms.length) this.emitter.to(m.rooms).emit(m.event, m.payload);
      }
    } finally {
      this.sink = null;
    }
    await Promise.all(sink);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

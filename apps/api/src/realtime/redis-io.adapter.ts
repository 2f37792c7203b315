import { once } from 'node:events';
import { INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { Env } from '@app/config';
import { socketIoKey } from '@app/notifications';
import { createRedis } from '@app/queue';

/**
 * socket.io over Redis pub/sub, so several API processes act as one server: a message emitted by any of them,
 * or by the worker's emitter, reaches sockets connected to all of them. The channel key comes from REDIS_PREFIX,
 * the same as the worker's emitter uses. With several processes behind a load balancer, clients should connect
 * with the websocket transport (or the balancer must keep long-polling clients sticky).
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private pub: Redis;
  private sub: Redis;
  private env: Env;

  constructor(app: INestApplication) {
    super(app);
    this.env = app.get(Env);
  }

  /** Opens the pub/sub connections; waits a little for them, but never blocks start-up on a missing Redis. */
  async connect(): Promise<this> {
    this.pub = createRedis(this.env, 'socket-pub');
    // Subscriber connections queue commands until Redis is back and re-subscribe on reconnect.
    this.sub = createRedis(this.env, 'socket-sub');
    const ready = (r: Redis) => (r.status === 'ready' ? Promise.resolve() : once(r, 'ready').then(() => undefined));
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
    if ((await Promise.race([Promise.all([ready(this.pub), ready(this.sub)]), timeout])) === 'timeout') {
      this.logger.warn('Redis is not reachable yet: real-time messages across API processes wait for it');
    }
    return this;
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length ? origins : false, credentials: true },
    } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: socketIoKey(this.env.REDIS_PREFIX) }));
    return server;
  }

  async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.pub, this.sub].map((r) => r?.quit().catch(() => r.disconnect())));
  }
}

export async function createRedisIoAdapter(app: INestApplication): Promise<RedisIoAdapter> {
  return new RedisIoAdapter(app).connect();
}

import { once } from 'node:events';
import { INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import { isObservable, type Observable } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { Env } from '@app/config';
import { socketIoKey } from '@app/notifications';
import { createRedis } from '@app/queue';

/** The socket type of the socket.io copy @nestjs/platform-socket.io creates its server with. */
type IoSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];

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
    const origins = this.env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length ? origins : false, credentials: true },
    } as ServerOptions);
    server.adapter(
      createAdapter(publishFailuresLogged(this.pub, this.logger), this.sub, {
        key: socketIoKey(this.env.REDIS_PREFIX),
      }),
    );
    return server;
  }

  /**
   * One plain listener per message instead of Nest's per-socket rxjs pipeline (fromEvent → mergeMap → takeUntil
   * a shared disconnect stream): with our two handlers that was ~50 closures, ~50 contexts and 8 subscribers,
   * 11 KB of heap for every connected socket, half of all it cost (bench/FINDINGS.md F9). Same contract: each
   * message runs its handler (the callback Nest built with its pipes, guards and exception filters), every
   * non-nil result is acknowledged, or emitted when it is a `{ event, data }` response.
   */
  bindMessageHandlers(
    socket: IoSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        const respond = (response: unknown) => {
          if (response === null || response === undefined) return;
          const r = response as { event?: string; data?: unknown };
          if (r.event) socket.emit(r.event, r.data);
          else if (!isAckHandledManually && typeof ack === 'function') ack(response);
        };
        Promise.resolve(callback(data, ack)).then(
          (result) =>
            isObservable(result) ? this.follow(socket, transform(result), respond, message) : respond(result),
          (e) => this.failed(message, e),
        );
      });
    }
  }

  /** An Observable result answers with each value until it completes or the socket disconnects (as Nest's takeUntil). */
  private follow(
    socket: IoSocket,
    results: Observable<unknown>,
    respond: (r: unknown) => void,
    message: unknown,
  ): void {
    const stop = () => subscription.unsubscribe();
    const subscription = results.subscribe({
      next: respond,
      error: (e) => {
        socket.off('disconnect', stop);
        this.failed(message, e);
      },
      complete: () => socket.off('disconnect', stop),
    });
    if (!subscription.closed) socket.once('disconnect', stop);
  }

  private failed(message: unknown, e: unknown): void {
    this.logger.error(`socket message ${String(message)}: ${(e as Error)?.stack ?? String(e)}`);
  }

  async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.pub, this.sub].map((r) => r?.quit().catch(() => r.disconnect())));
  }
}

/**
 * The adapter publishes without waiting (closing a user's sockets in every process, answers to other processes):
 * while Redis is down such a publish fails, and an unhandled rejection would end the API process. Its failures are
 * logged instead; what it carried is lost, as is any real-time message during an outage.
 */
function publishFailuresLogged(redis: Redis, logger: Logger): Redis {
  const publish = (channel: string, message: string | Buffer) =>
    redis.publish(channel, message).catch((e: Error) => {
      logger.warn(`socket.io publish to ${channel} failed: ${e.message}`);
      return 0;
    });
  return new Proxy(redis, {
    get: (target, name, receiver) => (name === 'publish' ? publish : Reflect.get(target, name, receiver)),
  });
}

export async function createRedisIoAdapter(app: INestApplication): Promise<RedisIoAdapter> {
  return new RedisIoAdapter(app).connect();
}

import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from '@app/config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/** Builds a Redis client that fails commands fast while Redis is down instead of queueing them for ever. */
export function createRedis(env: Env, purpose: string, keyPrefix?: string): Redis {
  return new Redis(env.REDIS_URL, {
    connectionName: `${env.REDIS_PREFIX}:${purpose}`,
    keyPrefix,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One shared general-purpose client (rate limits, login throttling, health) whose keys all start with
 * `${REDIS_PREFIX}:`; Bull and socket.io make their own connections with the same prefix.
 */
// Global: one shared Redis connection per process, infrastructure for rate limits, sessions and health.
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [Env], useFactory: (env: Env) => createRedis(env, 'app', `${env.REDIS_PREFIX}:`) },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}

import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppError } from '@app/common';
import { InjectRedis } from '@app/queue';

export interface BudgetKey {
  /** Redis key (under the deployment's prefix) counting attempts in the window. */
  key: string;
  /** Attempts allowed in the window. */
  limit: number;
}

/** An attempt that was allowed: it stays counted (a failure) unless the caller gives it back. */
export interface Reservation {
  /** The attempt succeeded: it no longer counts, and the `reset` keys start again from zero. */
  succeeded(reset?: string[]): Promise<void>;
}

/**
 * Budgets of attempts (passwords, one-time codes) counted in Redis, shared by every API process. An attempt is
 * reserved before it is checked: every key is incremented in one MULTI and the attempt goes ahead only if all
 * counts are within their limits. So 40 parallel guesses against a limit of 10 check exactly 10 (reserve, then
 * verify), where a read-then-count would check all those that read before any failure was written.
 * Like the request rate limits this fails open: while Redis is down people can still log in.
 */
@Injectable()
export class AttemptBudget {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async reserve(keys: BudgetKey[], windowSeconds: number): Promise<Reservation> {
    const multi = this.redis.multi();
    for (const { key } of keys) multi.incr(key).expire(key, windowSeconds, 'NX').ttl(key);
    const results = await multi.exec().catch(() => null);
    if (!results || results.some(([e]) => e)) return { succeeded: async () => undefined };
    const counts = keys.map((_, i) => Number(results[i * 3][1]));
    const exceeded = keys.findIndex((k, i) => counts[i] > k.limit);
    if (exceeded >= 0) {
      // A refused attempt is not counted: the window ends when it was going to.
      await this.release(keys.map((k) => k.key));
      const ttl = Number(results[exceeded * 3 + 2][1]);
      throw new AppError('RATE_LIMITED', 'Too many failed attempts, try again later', {
        retryAfterSeconds: ttl > 0 ? ttl : windowSeconds,
      });
    }
    return {
      succeeded: (reset = []) =>
        this.release(
          keys.map((k) => k.key),
          reset,
        ),
    };
  }

  private async release(keys: string[], reset: string[] = []): Promise<void> {
    const multi = this.redis.multi();
    for (const key of keys) if (!reset.includes(key)) multi.decr(key);
    if (reset.length) multi.del(...reset);
    await multi.exec().catch(() => undefined);
  }
}

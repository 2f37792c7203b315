import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { Env } from '@app/config';
import { AppError } from '@app/common';
import { InjectRedis } from '@app/queue';

const WINDOW_SECONDS = 15 * 60;

/**
 * Brute-force protection: failed logins are counted per account and per IP in Redis (shared by every API
 * process). Past the limit, further attempts get 429 until the window ends, even with the right password.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  private keys(login: string, ip: string): string[] {
    return [`login-fail:acct:${login.toLowerCase()}`, `login-fail:ip:${ip}`];
  }

  async assertAllowed(login: string, ip: string): Promise<void> {
    // Like the request rate limits, this fails open: while Redis is down people can still log in.
    const [perAccount, perIp] = await this.redis.mget(...this.keys(login, ip)).catch(() => [null, null]);
    if (Number(perAccount ?? 0) >= this.env.LOGIN_MAX_FAILURES || Number(perIp ?? 0) >= this.env.LOGIN_MAX_FAILURES_PER_IP) {
      throw new AppError('RATE_LIMITED', 'Too many failed logins, try again later', { retryAfterSeconds: WINDOW_SECONDS });
    }
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(login, ip)) multi.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await multi.exec().catch(() => undefined);
  }

  async reset(login: string): Promise<void> {
    await this.redis.del(this.keys(login, '')[0]).catch(() => undefined);
  }
}

import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { Env } from '@app/config';

const WRITE_LIMITED = 'write_limited';
const reflector = new Reflector();

/** Marks a public or citizen write route: it also counts against RATE_LIMIT_WRITE_PER_MINUTE per client. */
export const WriteLimited = () => SetMetadata(WRITE_LIMITED, true);

/**
 * The throttlers, counted in Redis so every API process shares one budget per client: a generous overall
 * limit on every route, and the write limit on routes marked @WriteLimited (report creation, uploads).
 */
export function throttlers(env: Env): ThrottlerOptions[] {
  return [
    { name: 'default', ttl: 60_000, limit: 600 },
    {
      name: 'write',
      ttl: 60_000,
      limit: env.RATE_LIMIT_WRITE_PER_MINUTE,
      skipIf: (ctx: ExecutionContext) => !reflector.getAllAndOverride<boolean>(WRITE_LIMITED, [ctx.getHandler(), ctx.getClass()]),
    },
  ];
}

/**
 * Rate limiting is best effort: while Redis is down, requests pass unlimited rather than fail, because losing
 * citizens' reports during an outage is worse than a minute without limits.
 */
export function failOpen(storage: ThrottlerStorage): ThrottlerStorage {
  return {
    increment: (...args: Parameters<ThrottlerStorage['increment']>) =>
      storage.increment(...args).catch(() => ({ totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 })),
  };
}

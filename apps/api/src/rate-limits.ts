import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { Env } from '@app/config';

const WRITE_LIMITED = 'write_limited';
const reflector = new Reflector();

/** Marks a public or citizen write route: it also counts against RATE_LIMIT_WRITE_PER_MINUTE per client. */
export const WriteLimited = () => SetMetadata(WRITE_LIMITED, true);

type Caller = { user?: { id: string }; ip: string };
const callerOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Caller>();

/**
 * Whose budget a request spends: a logged-in user's own (the access-rule guard runs first and sets the user),
 * anyone else's address. Keying everyone on the address would put thousands of citizens behind one
 * carrier-grade NAT, or a whole operations centre behind the provincial WAN, on one budget: one noisy client
 * would block the others.
 */
export const rateLimitTracker = (req: Record<string, unknown>): string => {
  const { user, ip } = req as Caller;
  return user?.id ? `user:${user.id}` : `ip:${ip}`;
};

/**
 * The throttlers, counted in Redis so every API process shares one budget per client: an overall limit on every
 * route (higher for an address, which many people may share, than for one user), and the write limit on routes
 * marked @WriteLimited (report creation, uploads). Every limit comes from the environment.
 */
export function throttlers(env: Env): ThrottlerOptions[] {
  return [
    {
      name: 'default',
      ttl: 60_000,
      limit: (ctx: ExecutionContext) =>
        callerOf(ctx).user ? env.RATE_LIMIT_PER_MINUTE : env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    },
    {
      name: 'write',
      ttl: 60_000,
      limit: env.RATE_LIMIT_WRITE_PER_MINUTE,
      skipIf: (ctx: ExecutionContext) =>
        !reflector.getAllAndOverride<boolean>(WRITE_LIMITED, [ctx.getHandler(), ctx.getClass()]),
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
      storage
        .increment(...args)
        .catch(() => ({ totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 })),
  };
}

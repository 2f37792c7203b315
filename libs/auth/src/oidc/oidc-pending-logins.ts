import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from '@app/queue';
import type { PendingOidcLogin } from './oidc-client';

/** Time to log in at the provider (read the screen, open the VNeID app, confirm) before the state is void. */
const PENDING_TTL_SECONDS = 600;

const key = (state: string) => `oidc:pending:${state}`;

/**
 * Logins sent to the provider and not yet back, keyed by their state, in Redis so that any API process can finish
 * them. A state is taken once (GETDEL): a replayed or forged callback finds nothing.
 */
@Injectable()
export class OidcPendingLogins {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async save(state: string, login: PendingOidcLogin): Promise<void> {
    await this.redis.set(key(state), JSON.stringify(login), 'EX', PENDING_TTL_SECONDS);
  }

  /** The login started with this state, removed; null when unknown, expired or already finished. */
  async take(state: string): Promise<PendingOidcLogin | null> {
    const saved = await this.redis.getdel(key(state));
    return saved ? (JSON.parse(saved) as PendingOidcLogin) : null;
  }
}

import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { Db } from '@app/database';
import { ApiKeysService } from '@app/reference';
import { Open311Error } from './open311-error';

/** An Open311 caller authenticated by its API key, with the user the system records as acting for it. */
export interface Integration {
  apiKeyId: string;
  name: string;
  /** A users row without password or roles, one per API key: it cannot log in and holds no staff rights. */
  user: AuthUser;
}

/**
 * Turns an `api_key` form field into the integration that acts. Every write must name an actor (reports,
 * timeline, idempotency all key on a user id), so each API key gets its own "integration user" on first use,
 * linked by api_keys.user_id. Timelines then say which integration filed or commented on a case, and revoking
 * the key stops it without touching anything already recorded.
 */
@Injectable()
export class Open311IntegrationsService {
  constructor(
    private readonly db: Db,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async authenticate(apiKey: unknown): Promise<Integration> {
    // The spec answers 403 for a missing key as well as for a wrong one: both mean "not allowed to write".
    if (typeof apiKey !== 'string' || !apiKey.trim())
      throw new Open311Error(403, 'api_key is required for this method');
    const key = await this.apiKeys.verify(apiKey.trim());
    if (!key) throw new Open311Error(403, 'Invalid api_key');
    const userId = await this.integrationUserId(key.id, key.name);
    return { apiKeyId: key.id, name: key.name, user: { id: userId, roles: [], agencyId: null } };
  }

  private async integrationUserId(apiKeyId: string, name: string): Promise<string> {
    const known = await this.db.kysely
      .selectFrom('apiKeys')
      .select('userId')
      .where('id', '=', apiKeyId)
      .executeTakeFirst();
    if (known?.userId) return known.userId;
    // Two first requests of a new key may race: the row lock makes the second reuse the first one's user.
    return this.db.transaction(async (trx) => {
      const row = await trx
        .selectFrom('apiKeys')
        .select('userId')
        .where('id', '=', apiKeyId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.userId) return row.userId;
      const user = await trx
        .insertInto('users')
        .values({ fullName: `Tích hợp Open311: ${name}`, roles: [] })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('apiKeys').set({ userId: user.id }).where('id', '=', apiKeyId).execute();
      return user.id;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';

/**
 * How long an Idempotency-Key of `POST /reports` is remembered (docs/api.md#idempotency): a phone that queued a
 * report offline may retry days later, not weeks. Each key keeps the first answer, the reporter's view of the new
 * report with their name and phone, so keeping keys for ever also kept that copy of personal data.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 7 * 24 * 3600 * 1000;

@Injectable()
export class IdempotencyKeysService {
  constructor(private readonly db: Db) {}

  /** Forgets the keys older than the TTL (a recurring job of the worker); returns how many. */
  async expire(now = new Date()): Promise<number> {
    const { numDeletedRows } = await this.db.kysely
      .deleteFrom('idempotencyKeys')
      .where('createdAt', '<', new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS))
      .executeTakeFirst();
    return Number(numDeletedRows);
  }
}

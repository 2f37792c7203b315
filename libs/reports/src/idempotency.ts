import { createHash } from 'node:crypto';
import { AppError } from '@app/common';
import type { Database, Kysely } from '@app/database';

export const requestHash = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/**
 * Claims an Idempotency-Key inside the caller's transaction (`db`: `Db.fromManager` of its manager). The first
 * request inserts the key; a concurrent retry's insert waits on the unique index until the first transaction
 * ends, then finds the key taken and gets the stored response. If the first transaction rolls back, the retry
 * proceeds as if it were first. Returns the stored response for a replay, or null when this request owns the key.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
  hash: string,
): Promise<{ statusCode: number; response: unknown } | null> {
  const inserted = await db
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash: hash })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const row = await db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'response'])
    .where('userId', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.requestHash !== hash) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was used with a different request', {
      reason: 'idempotency_key_reused',
    });
  }
  // Stored in the same transaction as the key: a key another request can see has its response.
  return { statusCode: row.statusCode!, response: row.response };
}

export async function storeIdempotentResponse(
  db: Kysely<Database>,
  userId: string,
  key: string,
  statusCode: number,
  response: unknown,
) {
  await db
    .updateTable('idempotencyKeys')
    .set({ statusCode, response: JSON.stringify(response) })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .execute();
}

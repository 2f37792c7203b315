import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '@app/common';

export const requestHash = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/**
 * Claims an Idempotency-Key inside the caller's transaction. The first request inserts the key; a concurrent
 * retry's insert waits on the unique index until the first transaction ends, then finds the key taken and
 * gets the stored response. If the first transaction rolls back, the retry proceeds as if it were first.
 * Returns the stored response for a replay, or null when this request owns the key.
 */
export async function claimIdempotencyKey(
  m: EntityManager,
  userId: string,
  key: string,
  hash: string,
): Promise<{ statusCode: number; response: unknown } | null> {
  const inserted = await m.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, hash],
  );
  if (inserted.length) return null;
  const [row] = await m.query(
    `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  if (row.request_hash !== hash) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was used with a different request', {
      reason: 'idempotency_key_reused',
    });
  }
  return { statusCode: row.status_code, response: row.response };
}

export async function storeIdempotentResponse(
  m: EntityManager,
  userId: string,
  key: string,
  statusCode: number,
  response: unknown,
) {
  await m.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
    userId,
    key,
    statusCode,
    JSON.stringify(response),
  ]);
}

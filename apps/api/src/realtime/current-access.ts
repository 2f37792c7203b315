import type { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';

/**
 * What an account may hear now: its roles and agency from its row, not from the access token, whose claims were
 * true at login and stay in the token until it expires. Null for an account that is gone, locked or anonymised.
 * One read per socket connection; the one place to swap for a cached per-user session version.
 */
export async function currentAccess(db: DataSource, userId: string): Promise<AuthUser | null> {
  const [row] = await db.query(
    `SELECT id, roles, agency_id AS "agencyId" FROM users WHERE id = $1 AND is_active AND anonymised_at IS NULL`,
    [userId],
  );
  return row ?? null;
}

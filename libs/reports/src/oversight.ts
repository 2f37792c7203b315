// Oversight (docs/domain.md#privacy, docs/domain.md#agency-tree): an agency's leader sees the cases of the agencies
// under it (its units, their units, …) as that agency's own staff see them, and may pull back a case it handed
// down. One rule, in two forms: for one case (`overseesIn`) and as the staff list's scope (`ownOrOverseenSql`).
import type { AuthUser } from '@app/auth';
import { sql, type Database, type Kysely } from '@app/database';

/** Who oversees: an agency leader (officers see their own agency's cases only). */
export const mayOversee = (viewer: AuthUser | undefined): viewer is AuthUser & { agencyId: string } =>
  !!viewer?.agencyId && viewer.roles.includes('agency_leader');

/** Whether the viewer leads an agency above the case's agency in the tree. */
export async function overseesIn(
  k: Kysely<Database>,
  viewer: AuthUser | undefined,
  agencyId: string | null,
): Promise<boolean> {
  if (!mayOversee(viewer) || !agencyId || agencyId === viewer.agencyId) return false;
  const { rows } = await sql<{ one: number }>`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM agencies WHERE id = ${agencyId}
      UNION
      SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id
    )
    SELECT 1 AS one FROM up WHERE parent_id = ${viewer.agencyId} LIMIT 1`.execute(k);
  return rows.length > 0;
}

/**
 * The staff list's scope for agency staff, as SQL over `r` with the parameter `:own` (the viewer's agency): their
 * agency's cases, and for a leader those of every agency under it too.
 */
export const ownOrOverseenSql = (viewer: AuthUser): string =>
  mayOversee(viewer)
    ? `r.agency_id IN (WITH RECURSIVE down(id) AS (
         SELECT CAST(:own AS uuid) UNION SELECT a.id FROM agencies a JOIN down ON a.parent_id = down.id
       ) SELECT id FROM down)`
    : 'r.agency_id = :own';

import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { forbidden, notFound, validationFailed } from '@app/common';
import { Db, sql } from '@app/database';
import { AGENCY_HELD_STATUSES, CENTRE_ROLES, hasAnyRole, OVERSIGHT_ROLES } from '@app/workflow';

/** Open cases and how many of them are overdue (their current deadline has passed, as the list's `overdue=true`). */
export interface Load {
  open: number;
  overdue: number;
}

export interface OfficerLoad extends Load {
  id: string;
  fullName: string;
  /**
   * An active officer of the agency. False for someone who still holds cases but was disabled or moved to another
   * agency since: their cases wait for the leader to delegate them again.
   */
  active: boolean;
}

export interface AgencyWorkload {
  agencyId: string;
  /** Every active officer of the agency (with no case too) and whoever else holds its cases; busiest first. */
  officers: OfficerLoad[];
  /** The agency's open cases delegated to no one. */
  unassigned: Load;
}

/**
 * The load per officer of one agency (docs/api.md#reports): its open cases (AGENCY_HELD_STATUSES) by assignee.
 * An agency leader sees their own agency (naming another is 403, as for statistics: agency lists are public);
 * the centre's oversight roles name the agency.
 */
@Injectable()
export class WorkloadService {
  constructor(private readonly db: Db) {}

  async forAgency(viewer: AuthUser, agencyId?: string): Promise<AgencyWorkload> {
    const target = workloadScope(viewer, agencyId);
    const agency = await this.db.kysely.selectFrom('agencies').select('id').where('id', '=', target).executeTakeFirst();
    if (!agency) throw notFound('Agency');
    // Officers and the unassigned in one statement (UNION ALL of a grouped join and a count), in the sql tag.
    const { rows } = await sql<{ id: string | null; fullName: string | null; active: boolean | null } & Load>`
         WITH held AS (
           SELECT assignee_id, due_at < now() AS overdue FROM reports
            WHERE agency_id = ${target} AND status = ANY(${AGENCY_HELD_STATUSES}::text[])
         ), officers AS (
           SELECT id, full_name,
                  (is_active AND anonymised_at IS NULL AND agency_id = ${target} AND 'agency_officer' = ANY(roles)) AS active
             FROM users
            WHERE (agency_id = ${target} AND 'agency_officer' = ANY(roles) AND is_active AND anonymised_at IS NULL)
               OR id IN (SELECT assignee_id FROM held)
         )
         SELECT o.id, o.full_name AS "fullName", o.active,
                count(h.assignee_id)::int AS open, count(*) FILTER (WHERE h.overdue)::int AS overdue
           FROM officers o LEFT JOIN held h ON h.assignee_id = o.id
          GROUP BY o.id, o.full_name, o.active
         UNION ALL
         SELECT NULL, NULL, NULL, count(*)::int, count(*) FILTER (WHERE overdue)::int
           FROM held WHERE assignee_id IS NULL
         ORDER BY open DESC, "fullName"`.execute(this.db.kysely);
    const unassigned = rows.find((r) => r.id === null) ?? { open: 0, overdue: 0 };
    return {
      agencyId: target,
      officers: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ id: r.id!, fullName: r.fullName!, active: r.active!, open: r.open, overdue: r.overdue })),
      unassigned: { open: unassigned.open, overdue: unassigned.overdue },
    };
  }
}

/** Whose load `viewer` may read: an agency leader their own agency's, the centre's oversight roles the one named. */
function workloadScope(viewer: AuthUser, agencyId?: string): string {
  if (hasAnyRole(viewer.roles, OVERSIGHT_ROLES)) {
    if (!agencyId) throw validationFailed({ fields: { agencyId: ['agencyId is required'] } });
    return agencyId;
  }
  if (viewer.roles.includes('agency_leader') && viewer.agencyId) {
    if (agencyId && agencyId !== viewer.agencyId) throw forbidden('Agency leaders see their own agency only');
    return viewer.agencyId;
  }
  throw forbidden();
}

/**
 * The staff list's `assignee` filter (docs/api.md#reports) as an assignee id, or null for "delegated to no one":
 * `me` for anyone; another officer's id or `none` for an agency leader and the centre (an officer sees the
 * agency's whole list anyway, but "someone else's" is their leader's view to take).
 */
export function assigneeFilter(viewer: AuthUser, assignee: string | undefined): string | null | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === 'me' || assignee === viewer.id) return viewer.id;
  if (!hasAnyRole(viewer.roles, ['agency_leader', ...CENTRE_ROLES]))
    throw forbidden('Officers filter by their own cases only (assignee=me)');
  return assignee === 'none' ? null : assignee;
}

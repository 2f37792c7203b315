import { AuthUser, hasRole } from '@app/auth';
import { forbidden } from '@app/common';
import { OVERSIGHT_ROLES } from '@app/workflow';

/**
 * Which agency's figures `viewer` may see: undefined = every agency (or the one asked for). Provincial leaders,
 * screeners and admins see all; an agency leader sees their own agency only, whatever they ask for: omitting
 * agencyId narrows to it, naming another agency is 403 (agency lists are public, so there is nothing to hide by
 * answering 404). Anyone else is 403 (the routes' role rules already say so; this is the second lock).
 */
export function statsScope(viewer: AuthUser | undefined, agencyId?: string): string | undefined {
  if (hasRole(viewer, ...OVERSIGHT_ROLES)) return agencyId;
  if (viewer && hasRole(viewer, 'agency_leader') && viewer.agencyId) {
    if (agencyId && agencyId !== viewer.agencyId) throw forbidden('Agency leaders see their own agency only');
    return viewer.agencyId;
  }
  throw forbidden();
}

/** Hotline calls belong to the centre, not to an agency: only centre roles see their statistics. */
export function assertCentreViewer(viewer: AuthUser | undefined): void {
  if (!hasRole(viewer, ...OVERSIGHT_ROLES)) throw forbidden();
}

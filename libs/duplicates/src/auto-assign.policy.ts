// When the system may assign a report by itself (issue 6): only when the routing suggestion leaves no choice.
// Pure, so the rule is unit-tested apart from PostGIS.

export interface RoutingFacts {
  /** The agency of the routing rule that matched the report, if one did (docs/domain.md#routing-rules). */
  ruleAgencyId?: string | null;
  /** The category's routing is location-bound (jurisdiction polygons count). */
  locationBound: boolean;
  /** Active agencies whose jurisdiction contains the point, smallest area first (at most the first two matter). */
  containing: ReadonlyArray<{ id: string; area: number }>;
  defaultAgencyId: string | null;
}

export type AutoAssignDecision =
  | { assign: true; agencyId: string; basis: 'rule' | 'jurisdiction' | 'default_agency' }
  | { assign: false; reason: 'tie' | 'no_agency' };

/** Two areas this close are the same polygon drawn twice: which agency owns the point is then a person's call. */
const SAME_AREA = 1e-9;

/**
 * Unambiguous means: a routing rule matched (the admin decided it), or exactly one smallest jurisdiction contains the point (a ward inside its province is fine,
 * two agencies with the same area are not), or, with no polygon match (or a category that is not
 * location-bound), the category's default agency.
 */
export function autoAssignDecision(f: RoutingFacts): AutoAssignDecision {
  if (f.ruleAgencyId) return { assign: true, agencyId: f.ruleAgencyId, basis: 'rule' };
  if (f.locationBound && f.containing.length > 0) {
    const [first, second] = f.containing;
    if (second && Math.abs(second.area - first.area) <= SAME_AREA * Math.max(1, Math.abs(first.area))) {
      return { assign: false, reason: 'tie' };
    }
    return { assign: true, agencyId: first.id, basis: 'jurisdiction' };
  }
  if (f.defaultAgencyId) return { assign: true, agencyId: f.defaultAgencyId, basis: 'default_agency' };
  return { assign: false, reason: 'no_agency' };
}

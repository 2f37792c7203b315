// The agency tree (docs/domain.md#agency-tree): each agency's level and its parent. Pure and browser-safe, so the
// API, the workflow and the console share the levels and their Vietnamese names.

/**
 * `province`: the province's People's Committee; `department`: a provincial department, board or company (sở, ban,
 * ngành); `commune`: a commune's or ward's People's Committee (UBND xã, phường); `unit`: a unit under an agency
 * (phòng, tổ, đội), which always has a parent.
 */
export const AGENCY_LEVELS = ['province', 'department', 'commune', 'unit'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_LEVEL_LABELS: Readonly<Record<AgencyLevel, string>> = {
  province: 'UBND tỉnh',
  department: 'Sở, ban, ngành',
  commune: 'UBND xã, phường',
  unit: 'Đơn vị trực thuộc',
};

/** An agency as the tree needs it. */
export interface AgencyNode {
  id: string;
  parentId: string | null;
}

/**
 * Whether `ancestorId` is above `agencyId` in the tree (a parent, its parent, …; never the agency itself). Stops at a
 * cycle, which the admin API refuses anyway.
 */
export function isAncestor(nodes: ReadonlyMap<string, AgencyNode>, ancestorId: string, agencyId: string): boolean {
  const seen = new Set<string>();
  let parent = nodes.get(agencyId)?.parentId ?? null;
  while (parent !== null && !seen.has(parent)) {
    if (parent === ancestorId) return true;
    seen.add(parent);
    parent = nodes.get(parent)?.parentId ?? null;
  }
  return false;
}

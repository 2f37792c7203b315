// Routing rules (docs/domain.md#routing-rules): the first active rule, in order, whose conditions all hold. Pure, so
// the matcher is unit-tested apart from the database; RoutingService gives it the rules and the facts.

export const RULE_HOURS = ['any', 'office', 'off_hours'] as const;
export type RuleHours = (typeof RULE_HOURS)[number];

export interface RoutingRule {
  id: string;
  name: string;
  /** Null: any category (unless a group is named). */
  categoryId: string | null;
  /** A category group (categories.group_code): every category of it. Never together with categoryId. */
  categoryGroup: string | null;
  /** Null: anywhere. */
  communeCode: string | null;
  /** `office`: during office hours of the working calendar (holidays and exceptions included); `off_hours`: outside. */
  hours: RuleHours;
  agencyId: string;
}

/** What a report offers the rules. */
export interface RuleFacts {
  categoryId: string;
  categoryGroup: string | null;
  communeCode: string | null;
  /** The report came in during office hours. */
  officeHours: boolean;
}

/** Which rule gave the suggestion, and why, as the report keeps it and the screener reads it. */
export interface SuggestionRule {
  id: string;
  name: string;
  /** Vietnamese: the conditions that held ("đúng lĩnh vực, đúng địa bàn, ngoài giờ hành chính"). */
  reason: string;
}

const DEFAULT_REASON = 'quy tắc mặc định (không điều kiện)';

/** The first rule (in the order given) whose every condition holds, with why; null when none does. */
export function matchRoutingRule(
  rules: readonly RoutingRule[],
  facts: RuleFacts,
): { agencyId: string; rule: SuggestionRule } | null {
  for (const r of rules) {
    const reasons: string[] = [];
    if (r.categoryId !== null) {
      if (r.categoryId !== facts.categoryId) continue;
      reasons.push('đúng lĩnh vực');
    }
    if (r.categoryGroup !== null) {
      if (r.categoryGroup !== facts.categoryGroup) continue;
      reasons.push(`thuộc nhóm lĩnh vực ${r.categoryGroup}`);
    }
    if (r.communeCode !== null) {
      if (r.communeCode !== facts.communeCode) continue;
      reasons.push(`đúng địa bàn (mã xã, phường ${r.communeCode})`);
    }
    if (r.hours !== 'any') {
      if ((r.hours === 'office') !== facts.officeHours) continue;
      reasons.push(r.hours === 'office' ? 'trong giờ hành chính' : 'ngoài giờ hành chính');
    }
    return { agencyId: r.agencyId, rule: { id: r.id, name: r.name, reason: reasons.join(', ') || DEFAULT_REASON } };
  }
  return null;
}

import { matchRoutingRule, type RoutingRule, type RuleFacts } from './routing-rules';

const rule = (id: string, over: Partial<RoutingRule> = {}): RoutingRule => ({
  id,
  name: `Quy tắc ${id}`,
  categoryId: null,
  categoryGroup: null,
  communeCode: null,
  hours: 'any',
  agencyId: `agency-${id}`,
  ...over,
});

const FACTS: RuleFacts = { categoryId: 'lighting', categoryGroup: 'ha-tang', communeCode: '90001', officeHours: true };

describe('matchRoutingRule', () => {
  it('takes the first rule in order whose every condition holds, and says which conditions held', () => {
    const rules = [
      rule('other-category', { categoryId: 'roads' }),
      rule('commune-at-night', { categoryId: 'lighting', communeCode: '90001', hours: 'off_hours' }),
      rule('commune', { categoryId: 'lighting', communeCode: '90001' }),
      rule('category', { categoryId: 'lighting' }),
    ];
    expect(matchRoutingRule(rules, FACTS)).toEqual({
      agencyId: 'agency-commune',
      rule: { id: 'commune', name: 'Quy tắc commune', reason: 'đúng lĩnh vực, đúng địa bàn (mã xã, phường 90001)' },
    });
    expect(matchRoutingRule(rules, { ...FACTS, officeHours: false })?.rule).toEqual({
      id: 'commune-at-night',
      name: 'Quy tắc commune-at-night',
      reason: 'đúng lĩnh vực, đúng địa bàn (mã xã, phường 90001), ngoài giờ hành chính',
    });
    expect(matchRoutingRule(rules, { ...FACTS, communeCode: '90004' })?.agencyId).toBe('agency-category');
  });

  it('matches a category group, office hours, and a rule without conditions as the default', () => {
    const rules = [rule('group-office', { categoryGroup: 'ha-tang', hours: 'office' }), rule('default')];
    expect(matchRoutingRule(rules, FACTS)?.rule.reason).toBe('thuộc nhóm lĩnh vực ha-tang, trong giờ hành chính');
    expect(matchRoutingRule(rules, { ...FACTS, categoryGroup: null })?.rule).toEqual({
      id: 'default',
      name: 'Quy tắc default',
      reason: 'quy tắc mặc định (không điều kiện)',
    });
  });

  it('gives null when no rule matches (routing then falls back to the jurisdictions), and for no rules', () => {
    expect(matchRoutingRule([rule('x', { communeCode: '90002' })], FACTS)).toBeNull();
    expect(matchRoutingRule([rule('x', { communeCode: '90001' })], { ...FACTS, communeCode: null })).toBeNull();
    expect(matchRoutingRule([], FACTS)).toBeNull();
  });
});

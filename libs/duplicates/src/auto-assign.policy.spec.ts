import { autoAssignDecision } from './auto-assign.policy';

const WARD = { id: 'ward', area: 0.0004 };
const PROVINCE = { id: 'province', area: 0.3 };

describe('autoAssignDecision', () => {
  it('assigns to the one smallest jurisdiction containing the point (a ward inside its province)', () => {
    expect(autoAssignDecision({ locationBound: true, containing: [WARD, PROVINCE], defaultAgencyId: 'dflt' })).toEqual({
      assign: true,
      agencyId: 'ward',
      basis: 'jurisdiction',
    });
    expect(autoAssignDecision({ locationBound: true, containing: [PROVINCE], defaultAgencyId: null })).toMatchObject({
      agencyId: 'province',
    });
  });

  it('leaves a tie between two smallest areas to the screener', () => {
    const twin = { id: 'twin', area: WARD.area };
    expect(autoAssignDecision({ locationBound: true, containing: [WARD, twin], defaultAgencyId: 'dflt' })).toEqual({
      assign: false,
      reason: 'tie',
    });
  });

  it('falls back to the default agency with no polygon match, or for a category that is not location-bound', () => {
    expect(autoAssignDecision({ locationBound: true, containing: [], defaultAgencyId: 'dflt' })).toEqual({
      assign: true,
      agencyId: 'dflt',
      basis: 'default_agency',
    });
    expect(autoAssignDecision({ locationBound: false, containing: [WARD], defaultAgencyId: 'dflt' })).toMatchObject({
      agencyId: 'dflt',
    });
  });

  it('does nothing without any agency', () => {
    expect(autoAssignDecision({ locationBound: true, containing: [], defaultAgencyId: null })).toEqual({
      assign: false,
      reason: 'no_agency',
    });
  });
});

describe('autoAssignDecision with a routing rule', () => {
  it("follows the matching rule's agency before any jurisdiction (docs/domain.md#routing-rules)", () => {
    expect(
      autoAssignDecision({ ruleAgencyId: 'unit', locationBound: true, containing: [WARD], defaultAgencyId: 'dflt' }),
    ).toEqual({ assign: true, agencyId: 'unit', basis: 'rule' });
    expect(
      autoAssignDecision({ ruleAgencyId: null, locationBound: true, containing: [WARD], defaultAgencyId: 'dflt' }),
    ).toMatchObject({ basis: 'jurisdiction' });
  });
});

import { byScore, duplicateScore, DUPLICATE_WINDOW_MS, effectiveRadius, SCORE_WEIGHTS } from './duplicate-score';

const DAY = 24 * 3600 * 1000;
const base = { distanceM: 0, radiusM: 150, ageMs: 0, similarity: 1 };

describe('duplicateScore', () => {
  it('is 1 for the same text at the same spot and moment, 0 at the far corner of the search', () => {
    expect(duplicateScore(base)).toBeCloseTo(1, 10);
    expect(duplicateScore({ distanceM: 150, radiusM: 150, ageMs: DUPLICATE_WINDOW_MS, similarity: 0 })).toBeCloseTo(
      0,
      10,
    );
  });

  it('weighs place, text and time as documented', () => {
    // Half the radius, similarity 0.6, 15 days: (0.45·0.5 + 0.35·0.6 + 0.2·0.5) / 1
    expect(duplicateScore({ distanceM: 75, radiusM: 150, ageMs: 15 * DAY, similarity: 0.6 })).toBeCloseTo(0.535, 10);
    expect(SCORE_WEIGHTS.distance + SCORE_WEIGHTS.text + SCORE_WEIGHTS.time).toBeCloseTo(1, 10);
  });

  it('falls as distance, age or dissimilarity grows', () => {
    const s = duplicateScore({ distanceM: 40, radiusM: 150, ageMs: 2 * DAY, similarity: 0.7 });
    expect(duplicateScore({ distanceM: 90, radiusM: 150, ageMs: 2 * DAY, similarity: 0.7 })).toBeLessThan(s);
    expect(duplicateScore({ distanceM: 40, radiusM: 150, ageMs: 20 * DAY, similarity: 0.7 })).toBeLessThan(s);
    expect(duplicateScore({ distanceM: 40, radiusM: 150, ageMs: 2 * DAY, similarity: 0.2 })).toBeLessThan(s);
  });

  it('treats earlier and later reports alike (candidates of each other)', () => {
    expect(duplicateScore({ ...base, ageMs: -3 * DAY })).toBe(duplicateScore({ ...base, ageMs: 3 * DAY }));
  });

  it('scales distance by the radius searched', () => {
    expect(duplicateScore({ ...base, distanceM: 100, radiusM: 1000 })).toBeGreaterThan(
      duplicateScore({ ...base, distanceM: 100, radiusM: 150 }),
    );
  });

  it('leaves the text out without a text and renormalises place and time', () => {
    expect(duplicateScore({ ...base, similarity: null })).toBeCloseTo(1, 10);
    // (0.45·0.5 + 0.2·1) / 0.65
    expect(duplicateScore({ distanceM: 75, radiusM: 150, ageMs: 0, similarity: null })).toBeCloseTo(0.425 / 0.65, 10);
  });

  it('clamps terms outside their window instead of going negative or above 1', () => {
    expect(duplicateScore({ distanceM: 500, radiusM: 150, ageMs: 90 * DAY, similarity: 0 })).toBe(0);
    expect(duplicateScore({ ...base, similarity: 1.5 })).toBeCloseTo(1, 10);
    expect(duplicateScore({ ...base, radiusM: 0 })).toBeCloseTo(SCORE_WEIGHTS.text + SCORE_WEIGHTS.time, 10);
  });
});

describe('byScore', () => {
  it('puts the best first, then the nearer, then the more recent', () => {
    const list = [
      { id: 'far', score: 0.5, distanceM: 100, ageMs: 0 },
      { id: 'best', score: 0.9, distanceM: 120, ageMs: 0 },
      { id: 'near', score: 0.5, distanceM: 10, ageMs: 5 },
      { id: 'near-new', score: 0.5, distanceM: 10, ageMs: 1 },
    ];
    expect(list.sort(byScore).map((c) => c.id)).toEqual(['best', 'near-new', 'near', 'far']);
  });
});

describe('effectiveRadius', () => {
  it('defaults to 150 m, keeps 0 as off and caps at 1000 m', () => {
    expect(effectiveRadius(undefined)).toBe(150);
    expect(effectiveRadius(0)).toBe(0);
    expect(effectiveRadius(300)).toBe(300);
    expect(effectiveRadius(5000)).toBe(1000);
  });
});

// The one duplicate score (docs/domain.md#duplicates-and-followers). Pure: the candidate query (candidate-search.ts) only filters
// with indexes and measures; every ranking, stored or live, goes through `duplicateScore`.

/** Candidates are reports created within this many days of the report (or of now, before submitting). */
export const DUPLICATE_WINDOW_DAYS = 30;
export const DUPLICATE_WINDOW_MS = DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000;
/** A category's radius when it has none of its own; 0 switches detection off; never more than 1000 m. */
export const DEFAULT_RADIUS_M = 150;
export const MAX_RADIUS_M = 1000;

/**
 * Weights of the three closeness terms. Place counts most (the same pothole is at the same spot), text next
 * (descriptions of one problem share words, with or without accents), time least (a problem stays until fixed,
 * so a report from three weeks ago is still a good master).
 */
export const SCORE_WEIGHTS = Object.freeze({ distance: 0.45, text: 0.35, time: 0.2 });

export interface ScoreInput {
  /** Metres between the two points. */
  distanceM: number;
  /** The radius the candidate was searched within (the category's duplicate radius). */
  radiusM: number;
  /** Milliseconds between the two reports' creation times (either order). */
  ageMs: number;
  /** pg_trgm `similarity` of the accent-folded descriptions, 0…1; null when there is no text to compare. */
  similarity: number | null;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * score = (0.45·(1 − d/R) + 0.35·s + 0.20·(1 − Δt/30 days)) / (sum of the weights used), each term in [0, 1].
 *
 * d = distance, R = search radius, s = trigram similarity of the accent-folded descriptions, Δt = time between
 * the two reports. Every term falls linearly to 0 at the edge of its window, so the score is 1 for the same
 * text at the same spot and moment and 0 at the far corner of the search. Without a text (a citizen who has
 * not typed yet) the text term is left out and the other two are renormalised, so scores stay comparable
 * within one list.
 */
export function duplicateScore(input: ScoreInput): number {
  const proximity = input.radiusM > 0 ? clamp01(1 - input.distanceM / input.radiusM) : 0;
  const recency = clamp01(1 - Math.abs(input.ageMs) / DUPLICATE_WINDOW_MS);
  const w = SCORE_WEIGHTS;
  if (input.similarity === null || input.similarity === undefined) {
    return (w.distance * proximity + w.time * recency) / (w.distance + w.time);
  }
  return (
    (w.distance * proximity + w.text * clamp01(input.similarity) + w.time * recency) / (w.distance + w.text + w.time)
  );
}

/** Orders candidates best first; ties go to the nearer one, then to the more recent one. */
export function byScore<T extends { score: number; distanceM: number; ageMs: number }>(a: T, b: T): number {
  return b.score - a.score || a.distanceM - b.distanceM || a.ageMs - b.ageMs;
}

/** The radius a category's reports are searched within: its own, capped at 1000 m; 0 = off. */
export function effectiveRadius(duplicateRadiusM: number | null | undefined): number {
  if (duplicateRadiusM === null || duplicateRadiusM === undefined) return DEFAULT_RADIUS_M;
  return Math.min(MAX_RADIUS_M, Math.max(0, duplicateRadiusM));
}

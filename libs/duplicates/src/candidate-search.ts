// The candidate query. Plain SQL over a `Sql` function so that the service (TypeORM), the tests (EXPLAIN) and
// bench/duplicates.bench.ts (node-postgres) run exactly the same statements.
import { byScore, DUPLICATE_WINDOW_DAYS, duplicateScore, effectiveRadius } from './duplicate-score';

/** Runs one statement and returns its rows (EntityManager.query, or a pg client adapted). */
export type Sql = (text: string, params: unknown[]) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CandidateSearch {
  location: { lat: number; lng: number };
  categoryId: string;
  /** Reference time: the report's creation, or now for a citizen who has not submitted yet. */
  at: Date;
  /** The description to compare with; null = compare by place and time only. */
  text: string | null;
  /** The report itself, when searching for an existing report. */
  excludeId?: string | null;
  /** Citizens before submitting see public reports only. */
  publicOnly?: boolean;
  /** How many rows (nearest first) the query may return at most, before scoring. */
  fetchLimit?: number;
}

export interface Candidate {
  id: string;
  categoryId: string;
  distanceM: number;
  ageMs: number;
  similarity: number | null;
  /** Score as a candidate of the searched report (within the searched category's radius). */
  score: number;
  /** Score of the searched report as a candidate of this one (within this one's category radius); null = outside. */
  reverseScore: number | null;
}

/** Nearest rows fetched before scoring: bounds the work on a hotspot reported hundreds of times. */
export const FETCH_LIMIT = 200;

/**
 * The same category, or any category of the same group, with each one's radius. `categories` is a small
 * reference table (tens of rows), so this is cheap whatever plan it gets.
 */
export const SCOPE_SQL = `
  SELECT c.id, c.duplicate_radius_m AS "radiusM"
    FROM categories c
   WHERE c.id = $1
      OR (c.group_code IS NOT NULL AND c.group_code = (SELECT g.group_code FROM categories g WHERE g.id = $1))`;

/**
 * The candidate query: ST_DWithin on the geography column, the category scope and created_at bounds around the
 * reference time, all conditions of the GiST index `reports_duplicate_gist` (location, category_id, created_at):
 * the place becomes a `location && expanded box` condition, and only the candidates themselves are fetched from
 * the table (a cold page read each on a table larger than memory). GiST takes an equality but not `= ANY(…)`, so
 * a scope of one category (a category without a group: most) compares with its one id, and a group's scope
 * filters the rows of the place and window. The KNN ORDER BY (`<->`) walks the same index nearest first, so the
 * LIMIT stops early on a hotspot. apps/api/test/duplicates.e2e-spec.ts checks the plan with EXPLAIN.
 *
 * Statuses: everything but cancelled (open, resolved and closed ones); the ±30-day window on created_at is
 * what "in the last 30 days" means for the time filter.
 * $1 lng, $2 lat, $3 reference time, $4 text|null, $5 radius (m), $6 window (days), $7 category ids,
 * $8 excluded id|null, $9 public only, $10 limit.
 */
export const candidatesSql = (scopeSize: number) => `
  SELECT r.id,
         r.category_id AS "categoryId",
         ST_Distance(r.location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS "distanceM",
         abs(extract(epoch FROM r.created_at - $3::timestamptz))::float8 * 1000 AS "ageMs",
         similarity(r.description_norm, pa_unaccent($4::text)) AS similarity
    FROM reports r
   WHERE ST_DWithin(r.location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $5::float8)
     AND r.created_at >= $3::timestamptz - make_interval(days => $6::int)
     AND r.created_at <= $3::timestamptz + make_interval(days => $6::int)
     AND r.status <> 'cancelled'
     AND ${scopeSize === 1 ? 'r.category_id = ($7::uuid[])[1]' : 'r.category_id = ANY($7::uuid[])'}
     AND ($8::uuid IS NULL OR r.id <> $8::uuid)
     AND (NOT $9::boolean OR r.is_public)
   ORDER BY r.location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
   LIMIT $10::int`;

/** Parameters of candidatesSql for one search (exported for EXPLAIN in the tests and the bench). */
export function candidateParams(s: CandidateSearch, radiusM: number, categoryIds: string[]): unknown[] {
  return [
    s.location.lng,
    s.location.lat,
    s.at.toISOString(),
    s.text,
    radiusM,
    DUPLICATE_WINDOW_DAYS,
    categoryIds,
    s.excludeId ?? null,
    s.publicOnly ?? false,
    s.fetchLimit ?? FETCH_LIMIT,
  ];
}

/**
 * Candidates of one report or point, best first. Two indexed statements: the category scope, then the
 * candidate query with the widest radius of the scope, so that one search also yields the reverse pairs
 * (this report as a candidate of each candidate, within that candidate's own radius).
 */
export async function searchCandidates(sql: Sql, s: CandidateSearch): Promise<Candidate[]> {
  const scope: Array<{ id: string; radiusM: number }> = await sql(SCOPE_SQL, [s.categoryId]);
  const radiusOf = new Map(scope.map((c) => [c.id, effectiveRadius(c.radiusM)]));
  const own = radiusOf.get(s.categoryId) ?? 0;
  // 0 switches detection off for the category, in both directions.
  if (own === 0) return [];
  const searchRadius = Math.max(own, ...radiusOf.values());
  const rows: Array<Omit<Candidate, 'score' | 'reverseScore'>> = await sql(
    candidatesSql(radiusOf.size),
    candidateParams(s, searchRadius, [...radiusOf.keys()]),
  );
  return rows
    .map((r) => {
      const base = {
        ...r,
        distanceM: Number(r.distanceM),
        ageMs: Number(r.ageMs),
        similarity: r.similarity === null ? null : Number(r.similarity),
      };
      const theirs = radiusOf.get(r.categoryId) ?? 0;
      return {
        ...base,
        score: base.distanceM <= own ? duplicateScore({ ...base, radiusM: own }) : -1,
        reverseScore: theirs > 0 && base.distanceM <= theirs ? duplicateScore({ ...base, radiusM: theirs }) : null,
      };
    })
    .sort(byScore);
}

/** Only the candidates within the searched report's own radius. */
export const forward = (list: Candidate[]) => list.filter((c) => c.score >= 0);

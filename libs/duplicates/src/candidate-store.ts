import type { Candidate, Sql } from './candidate-search';

export interface StoredCandidate {
  candidateId: string;
  distanceM: number;
  similarity: number | null;
  score: number;
}

/**
 * Saves a report's scan in one statement: its candidates, the report itself as a candidate of each of them (a
 * later report is a candidate of the earlier one too, and the earlier one was scanned before the later
 * existed), and the scan row that says "computed", so an empty list is told apart from one never computed.
 * Repeats and concurrent scans converge (every write is an upsert of the same values).
 */
export async function saveScan(sql: Sql, reportId: string, list: Candidate[]): Promise<void> {
  const pairs: Array<[string, string, number, number | null, number]> = [];
  for (const c of list) {
    if (c.score >= 0) pairs.push([reportId, c.id, c.distanceM, c.similarity, c.score]);
    if (c.reverseScore !== null) pairs.push([c.id, reportId, c.distanceM, c.similarity, c.reverseScore]);
  }
  await sql(
    `WITH pairs AS (
       INSERT INTO report_duplicate_candidates (report_id, candidate_id, distance_m, similarity, score)
       SELECT a, b, d, s, sc FROM unnest($2::uuid[], $3::uuid[], $4::float8[], $5::real[], $6::real[]) AS x(a, b, d, s, sc)
       -- One global order of rows: two reports scanned at once write each other's pairs, and upserting them in
       -- different orders deadlocked (seen in CI).
       ORDER BY a, b
       ON CONFLICT (report_id, candidate_id) DO UPDATE
         SET distance_m = EXCLUDED.distance_m, similarity = EXCLUDED.similarity, score = EXCLUDED.score, computed_at = now()
     )
     INSERT INTO report_duplicate_scans (report_id) VALUES ($1)
     ON CONFLICT (report_id) DO UPDATE SET scanned_at = now()`,
    [reportId, ...[0, 1, 2, 3, 4].map((i) => pairs.map((p) => p[i]))],
  );
}

/**
 * The stored candidates of a report, best first, or null when it was never scanned. Candidates cancelled
 * since (e.g. marked as duplicates themselves) are left out: they cannot be a master.
 */
export async function loadScan(sql: Sql, reportId: string, limit: number): Promise<StoredCandidate[] | null> {
  const scanned = await sql(`SELECT 1 FROM report_duplicate_scans WHERE report_id = $1`, [reportId]);
  if (!scanned.length) return null;
  const rows = await sql(
    `SELECT c.candidate_id AS "candidateId", c.distance_m AS "distanceM", c.similarity, c.score
       FROM report_duplicate_candidates c
       JOIN reports r ON r.id = c.candidate_id
      WHERE c.report_id = $1 AND r.status <> 'cancelled'
      ORDER BY c.score DESC, c.distance_m ASC
      LIMIT $2`,
    [reportId, limit],
  );
  return rows.map((r) => ({
    candidateId: r.candidateId,
    distanceM: Number(r.distanceM),
    similarity: r.similarity === null ? null : Number(r.similarity),
    score: Number(r.score),
  }));
}

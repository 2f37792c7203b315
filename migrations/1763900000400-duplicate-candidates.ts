import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored duplicate candidates (issue 6), so the screener's list is a lookup, not a spatial search per view.
 * A scan row says a report's candidates were computed (an empty list is a result too); each pair row holds
 * one candidate with the measures and the score at the time. Pairs are written both ways: a later report is
 * a candidate of the earlier one as well. Reports are never deleted (anonymised instead), the cascades only
 * keep a test database or a manual clean-up consistent.
 */
export class DuplicateCandidates1763900000400 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_duplicate_scans (
        report_id uuid PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        scanned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE report_duplicate_candidates (
        report_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        distance_m double precision NOT NULL CHECK (distance_m >= 0),
        similarity real CHECK (similarity BETWEEN 0 AND 1),
        score real NOT NULL CHECK (score BETWEEN 0 AND 1),
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, candidate_id),
        CHECK (report_id <> candidate_id)
      )`);
    // The primary key serves "candidates of a report"; this one the cascade from the candidate's side.
    await q.query(
      `CREATE INDEX report_duplicate_candidates_candidate_idx ON report_duplicate_candidates (candidate_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_duplicate_candidates`);
    await q.query(`DROP TABLE IF EXISTS report_duplicate_scans`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate candidate query (libs/duplicates/src/candidate-search.ts) filters by place, category and a
 * ±30-day window. With a GiST index on the place alone, the planner AND-ed its few nearby rows with a bitmap of
 * the category's whole window from `reports_category_created_idx`: ~35,000–48,000 index entries read for a
 * busy category of the 1,000,000-report bench (4–6 ms of Postgres CPU per new report, more than its insert).
 * One GiST index over (location, category_id, created_at), btree_gist providing the scalar columns' operators,
 * applies place, category and window together in the index and leaves only the candidates themselves to fetch
 * from the table (bench/FINDINGS.md F11). It replaces the place-only index: location is its first column, so
 * the nearest-first order still walks it.
 */
export class DuplicateSearchIndex1763900000900 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE INDEX reports_duplicate_gist ON reports USING gist (location, category_id, created_at)`);
    await q.query(`DROP INDEX reports_location_gist`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX reports_location_gist ON reports USING gist (location)`);
    await q.query(`DROP INDEX reports_duplicate_gist`);
  }
}

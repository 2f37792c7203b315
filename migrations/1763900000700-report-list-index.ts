import { MigrationInterface, QueryRunner } from 'typeorm';

/** The staff list's most common filter (status + category, newest first) served from one index. */
export class ReportListIndex1763900000700 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX reports_status_category_created_idx ON reports (status, category_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_status_category_created_idx`);
  }
}

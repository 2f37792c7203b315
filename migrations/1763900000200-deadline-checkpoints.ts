import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `next_check_at` is the next moment a report's deadline needs attention (the reminder, then each escalation
 * level). The safety-net sweep reads only rows whose moment has come, through a partial index, so it stays
 * fast however many open cases the province has.
 */
export class DeadlineCheckpoints1763900000200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN next_check_at timestamptz`);
    await q.query(`CREATE INDEX reports_next_check_idx ON reports (next_check_at) WHERE next_check_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_next_check_idx`);
    await q.query(`ALTER TABLE reports DROP COLUMN IF EXISTS next_check_at`);
  }
}

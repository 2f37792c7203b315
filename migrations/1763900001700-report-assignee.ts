import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegation inside an agency (docs/domain.md#delegation): the officer the agency's leader gave the case to. Users
 * are never deleted (anonymised instead), so the reference needs no ON DELETE rule.
 */
export class ReportAssignee1763900001700 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN assignee_id uuid REFERENCES users(id)`);
    // An officer's "mine" list and the load per officer read the cases of one assignee.
    await q.query(
      `CREATE INDEX reports_assignee_idx ON reports (assignee_id, status, created_at DESC) WHERE assignee_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_assignee_idx`);
    await q.query(`ALTER TABLE reports DROP COLUMN assignee_id`);
  }
}

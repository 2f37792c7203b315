import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passing a case down (docs/domain.md#passing-a-case-down): while a unit holds a case its parent agency handed down,
 * `handed_down` keeps which agency handed it and the resolution deadline that agency had, so handing it back up
 * (or the parent pulling it back) restores both. Null otherwise.
 */
export class HandDown1763900002320 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN handed_down jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP COLUMN handed_down`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agency tree's levels (docs/domain.md#agency-tree): province, department, commune (a People's Committee) or
 * unit (under another agency, so it needs a parent). Existing agencies linked to a commune become `commune`, the
 * others `department`; the admin corrects the rest.
 */
export class AgencyLevels1763900002300 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agencies
        ADD COLUMN level text NOT NULL DEFAULT 'department'
          CHECK (level IN ('province', 'department', 'commune', 'unit'))`);
    await q.query(`UPDATE agencies SET level = 'commune' WHERE commune_code IS NOT NULL`);
    await q.query(
      `ALTER TABLE agencies ADD CONSTRAINT agencies_unit_parent_check CHECK (level <> 'unit' OR parent_id IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies DROP CONSTRAINT IF EXISTS agencies_unit_parent_check`);
    await q.query(`ALTER TABLE agencies DROP COLUMN level`);
  }
}

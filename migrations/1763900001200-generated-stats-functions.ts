import { MigrationInterface, QueryRunner } from 'typeorm';
import { workingTimeFunctionsSql } from '../libs/calendar/src/working-time-sql';
import { statsRollupFunctionsSql } from '../libs/stats/src/indicators-sql';

/**
 * Office hours, the UTC offset and the handled statuses written once (issue 20): the SQL functions that migrations
 * 1763900000500 and 1763900000800 wrote with copied literals (27000, 48600, 450, '+07:00', 'resolved', 'closed')
 * are replaced by the same functions generated from the TypeScript constants (libs/calendar/src/working-time-sql.ts,
 * libs/stats/src/indicators-sql.ts). The values are unchanged, so nothing is recomputed.
 *
 * The generated text is read when a database runs this migration. A later change of one of those constants needs a
 * new migration that runs these generators again (as this one does), and a rebuild of handling_minutes and the
 * rollups if past figures should follow; the stats e2e tests compare the installed functions with the generators.
 * The rollup functions are generated as of this migration: a measure added later (1763900001900's `rated`) is left
 * to the migration that adds its column.
 * Imports from libs are relative (the migration CLI runs without path aliases) and limited to pure files
 * (.dependency-cruiser.cjs, migrations-only-pure).
 */
export class GeneratedStatsFunctions1763900001200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...workingTimeFunctionsSql(), ...statsRollupFunctionsSql(1763900001200)]) await q.query(sql);
  }

  // The replaced functions compute exactly what the generated ones compute: there is nothing to undo.
  async down(): Promise<void> {}
}

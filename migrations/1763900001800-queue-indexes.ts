import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desks' queues (docs/api.md#queues) that no status narrows: the extension requests awaiting the centre and the
 * reopened cases, each a small share of a year of reports, read through partial indexes instead of the whole table
 * (their counts refresh on every change a desk hears of). The others start from a status (reports_status_created_idx).
 */
export class QueueIndexes1763900001800 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reports_extension_pending_idx ON reports (due_at, id) WHERE extension_request IS NOT NULL`,
    );
    await q.query(`CREATE INDEX reports_reopened_idx ON reports (status, due_at) WHERE reopened`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_reopened_idx`);
    await q.query(`DROP INDEX IF EXISTS reports_extension_pending_idx`);
  }
}

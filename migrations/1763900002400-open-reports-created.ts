import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open cases in order of filing, for the centre's queues (`status=received,need_info&sort=created_asc`, the
 * first queue of the screening desk). With only reports_created_idx the planner walked a year of reports from the
 * oldest and dropped the closed ones on the way: 976 ms on 1,000,000 reports for a page of 20, 5.5 ms with this
 * index (bench/RESULTS.md). The statuses are the open ones of docs/domain.md#statuses; a query on any subset of them
 * can use it.
 */
export class OpenReportsCreated1763900002400 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reports_open_created_idx ON reports (created_at, id)
        WHERE status IN ('received', 'need_info', 'assigned', 'in_progress', 'pending_review')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_open_created_idx`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { RATED_SINCE, statsCompactFunctionSql, statsRollupFunctionsSql } from '../libs/stats/src/indicators-sql';

/**
 * The handled rollup counts the rated reports (`rated`, issue 19): a satisfaction rate of 100 % means little when
 * nobody rated, so the statistics say how many did (docs/domain.md#statistics). Adds the column, installs the
 * rollup functions as of this migration (pa_stats_compact is generated from now on) and rebuilds the rollups so
 * past days count their ratings. pa_stats_handled_of's result type changes: it is dropped first (the other
 * functions call it by name only, so nothing depends on it).
 */
export class StatsRated1763900001900 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stats_handled_daily ADD COLUMN rated integer NOT NULL DEFAULT 0`);
    await this.install(q, RATED_SINCE);
    await q.query(`SELECT pa_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.install(q, RATED_SINCE - 1);
    await q.query(`ALTER TABLE stats_handled_daily DROP COLUMN rated`);
  }

  private async install(q: QueryRunner, asOf: number): Promise<void> {
    await q.query(`DROP FUNCTION pa_stats_handled_of(reports)`);
    for (const sql of [...statsRollupFunctionsSql(asOf), statsCompactFunctionSql(asOf)]) await q.query(sql);
  }
}

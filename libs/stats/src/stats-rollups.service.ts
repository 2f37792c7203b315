import { Injectable } from '@nestjs/common';
import { Db, sql } from '@app/database';

/** How often the worker folds the statistics rollups (a day's appended rows become one row per key). */
export const STATS_COMPACT_INTERVAL_MS = 15_000;

/**
 * The daily statistics rollups are kept exact by triggers on reports (migration 1763900000800), which append the
 * change of each report's contribution. Folding those rows keeps the rollups small; it changes no figure, so a
 * worker that is down only makes the statistics queries read a few more rows meanwhile.
 */
@Injectable()
export class StatsRollupsService {
  constructor(private readonly db: Db) {}

  /** Days folded; 0 when there was nothing to fold or another worker is folding right now. */
  async compact(): Promise<number> {
    const { rows } = await sql<{ days: number }>`SELECT pa_stats_compact() AS days`.execute(this.db.kysely);
    return rows[0].days;
  }
}

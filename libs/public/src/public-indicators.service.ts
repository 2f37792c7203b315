import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { localInstant, localParts, localYmd } from '@app/common/vietnam-time';
import { createWorkingCalendar } from '@app/calendar';
import { Db, sql } from '@app/database';
import {
  HANDLED,
  HANDLED_SUMS,
  minutesToHours,
  onTimeRate,
  satisfactionRate,
  StatsService,
  type HandledSums,
  type Period,
} from '@app/stats';

export type PublicGroupBy = 'agency' | 'commune';

export interface PublicIndicatorRow {
  /** The agency's id; null for a commune. */
  id: string | null;
  code: string;
  name: string;
  received: number;
  handled: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  /** Handled cases the reporter rated. */
  ratings: number;
  /** Mean working days from the first assignment to the accepted result (office days). */
  avgHandlingDays: number | null;
}

export interface PublicIndicators {
  groupBy: PublicGroupBy;
  period: { from: Date; to: Date };
  rows: PublicIndicatorRow[];
  trend: Array<{
    month: string;
    received: number;
    handled: number;
    onTimeRate: number | null;
    satisfactionRate: number | null;
  }>;
}

/**
 * The figures of the whole province, as a provincial leader sees them (statsScope lets a leader see every agency):
 * the public reads leadership's numbers, not a second computation of them.
 */
const PROVINCE: AuthUser = { id: '00000000-0000-0000-0000-000000000000', roles: ['leader'], agencyId: null };
const OFFICE_DAY_MINUTES = createWorkingCalendar('office').workingMinutesPerDay;
/** Public figures change slowly; a minute's cache keeps an anonymous route from recomputing them per visitor. */
const CACHE_MS = 60_000;

const days = (hours: number | null) =>
  hours === null ? null : Math.round(((hours * 60) / OFFICE_DAY_MINUTES) * 100) / 100;

/**
 * Decision 766 indicators for the public (docs/api.md#public): per agency from `StatsService.breakdown`, the
 * monthly trend from `StatsService.overview` per month, both exactly what `/stats/*` shows leadership for the same
 * period. Per commune (the commune of the report's place), which the rollups do not hold, the same SQL parts
 * (`pa_stats_handled_of` through HANDLED / HANDLED_SUMS, libs/stats) over the reports, and the same rate functions.
 */
@Injectable()
export class PublicIndicatorsService {
  private readonly cache = new Map<string, { at: number; value: Promise<PublicIndicators> }>();

  constructor(
    private readonly db: Db,
    private readonly stats: StatsService,
  ) {}

  get(groupBy: PublicGroupBy, months: number, now = new Date()): Promise<PublicIndicators> {
    const key = `${groupBy}:${months}:${localYmd(now)}`;
    const hit = this.cache.get(key);
    if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;
    const value = this.compute(groupBy, months, now);
    this.cache.set(key, { at: now.getTime(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** The last `months` calendar months (local), the current one included. */
  static periodOf(months: number, now: Date): Period {
    const { year, month } = localParts(now)!;
    return {
      from: localInstant(year, month - months + 1, 1),
      to: localInstant(year, month + 1, 1),
      granularity: 'month',
    };
  }

  private async compute(groupBy: PublicGroupBy, months: number, now: Date): Promise<PublicIndicators> {
    const period = PublicIndicatorsService.periodOf(months, now);
    const monthPeriods = Array.from({ length: months }, (_, i) => {
      const { year, month } = localParts(period.from)!;
      return {
        from: localInstant(year, month + i, 1),
        to: localInstant(year, month + i + 1, 1),
        granularity: 'month' as const,
      };
    });
    const [rows, trend] = await Promise.all([
      groupBy === 'agency' ? this.byAgency(period, now) : this.byCommune(period),
      Promise.all(
        monthPeriods.map(async (p) => {
          const o = await this.stats.overview({ period: p }, PROVINCE, now);
          return {
            month: localYmd(p.from).slice(0, 7),
            received: o.total,
            handled: o.handled,
            onTimeRate: o.onTimeRate,
            satisfactionRate: o.satisfactionRate,
          };
        }),
      ),
    ]);
    return { groupBy, period: { from: period.from, to: period.to }, rows, trend };
  }

  private async byAgency(period: Period, now: Date): Promise<PublicIndicatorRow[]> {
    const rows = await this.stats.breakdown('agency', { period }, PROVINCE, now);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      received: r.received,
      handled: r.handled,
      onTimeRate: r.onTimeRate,
      satisfactionRate: r.satisfactionRate,
      ratings: r.rated,
      avgHandlingDays: days(r.avgHandlingHours),
    }));
  }

  private async byCommune(period: Period): Promise<PublicIndicatorRow[]> {
    const k = this.db.kysely;
    const [{ rows: received }, { rows: handled }] = await Promise.all([
      sql<{ key: string; n: number }>`
        SELECT r.commune_code AS key, count(*)::int AS n FROM reports r
         WHERE r.commune_code IS NOT NULL AND r.created_at >= ${period.from} AND r.created_at < ${period.to}
         GROUP BY 1`.execute(k),
      sql<HandledSums & { key: string }>`
        SELECT x.key, ${HANDLED_SUMS}
          FROM (SELECT r.commune_code AS key, h.* FROM reports r, pa_stats_handled_of(r) h
                 WHERE ${HANDLED} AND r.commune_code IS NOT NULL
                   AND r.resolved_at >= ${period.from} AND r.resolved_at < ${period.to}) x
         GROUP BY 1`.execute(k),
    ]);
    const codes = [...new Set([...received, ...handled].map((r) => r.key))];
    if (!codes.length) return [];
    const names = await k
      .selectFrom('communes')
      .select(['code', 'name'])
      .where((eb) => eb('code', '=', eb.fn.any(eb.val(codes))))
      .execute();
    const receivedBy = new Map(received.map((r) => [r.key, r.n]));
    const handledBy = new Map(handled.map((h) => [h.key, h]));
    return names
      .map((c) => {
        const h = handledBy.get(c.code);
        const counts = {
          handled: h?.handled ?? 0,
          onTime: h?.onTime ?? 0,
          notSatisfied: h?.notSatisfied ?? 0,
          complainedLate: h?.complainedLate ?? 0,
        };
        return {
          id: null,
          code: c.code,
          name: c.name,
          received: receivedBy.get(c.code) ?? 0,
          handled: counts.handled,
          onTimeRate: onTimeRate(counts),
          satisfactionRate: satisfactionRate(counts),
          ratings: h?.rated ?? 0,
          avgHandlingDays: days(minutesToHours(h?.timed ? h.minutes / h.timed : null)),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
  }
}

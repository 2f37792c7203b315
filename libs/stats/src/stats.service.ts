import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { validationFailed } from '@app/common';
import { VIETNAM_TIME_ZONE } from '@app/common/vietnam-time';
import { type CallOutcome, Db, sql } from '@app/database';
import { CHANNELS, type Channel, type ReportStatus } from '@app/workflow';
import {
  fullStatusCounts,
  groupCounts,
  GroupCounts,
  IndicatorCounts,
  minutesToHours,
  onTimeRate,
  satisfactionRate,
} from './indicators';
import { bucketsOf, MAX_BUCKETS, Period, splitPeriod } from './period';
import {
  bucketOfDay,
  filterSql,
  HANDLED_SUMS,
  handledRows,
  type HandledSums,
  LOCAL,
  medianMinutesSql,
  OVERDUE_NOW,
  receivedRows,
  ReportFilter,
} from './stats-sql';
import { assertCentreViewer, statsScope } from './stats-scope';

export interface StatsRequest extends ReportFilter {
  period: Period;
}

export interface PeriodView {
  from: Date;
  to: Date;
  granularity: Period['granularity'];
  timeZone: typeof VIETNAM_TIME_ZONE;
}

/** What the handled reports of a period show: the two Decision 766 rates, their parts, and the handling time. */
export interface HandledFigures extends IndicatorCounts {
  onTimeRate: number | null;
  satisfactionRate: number | null;
  /** Working hours from the first assignment to the accepted result, in each category's calendar. */
  avgHandlingHours: number | null;
}

export interface TrendPoint {
  bucket: string;
  /** Reports received (created) in the bucket. */
  received: number;
  /** Reports handled (result approved) in the bucket, and how many of them on time. */
  handled: number;
  onTime: number;
}

export interface Overview extends HandledFigures {
  period: PeriodView;
  medianHandlingHours: number | null;
  /** Reports received in the period, by their status now. */
  total: number;
  byStatus: Record<ReportStatus, number>;
  groups: GroupCounts;
  /** Open cases late right now, whenever they were received (a snapshot, not a figure of the period). */
  overdueNow: number;
  trend: TrendPoint[];
  /** Reports received in the period by the channel they came in through (every channel, zeros included). */
  byChannel: Record<Channel, number>;
}

export interface BreakdownRow extends HandledFigures {
  id: string;
  code: string;
  name: string;
  received: number;
  groups: GroupCounts;
  overdueNow: number;
}

export interface HotlineStats {
  period: PeriodView;
  total: number;
  byOutcome: Record<CallOutcome, number>;
  perDay: Array<{ date: string; total: number; byOutcome: Record<CallOutcome, number> }>;
}

/** Sums of handledRows for one key (a bucket or an agency/category id). */
interface HandledRow extends HandledSums {
  key: string | null;
}

const OUTCOMES: CallOutcome[] = ['new_report', 'existing_report', 'consultation', 'other'];
const DIMENSIONS = {
  agency: { column: 'agency_id', table: 'agencies' },
  category: { column: 'category_id', table: 'categories' },
} as const;
export type Dimension = keyof typeof DIMENSIONS;

const periodView = (p: Period): PeriodView => ({
  from: p.from,
  to: p.to,
  granularity: p.granularity,
  timeZone: VIETNAM_TIME_ZONE,
});

function figures(row: HandledRow | undefined): HandledFigures {
  const counts: IndicatorCounts = {
    handled: row?.handled ?? 0,
    onTime: row?.onTime ?? 0,
    notSatisfied: row?.notSatisfied ?? 0,
    complainedLate: row?.complainedLate ?? 0,
    rated: row?.rated ?? 0,
  };
  return {
    ...counts,
    onTimeRate: onTimeRate(counts),
    satisfactionRate: satisfactionRate(counts),
    avgHandlingHours: minutesToHours(row?.timed ? row.minutes / row.timed : null),
  };
}

/** Adds up handled rows (buckets into the period). */
function combine(rows: HandledRow[]): HandledRow {
  const sum = (f: (r: HandledRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    key: null,
    handled: sum((r) => r.handled),
    onTime: sum((r) => r.onTime),
    notSatisfied: sum((r) => r.notSatisfied),
    complainedLate: sum((r) => r.complainedLate),
    timed: sum((r) => r.timed),
    minutes: sum((r) => r.minutes),
    rated: sum((r) => r.rated),
  };
}

/**
 * Leadership statistics (Decision 766/QĐ-TTg indicators, see indicators.ts). Received and handled figures come
 * from the daily rollups plus the period's partial days (stats-sql.ts), the median from a covering index, overdue
 * from the due_at index; Node only folds the few resulting rows. Agency leaders are narrowed to their own agency
 * here, not only in the controller.
 */
@Injectable()
export class StatsService {
  constructor(private readonly db: Db) {}

  async overview(req: StatsRequest, viewer: AuthUser, now = new Date()): Promise<Overview> {
    const filter: ReportFilter = { categoryId: req.categoryId, agencyId: statsScope(viewer, req.agencyId) };
    const { from, to, granularity } = req.period;
    const parts = splitPeriod(req.period, now);

    const k = this.db.kysely;
    const receivedSql = sql<{ status: ReportStatus; bucket: string; n: number }>`
      SELECT x.status, ${bucketOfDay(granularity, 'x.day')} AS bucket, sum(x.n)::int AS n
        FROM (${receivedRows(parts)}) x
       WHERE TRUE${filterSql(filter, 'x')}
       GROUP BY 1, 2`;
    const handledSql = sql<HandledRow>`
      SELECT ${bucketOfDay(granularity, 'x.day')} AS key, ${HANDLED_SUMS}
        FROM (${handledRows(parts)}) x
       WHERE TRUE${filterSql(filter, 'x')}
       GROUP BY 1`;
    const overdueSql = sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM reports r WHERE ${OVERDUE_NOW(now)}${filterSql(filter)}`;
    // The daily rollups do not keep the channel: counted on reports, by created_at's index, within the period.
    const channelSql = sql<{ channel: Channel; n: number }>`
      SELECT r.channel, count(*)::int AS n FROM reports r
       WHERE r.created_at >= ${from} AND r.created_at < ${to}${filterSql(filter)}
       GROUP BY 1`;

    // The median needs the number of timed reports, which the handled sums give.
    const handledAndMedian = async (): Promise<[HandledRow[], number | null]> => {
      const { rows } = await handledSql.execute(k);
      const timed = combine(rows).timed;
      if (!timed) return [rows, null];
      const { rows: median } = await medianMinutesSql(timed, from, to, filterSql(filter)).execute(k);
      return [rows, median[0].medianMinutes];
    };
    // Four chains on pooled connections at once: the slowest one sets the response time.
    const [{ rows: received }, [handled, medianMinutes], { rows: overdue }, { rows: channels }] = await Promise.all([
      receivedSql.execute(k),
      handledAndMedian(),
      overdueSql.execute(k),
      channelSql.execute(k),
    ]);

    const byStatus: Partial<Record<ReportStatus, number>> = {};
    const trend = new Map<string, TrendPoint>(
      bucketsOf(req.period).map((b) => [b, { bucket: b, received: 0, handled: 0, onTime: 0 }]),
    );
    const point = (bucket: string) =>
      trend.get(bucket) ?? trend.set(bucket, { bucket, received: 0, handled: 0, onTime: 0 }).get(bucket)!;
    for (const row of received) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
      point(row.bucket).received += row.n;
    }
    for (const row of handled) Object.assign(point(row.key!), { handled: row.handled, onTime: row.onTime });
    const statuses = fullStatusCounts(byStatus);
    return {
      period: periodView(req.period),
      total: Object.values(statuses).reduce((a, b) => a + b, 0),
      byStatus: statuses,
      groups: groupCounts(statuses),
      ...figures(combine(handled)),
      medianHandlingHours: minutesToHours(medianMinutes),
      overdueNow: overdue[0]?.n ?? 0,
      trend: [...trend.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
      byChannel: Object.fromEntries(
        CHANNELS.map((ch) => [ch, channels.find((r) => r.channel === ch)?.n ?? 0]),
      ) as Record<Channel, number>,
    };
  }

  /**
   * Per agency (the agency holding the case) or per category: received in the period with their status groups,
   * handled in the period with both rates and handling time, and overdue now. Every active agency or category is
   * listed, with zeros if it had nothing; inactive ones only if they have figures.
   */
  async breakdown(
    dimension: Dimension,
    req: StatsRequest,
    viewer: AuthUser,
    now = new Date(),
  ): Promise<BreakdownRow[]> {
    const forcedAgency = statsScope(viewer, req.agencyId);
    const filter: ReportFilter = { categoryId: req.categoryId, agencyId: forcedAgency };
    const { column, table } = DIMENSIONS[dimension];

    const parts = splitPeriod(req.period, now);
    const k = this.db.kysely;
    const key = sql.raw(column);
    const [{ rows: received }, { rows: handled }, { rows: overdue }] = await Promise.all([
      sql<{ key: string; status: ReportStatus; n: number }>`
        SELECT x.${key} AS key, x.status, sum(x.n)::int AS n
          FROM (${receivedRows(parts)}) x
         WHERE x.${key} IS NOT NULL${filterSql(filter, 'x')}
         GROUP BY 1, 2`.execute(k),
      sql<HandledRow>`
        SELECT x.${key} AS key, ${HANDLED_SUMS}
          FROM (${handledRows(parts)}) x
         WHERE x.${key} IS NOT NULL${filterSql(filter, 'x')}
         GROUP BY 1`.execute(k),
      sql<{ key: string; n: number }>`
        SELECT r.${key} AS key, count(*)::int AS n
          FROM reports r WHERE ${OVERDUE_NOW(now)} AND r.${key} IS NOT NULL${filterSql(filter)}
         GROUP BY 1`.execute(k),
    ]);

    const withFigures = [...new Set([...received, ...handled, ...overdue].map((r) => r.key!))];
    // An agency leader gets their agency's row only; a category breakdown for them lists categories.
    const onlyAgency = dimension === 'agency' ? forcedAgency : undefined;
    const names = await k
      .selectFrom(table)
      .select(['id', 'code', 'name'])
      .where((eb) => eb.or([eb('isActive', '=', true), eb('id', '=', eb.fn.any(eb.val(withFigures)))]))
      .$if(!!onlyAgency, (q) => q.where('id', '=', onlyAgency!))
      .execute();

    const byStatus = new Map<string, Partial<Record<ReportStatus, number>>>();
    for (const r of received) byStatus.set(r.key, { ...byStatus.get(r.key), [r.status]: r.n });
    const handledBy = new Map(handled.map((h) => [h.key!, h]));
    const overdueBy = new Map(overdue.map((o) => [o.key, o.n]));
    return names
      .map((n) => {
        const statuses = fullStatusCounts(byStatus.get(n.id) ?? {});
        return {
          id: n.id,
          code: n.code,
          name: n.name,
          received: Object.values(statuses).reduce((a, b) => a + b, 0),
          groups: groupCounts(statuses),
          ...figures(handledBy.get(n.id)),
          overdueNow: overdueBy.get(n.id) ?? 0,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
  }

  /** Hotline calls of the period by outcome and per local day (calls are the centre's: centre roles only). */
  async hotline(period: Period, viewer: AuthUser): Promise<HotlineStats> {
    assertCentreViewer(viewer);
    const days = bucketsOf({ ...period, granularity: 'day' });
    if (days.length > MAX_BUCKETS)
      throw validationFailed({ fields: { from: [`hotline statistics cover at most ${MAX_BUCKETS} days`] } });
    const { rows } = await sql<{ day: string; outcome: CallOutcome; n: number }>`
      SELECT to_char(${LOCAL('h.started_at')}, 'YYYY-MM-DD') AS day, h.outcome, count(*)::int AS n
        FROM hotline_calls h
       WHERE h.started_at >= ${period.from} AND h.started_at < ${period.to}
       GROUP BY 1, 2`.execute(this.db.kysely);
    const zero = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
    const perDay = new Map(days.map((date) => [date, { date, total: 0, byOutcome: zero() }]));
    const byOutcome = zero();
    for (const row of rows) {
      const day = perDay.get(row.day);
      if (day) {
        day.byOutcome[row.outcome] += row.n;
        day.total += row.n;
      }
      byOutcome[row.outcome] += row.n;
    }
    return {
      period: periodView({ ...period, granularity: 'day' }),
      total: Object.values(byOutcome).reduce((a, b) => a + b, 0),
      byOutcome,
      perDay: [...perDay.values()],
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { validationFailed } from '@app/common';
import { VIETNAM_TIME_ZONE } from '@app/common/vietnam-time';
import type { CallOutcome } from '@app/database';
import type { ReportStatus } from '@app/workflow';
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
interface HandledRow {
  key: string | null;
  handled: number;
  on_time: number;
  not_satisfied: number;
  complained_late: number;
  /** Rows whose working time is known, and the sum of it. */
  timed: number;
  minutes: number;
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
    onTime: row?.on_time ?? 0,
    notSatisfied: row?.not_satisfied ?? 0,
    complainedLate: row?.complained_late ?? 0,
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
    on_time: sum((r) => r.on_time),
    not_satisfied: sum((r) => r.not_satisfied),
    complained_late: sum((r) => r.complained_late),
    timed: sum((r) => r.timed),
    minutes: sum((r) => r.minutes),
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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async overview(req: StatsRequest, viewer: AuthUser, now = new Date()): Promise<Overview> {
    const filter: ReportFilter = { categoryId: req.categoryId, agencyId: statsScope(viewer, req.agencyId) };
    const { from, to, granularity } = req.period;
    const parts = splitPeriod(req.period, now);

    const receivedParams: unknown[] = [];
    const receivedSql = `
      SELECT x.status, ${bucketOfDay(granularity, 'x.day')} AS bucket, sum(x.n)::int AS n
        FROM (${receivedRows(parts, receivedParams)}) x
       WHERE TRUE${filterSql(filter, receivedParams, 'x')}
       GROUP BY 1, 2`;
    const handledParams: unknown[] = [];
    const handledSql = `
      SELECT ${bucketOfDay(granularity, 'x.day')} AS key, ${HANDLED_SUMS}
        FROM (${handledRows(parts, handledParams)}) x
       WHERE TRUE${filterSql(filter, handledParams, 'x')}
       GROUP BY 1`;
    const overdueParams: unknown[] = [now];
    const overdueSql = `SELECT count(*)::int AS n FROM reports r WHERE ${OVERDUE_NOW('$1')}${filterSql(filter, overdueParams)}`;

    // The median needs the number of timed reports, which the handled sums give.
    const handledAndMedian = async (): Promise<[HandledRow[], number | null]> => {
      const rows: HandledRow[] = await this.db.query(handledSql, handledParams);
      const timed = combine(rows).timed;
      if (!timed) return [rows, null];
      const params: unknown[] = [from, to];
      const [m]: [{ median_minutes: number | null }] = await this.db.query(
        medianMinutesSql(timed, '$1', '$2', filterSql(filter, params)),
        params,
      );
      return [rows, m.median_minutes];
    };
    // Three chains on pooled connections at once: the slowest one sets the response time.
    const [received, [handled, medianMinutes], overdue] = await Promise.all([
      this.db.query(receivedSql, receivedParams) as Promise<Array<{ status: ReportStatus; bucket: string; n: number }>>,
      handledAndMedian(),
      this.db.query(overdueSql, overdueParams) as Promise<Array<{ n: number }>>,
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
    for (const row of handled) Object.assign(point(row.key!), { handled: row.handled, onTime: row.on_time });
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
    const receivedParams: unknown[] = [];
    const receivedSql = `
      SELECT x.${column} AS key, x.status, sum(x.n)::int AS n
        FROM (${receivedRows(parts, receivedParams)}) x
       WHERE x.${column} IS NOT NULL${filterSql(filter, receivedParams, 'x')}
       GROUP BY 1, 2`;
    const handledParams: unknown[] = [];
    const handledSql = `
      SELECT x.${column} AS key, ${HANDLED_SUMS}
        FROM (${handledRows(parts, handledParams)}) x
       WHERE x.${column} IS NOT NULL${filterSql(filter, handledParams, 'x')}
       GROUP BY 1`;
    const overdueParams: unknown[] = [now];
    const overdueSql = `
      SELECT r.${column} AS key, count(*)::int AS n
        FROM reports r WHERE ${OVERDUE_NOW('$1')} AND r.${column} IS NOT NULL${filterSql(filter, overdueParams)}
       GROUP BY 1`;

    const [received, handled, overdue] = await Promise.all([
      this.db.query(receivedSql, receivedParams) as Promise<Array<{ key: string; status: ReportStatus; n: number }>>,
      this.db.query(handledSql, handledParams) as Promise<HandledRow[]>,
      this.db.query(overdueSql, overdueParams) as Promise<Array<{ key: string; n: number }>>,
    ]);

    const withFigures = [...new Set([...received, ...handled, ...overdue].map((r) => r.key!))];
    const namesParams: unknown[] = [withFigures];
    // An agency leader gets their agency's row only; a category breakdown for them lists categories.
    const onlyAgency = dimension === 'agency' && forcedAgency ? ` AND id = $${namesParams.push(forcedAgency)}` : '';
    const names: Array<{ id: string; code: string; name: string }> = await this.db.query(
      `SELECT id, code, name FROM ${table} WHERE (is_active OR id = ANY($1::uuid[]))${onlyAgency}`,
      namesParams,
    );

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
    const rows: Array<{ day: string; outcome: CallOutcome; n: number }> = await this.db.query(
      `SELECT to_char(${LOCAL('h.started_at')}, 'YYYY-MM-DD') AS day, h.outcome, count(*)::int AS n
         FROM hotline_calls h
        WHERE h.started_at >= $1 AND h.started_at < $2
        GROUP BY 1, 2`,
      [period.from, period.to],
    );
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

import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { formatDateTime, localYmd } from '@app/common/vietnam-time';
import { type Channel, Db, sql } from '@app/database';
import { CHANNEL_LABEL, STATUS_LABEL, type ReportStatus } from '@app/workflow';
import { CSV_BOM, csvRow } from './csv';
import { isHandled, isOnTime } from './indicators';
import type { ReportFilter } from './stats-sql';
import { statsScope } from './stats-scope';
import { StatsRequest, StatsService } from './stats.service';

/** Rows per query: small enough that a download never holds much in memory, big enough to keep round trips few. */
export const EXPORT_CHUNK_ROWS = 1000;

export const REPORTS_CSV_HEADER = [
  'Mã phản ánh',
  'Thời điểm tiếp nhận',
  'Lĩnh vực',
  'Cơ quan xử lý',
  'Trạng thái',
  'Kênh tiếp nhận',
  'Hạn xử lý',
  'Thời điểm xử lý',
  'Đúng hạn',
  'Đánh giá',
  'Nội dung',
];

export const AGENCIES_CSV_HEADER = [
  'Cơ quan',
  'Mã cơ quan',
  'Tiếp nhận',
  'Đã xử lý',
  'Đúng hạn',
  'Tỷ lệ đúng hạn (%)',
  'Quá hạn hiện tại',
  'Thời gian xử lý trung bình (giờ làm việc)',
  'Không hài lòng',
  'Phản ánh lại',
  'Lượt đánh giá',
  'Tỷ lệ hài lòng (%)',
];

interface ExportRow {
  id: string;
  createdKey: string;
  code: string;
  createdAt: Date;
  categoryName: string;
  agencyName: string | null;
  status: ReportStatus;
  channel: Channel;
  resolutionDueAt: Date | null;
  handledAt: Date | null;
  wasOverdue: boolean;
  ratingSatisfied: boolean | null;
  description: string;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

/** The download's file name: what and which local days, e.g. thong-ke-phan-anh_2024-01-01_2024-12-31.csv. */
export function exportFileName(kind: 'phan-anh' | 'co-quan', period: { from: Date; to: Date }): string {
  return `thong-ke-${kind}_${localYmd(period.from)}_${localYmd(new Date(period.to.getTime() - 1))}.csv`;
}

/**
 * CSV downloads for leadership. The reports file streams: it is read in keyset-ordered chunks (created_at, id) and
 * each chunk is turned into text only when the HTTP response asks for more, so a year of a large province never
 * sits in memory and no database connection is held while the client reads.
 */
@Injectable()
export class StatsExportService {
  constructor(
    private readonly db: Db,
    private readonly stats: StatsService,
  ) {}

  /**
   * One row per report received in the period. Authorisation happens here, before the stream starts: once the
   * first byte is sent the status is 200 and an error could only cut the file short.
   */
  reportsCsv(req: StatsRequest, viewer: AuthUser, chunkRows = EXPORT_CHUNK_ROWS): AsyncGenerator<string> {
    const filter: ReportFilter = { categoryId: req.categoryId, agencyId: statsScope(viewer, req.agencyId) };
    return this.reportRows(req.period, filter, chunkRows);
  }

  /** The agency breakdown (same figures as GET /stats/agencies) as one small CSV text. */
  async agenciesCsv(req: StatsRequest, viewer: AuthUser, now = new Date()): Promise<string> {
    const rows = await this.stats.breakdown('agency', req, viewer, now);
    let text = CSV_BOM + csvRow(AGENCIES_CSV_HEADER);
    for (const r of rows) {
      text += csvRow([
        r.name,
        r.code,
        r.received,
        r.handled,
        r.onTime,
        percent(r.onTimeRate),
        r.overdueNow,
        r.avgHandlingHours,
        r.notSatisfied,
        r.complainedLate,
        r.rated,
        percent(r.satisfactionRate),
      ]);
    }
    return text;
  }

  private async *reportRows(
    period: { from: Date; to: Date },
    filter: ReportFilter,
    chunkRows: number,
  ): AsyncGenerator<string> {
    yield CSV_BOM + csvRow(REPORTS_CSV_HEADER);
    let after: { key: string; id: string } | null = null;
    for (;;) {
      const cursor = after;
      const rows: ExportRow[] = await this.db.kysely
        .selectFrom('reports as r')
        .innerJoin('categories as c', 'c.id', 'r.categoryId')
        .leftJoin('agencies as a', 'a.id', 'r.agencyId')
        .select([
          'r.id',
          // The cursor is created_at as Postgres text: a JS Date would drop the microseconds and repeat rows.
          sql<string>`r.created_at::text`.as('createdKey'),
          'r.code',
          'r.createdAt',
          'c.name as categoryName',
          'a.name as agencyName',
          'r.status',
          'r.channel',
          'r.resolutionDueAt',
          'r.handledAt',
          'r.wasOverdue',
          'r.ratingSatisfied',
          'r.description',
        ])
        .where('r.createdAt', '>=', period.from)
        .where('r.createdAt', '<', period.to)
        .$if(!!cursor, (q) =>
          q
            .where('r.createdAt', '>=', sql<Date>`${cursor!.key}::timestamptz`)
            .where(sql<boolean>`(r.created_at, r.id) > (${cursor!.key}::timestamptz, ${cursor!.id}::uuid)`),
        )
        .$if(!!filter.agencyId, (q) => q.where('r.agencyId', '=', filter.agencyId!))
        .$if(!!filter.categoryId, (q) => q.where('r.categoryId', '=', filter.categoryId!))
        .orderBy('r.createdAt')
        .orderBy('r.id')
        .limit(Math.max(1, Math.floor(chunkRows)))
        .execute();
      if (rows.length === 0) return;
      yield rows.map(toCsvRow).join('');
      const last = rows[rows.length - 1];
      after = { key: last.createdKey, id: last.id };
      if (rows.length < chunkRows) return;
    }
  }
}

function toCsvRow(r: ExportRow): string {
  const facts = {
    status: r.status,
    handledAt: r.handledAt,
    resolutionDueAt: r.resolutionDueAt,
    wasOverdue: r.wasOverdue,
  };
  const handled = isHandled(facts);
  return csvRow([
    r.code,
    formatDateTime(r.createdAt),
    r.categoryName,
    r.agencyName,
    STATUS_LABEL[r.status] ?? r.status,
    CHANNEL_LABEL[r.channel] ?? r.channel,
    r.resolutionDueAt ? formatDateTime(r.resolutionDueAt) : null,
    handled && r.handledAt ? formatDateTime(r.handledAt) : null,
    handled ? (isOnTime(facts) ? 'Đúng hạn' : 'Trễ hạn') : null,
    r.ratingSatisfied === null ? null : r.ratingSatisfied ? 'Hài lòng' : 'Không hài lòng',
    r.description,
  ]);
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { attachmentUrl, variantFor } from '@app/attachments';
import { notFound, Page, PageQuery, toPage, validationFailed } from '@app/common';
import { Attachment, Db, Report, sql } from '@app/database';
import { COUNT_CAP, toReportView, type ReportView } from '@app/reports';
import {
  agencySeesReporter,
  isPublished,
  maskPublicText,
  publicWording,
  publishedSql,
  type ReportStatus,
} from '@app/workflow';
import { BBox, cellDegrees, MAX_POINTS, POINTS_FROM_ZOOM } from './public-map';

/** The filters every public list and the map share (docs/api.md#public). */
export interface PublicFilter {
  categoryId?: string;
  status?: ReportStatus[];
  communeCode?: string;
  from?: Date;
  to?: Date;
  bbox?: BBox;
}

export interface MapAnswer {
  clusters: Array<{ lat: number; lng: number; count: number }>;
  points: Array<{ code: string; lat: number; lng: number; status: ReportStatus; categoryId: string }>;
}

export interface PhotoView {
  id: string;
  url: string;
}

export interface PublicCaseView {
  code: string;
  title: string | null;
  description: string;
  status: ReportStatus;
  category: { id: string; name: string };
  agency: { id: string; name: string } | null;
  commune: { code: string; name: string } | null;
  address: string | null;
  location: { lat: number; lng: number } | null;
  createdAt: Date;
  dueAt: Date | null;
  handledAt: Date | null;
  answer: string | null;
  photos: PhotoView[];
  resultPhotos: PhotoView[];
  rating: { satisfied: boolean; at: Date | null } | null;
}

const CODE = /^PA-\d{4}-\d{6,}$/;
const PUBLISHED = sql.raw(publishedSql('r'));

/** ` AND …` for each filter given, over `reports r` (the map's box over its expression index). */
export function publicFilterSql(f: PublicFilter) {
  const where = [sql`${PUBLISHED}`];
  if (f.categoryId) where.push(sql`r.category_id = ${f.categoryId}`);
  if (f.status?.length) where.push(sql`r.status = ANY(${f.status}::text[])`);
  if (f.communeCode) where.push(sql`r.commune_code = ${f.communeCode}`);
  if (f.from) where.push(sql`r.created_at >= ${f.from}`);
  if (f.to) where.push(sql`r.created_at < ${f.to}`);
  if (f.bbox) {
    const b = f.bbox;
    where.push(
      sql`r.location IS NOT NULL AND r.location::geometry && ST_MakeEnvelope(${b.minLng}::float8, ${b.minLat}::float8, ${b.maxLng}::float8, ${b.maxLat}::float8, 4326)`,
    );
  }
  return sql.join(where, sql` AND `);
}

/**
 * What the public reads of published reports (docs/api.md#public): the list, the map, a case's page by its code.
 * Published is `publishedSql` / `isPublished`, the one rule; the words are the public wording, masked
 * (`publicWording`, through `toReportView` for list items).
 */
@Injectable()
export class PublicReportsService {
  constructor(
    private readonly db: Db,
    @InjectDataSource() private readonly orm: DataSource,
  ) {}

  /** Newest first, over the partial index of published reports; the total is capped as every list's. */
  async list(filter: PublicFilter, page: PageQuery): Promise<Page<ReportView>> {
    const where = publicFilterSql(filter);
    const [{ rows: ids }, { rows: count }] = await Promise.all([
      sql<{ id: string }>`
        SELECT r.id FROM reports r WHERE ${where}
         ORDER BY r.created_at DESC, r.id DESC OFFSET ${page.offset} LIMIT ${page.pageSize}`.execute(this.db.kysely),
      sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM reports r WHERE ${where} LIMIT ${COUNT_CAP}) capped`.execute(
        this.db.kysely,
      ),
    ]);
    const byId = new Map(
      (ids.length ? await this.orm.manager.findBy(Report, { id: In(ids.map((r) => r.id)) }) : []).map((r) => [r.id, r]),
    );
    const items = ids.flatMap(({ id }) => {
      const r = byId.get(id);
      return r ? [toReportView(r, 'public', { viewer: undefined })] : [];
    });
    return toPage(items, count[0].n, page);
  }

  /**
   * Grid clustering in SQL: the published reports in the box, grouped by the cell of a grid of `cellDegrees(zoom)`;
   * a cell of one report is a point, of more a cluster at their mean. From POINTS_FROM_ZOOM every report is a point.
   */
  async map(filter: PublicFilter & { bbox: BBox }, zoom: number): Promise<MapAnswer> {
    const where = publicFilterSql(filter);
    if (zoom >= POINTS_FROM_ZOOM) {
      const { rows } = await sql<MapAnswer['points'][number]>`
        SELECT r.code, ST_Y(r.location::geometry) AS lat, ST_X(r.location::geometry) AS lng, r.status, r.category_id
          FROM reports r WHERE ${where}
         ORDER BY r.created_at DESC LIMIT ${MAX_POINTS}`.execute(this.db.kysely);
      return { clusters: [], points: rows };
    }
    const cell = cellDegrees(zoom);
    const { rows } = await sql<{
      n: number;
      lat: number;
      lng: number;
      code: string | null;
      status: ReportStatus;
      categoryId: string;
    }>`
      SELECT count(*)::int AS n, avg(p.lat)::float8 AS lat, avg(p.lng)::float8 AS lng,
             min(p.code) AS code, min(p.status) AS status, min(p.category_id::text) AS category_id
        FROM (SELECT r.code, r.status, r.category_id,
                     ST_Y(r.location::geometry) AS lat, ST_X(r.location::geometry) AS lng
                FROM reports r WHERE ${where}) p
       GROUP BY floor(p.lng / ${cell}::float8), floor(p.lat / ${cell}::float8)`.execute(this.db.kysely);
    const answer: MapAnswer = { clusters: [], points: [] };
    for (const c of rows) {
      if (c.n === 1)
        answer.points.push({ code: c.code!, lat: c.lat, lng: c.lng, status: c.status, categoryId: c.categoryId });
      else answer.clusters.push({ lat: c.lat, lng: c.lng, count: c.n });
    }
    return answer;
  }

  /** A case's public page; 404 when there is no such code or the case is not published. */
  async byCode(code: string): Promise<PublicCaseView> {
    const wanted = code.toUpperCase();
    if (!CODE.test(wanted)) {
      throw validationFailed({ fields: { code: ['code must look like PA-2026-000123'] } }, 'Not a report code');
    }
    const report = await this.orm.manager.findOneBy(Report, { code: wanted });
    if (!report || !isPublished(report)) throw notFound('Report');
    const [names, attachments] = await Promise.all([
      this.db.kysely
        .selectFrom('categories as c')
        .select(['c.id', 'c.name'])
        .select((eb) => [
          eb.selectFrom('agencies as a').select('a.name').where('a.id', '=', report.agencyId).as('agencyName'),
          eb.selectFrom('communes as m').select('m.name').where('m.code', '=', report.communeCode).as('communeName'),
        ])
        .where('c.id', '=', report.categoryId)
        .executeTakeFirstOrThrow(),
      this.orm.manager.find(Attachment, { where: { reportId: report.id }, order: { createdAt: 'ASC' } }),
    ]);
    const handled = report.status === 'resolved' || report.status === 'closed';
    const resultIds = new Set(report.result?.attachmentIds ?? []);
    const photos = (list: Attachment[]) =>
      list.filter((a) => publicCopy(report, a)).map((a) => ({ id: a.id, url: attachmentUrl(a.id) }));
    return {
      code: report.code,
      ...publicWording(report),
      status: report.status,
      category: { id: names.id, name: names.name },
      agency: report.agencyId && names.agencyName ? { id: report.agencyId, name: names.agencyName } : null,
      commune: report.communeCode && names.communeName ? { code: report.communeCode, name: names.communeName } : null,
      location: report.location && { lat: report.location.coordinates[1], lng: report.location.coordinates[0] },
      createdAt: report.createdAt,
      dueAt: report.dueAt,
      handledAt: handled ? report.resolvedAt : null,
      answer: handled && report.result ? maskPublicText(report.result.text) : null,
      photos: photos(attachments.filter((a) => !a.eventId && !resultIds.has(a.id))),
      resultPhotos: handled ? photos(attachments.filter((a) => resultIds.has(a.id))) : [],
      rating: report.ratingSatisfied !== null ? { satisfied: report.ratingSatisfied, at: report.ratedAt } : null,
    } as PublicCaseView;
  }
}

/** Whether an anonymous visitor receives this attachment: the content route's own rule (variantFor). */
const publicCopy = (report: Report, a: Attachment): boolean =>
  variantFor(
    {
      ownerId: a.ownerId,
      isPublic: a.isPublic,
      hasCleanedCopy: a.publicStorageKey !== null,
      report: {
        agencyId: report.agencyId,
        reporterId: report.reporterId,
        published: isPublished(report),
        agencySeesReporter: agencySeesReporter(report),
      },
    },
    undefined,
  ) === 'cleaned';

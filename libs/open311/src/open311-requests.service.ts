import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { normalizeVnMobile } from '@app/common';
import { Env } from '@app/config';
import { Attachment, Db, Report } from '@app/database';
import { CategoriesService } from '@app/reference';
import { publishedSql } from '@app/workflow';
import { reporterForPhone, ReportsService, toReportView } from '@app/reports';
import { validateAttributes } from './open311-attributes';
import { O311Document, O311List, o311List } from './open311-document';
import { badRequest, notFound311 } from './open311-error';
import type { Integration } from './open311-integrations.service';
import { isUuid, MAX_RESULTS, RequestQuery } from './open311-query';
import { toServiceRequest } from './open311-request.view';
import { Open311ServicesService } from './open311-services.service';

/** A POST requests form, already decoded: fields the spec defines that we use. */
export interface Open311NewRequest {
  serviceCode: string;
  lat: number;
  lng: number;
  address?: string;
  description: string;
  attributes: Record<string, string[]>;
  phone?: string;
  firstName?: string;
  lastName?: string;
  mediaUrl?: string;
}

/**
 * GeoReport service requests over our reports. Creation goes through ReportsService.createIn, so an Open311
 * report is validated, routed, timed and announced exactly like any other, with channel `open311`; what only
 * Open311 knows (the key that filed it, attribute values, the media_url link) is kept in open311_requests.
 */
@Injectable()
export class Open311RequestsService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    private readonly reports: ReportsService,
    private readonly services: Open311ServicesService,
    private readonly categories: CategoriesService,
    private readonly env: Env,
  ) {}

  async create(input: Open311NewRequest, integration: Integration): Promise<O311Document> {
    const category = await this.services.byCode(input.serviceCode);
    if (!category) throw badRequest(`service_code "${input.serviceCode}" not found`);
    const attributes = validateAttributes(category.attributes, input.attributes);
    const phone = input.phone ? normalizeVnMobile(input.phone) : null;
    if (input.phone && !phone) throw badRequest('phone is not a Vietnamese mobile number');
    const name = [input.firstName, input.lastName].filter(Boolean).join(' ').normalize('NFC').trim().slice(0, 120);

    let eventIds: string[] = [];
    const report = await this.db.transaction(async (trx, m) => {
      // A caller known only by email gets no reporter record: we have no verified way to reach them again.
      const reporterId = phone ? await reporterForPhone(trx, phone, name, { joinProvenAccount: false }) : null;
      const filed = await this.reports.createIn(
        m,
        {
          categoryId: category.id,
          description: input.description,
          location: { lat: input.lat, lng: input.lng },
          address: input.address,
        },
        { actor: integration.user, channel: 'open311', reporterId },
      );
      await trx
        .insertInto('open311Requests')
        .values({
          reportId: filed.report.id,
          apiKeyId: integration.apiKeyId,
          attributes: JSON.stringify(attributes),
          mediaUrl: input.mediaUrl ?? null,
        })
        .execute();
      eventIds = filed.eventIds;
      return filed.report;
    });
    await this.reports.afterCommit(eventIds, report);
    return {
      root: 'service_requests',
      body: o311List('request', [
        {
          service_request_id: report.id,
          service_notice: `Đã tiếp nhận phản ánh ${report.code}. Trung tâm sẽ sàng lọc và chuyển cơ quan có thẩm quyền xử lý.`,
          account_id: null,
        },
      ]),
    };
  }

  /** GET requests: published reports only (as on every public face: publishedSql), newest first, at most 1000. */
  async list(q: RequestQuery): Promise<O311Document> {
    if (q.ids && !q.ids.length) return { root: 'service_requests', body: o311List('request', []) };
    const qb = this.orm.manager.getRepository(Report).createQueryBuilder('r').where(publishedSql('r'));
    if (q.ids) {
      qb.andWhere('r.id IN (:...ids)', { ids: q.ids });
    } else {
      qb.andWhere('r.created_at BETWEEN :start AND :end', q.window);
      if (q.serviceCodes?.length) {
        qb.andWhere('r.category_id IN (SELECT id FROM categories WHERE code IN (:...codes))', {
          codes: q.serviceCodes,
        });
      }
      if (q.statuses?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: q.statuses });
    }
    const rows = await qb.orderBy('r.created_at', 'DESC').take(MAX_RESULTS).getMany();
    return { root: 'service_requests', body: o311List('request', await this.toRequests(rows, q.extensions)) };
  }

  async get(id: string, extensions: boolean): Promise<O311Document> {
    const doc = await this.list({
      ids: isUuid(id) ? [id] : [],
      window: { start: new Date(0), end: new Date() },
      extensions,
    });
    if (!(doc.body as O311List).items.length) throw notFound311(`service_request_id "${id}" not found`);
    return doc;
  }

  /** Our tokens are the ids of requests filed through Open311: creation is synchronous, so they resolve at once. */
  async token(token: string): Promise<O311Document> {
    const row = isUuid(token)
      ? await this.db.kysely
          .selectFrom('open311Requests')
          .select('reportId')
          .where('reportId', '=', token)
          .executeTakeFirst()
      : undefined;
    if (!row) throw notFound311(`token "${token}" not found`);
    return { root: 'service_requests', body: o311List('request', [{ service_request_id: row.reportId, token }]) };
  }

  private async toRequests(rows: Report[], extensions: boolean) {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const agencyIds = [...new Set(rows.map((r) => r.agencyId).filter((a): a is string => !!a))];
    const k = this.db.kysely;
    const [categories, agencies, attachments, submitted] = await Promise.all([
      this.categories.list(true),
      k
        .selectFrom('agencies')
        .select(['id', 'name'])
        .where((eb) => eb('id', '=', eb.fn.any(eb.val(agencyIds))))
        .execute(),
      this.orm.manager.find(Attachment, { where: { reportId: In(ids) }, order: { createdAt: 'ASC' } }),
      k
        .selectFrom('open311Requests')
        .select(['reportId', 'mediaUrl'])
        .where((eb) => eb('reportId', '=', eb.fn.any(eb.val(ids))))
        .execute(),
    ]);
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    const mediaUrl = new Map(submitted.map((s) => [s.reportId, s.mediaUrl]));
    const baseUrl = this.env.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return rows.map((r) => {
      const view = toReportView(r, 'public', {
        attachments: attachments.filter((a) => a.reportId === r.id),
        viewer: undefined,
      });
      const category = categoryById.get(r.categoryId);
      return toServiceRequest(view, {
        serviceCode: category?.code ?? '',
        serviceName: category?.name ?? '',
        agencyName: r.agencyId ? (agencyName.get(r.agencyId) ?? null) : null,
        submittedMediaUrl: mediaUrl.get(r.id) ?? null,
        baseUrl,
        extensions,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { notFound, Page, PageQuery, toPage } from '@app/common';
import { Attachment, Db, Report, ReportEvent, sql } from '@app/database';
import { roundWorkingDays, workingLateness } from '@app/calendar';
import { CalendarService, CategoriesService } from '@app/reference';
import { aroundQueryBuilder } from './around-query-builder';
import { CENTRE_ROLES, hasAnyRole, publicEventData, type ReportStatus } from '@app/workflow';
import {
  NEED_INFO_OLDER_SQL,
  OFFICE_DAY_MINUTES,
  RETURNED_BY_SQL,
  RETURNED_SQL,
  SENT_BACK_SQL,
  type ReturnedByView,
} from './register-queues';
import { orderRegister, searchRegister, type StaffListSort } from './register-search';
import { overseesIn, ownOrOverseenSql } from './oversight';
import {
  accessLevel,
  AccessLevel,
  isStaffLevel,
  ReportView,
  toReportView,
  type AssigneeView,
  type ReporterIdentity,
} from './report-view.policy';

export interface StaffListFilter {
  status?: ReportStatus[];
  categoryId?: string;
  agencyId?: string;
  overdue?: boolean;
  q?: string;
  from?: Date;
  to?: Date;
  channel?: string;
  communeCode?: string;
  /** Reports of any of these reporters (a phone's caller record and its account). */
  reporterIds?: string[];
  /** Cases delegated to this officer; null: cases of the agency delegated to no one (docs/api.md#reports). */
  assigneeId?: string | null;
  /** The queues (docs/api.md#the-register-get-reports, register-queues.ts): true selects them, false leaves them out. */
  extensionPending?: boolean;
  returned?: boolean;
  sentBack?: boolean;
  reopened?: boolean;
  /** Escalation level of the current stage at least this (1–3). */
  minLevel?: number;
  /** Waiting for the citizen at least this many office working days. */
  needInfoOlderThan?: number;
  sort?: StaffListSort;
}

/** A queue flag as a condition: its SQL, or its negation for false. */
const flag = (on: boolean | undefined, condition: string) =>
  on === undefined ? null : on ? condition : `NOT ${condition}`;

/** The officer a case is delegated to, as staff see them, as SQL over `users a`. */
const ASSIGNEE = `json_build_object('id', a.id, 'fullName', a.full_name)`;

/** The reporter's identity as staff and the reporter see it (the policy decides who), as SQL over `users u`. */
const REPORTER_IDENTITY = `json_build_object('id', u.id, 'fullName', u.full_name, 'phone', u.phone)`;

/** Totals of lists are exact up to this many rows. */
export const COUNT_CAP = 10_000;

@Injectable()
export class ReportsQueryService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    private readonly categories: CategoriesService,
    private readonly calendars: CalendarService,
  ) {}

  /** Working days late in the case's own calendar, for the staff (docs/domain.md#working-time); null when not late. */
  private async overdueWorkingDays(report: Report, now: Date): Promise<number | null> {
    if (!report.dueAt || report.dueAt >= now) return null;
    const category = await this.categories.cached(report.categoryId);
    const calendar = await this.calendars.calendar(category?.calendar ?? 'office');
    return roundWorkingDays(workingLateness(calendar, report.dueAt, now).days);
  }

  async isFollowerIn(m: EntityManager, reportId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .fromManager(m)
      .selectFrom('reportFollowers')
      .select('reportId')
      .where('reportId', '=', reportId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async levelIn(m: EntityManager, report: Report, viewer: AuthUser | undefined): Promise<AccessLevel | null> {
    const oversees = await overseesIn(this.db.fromManager(m), viewer, report.agencyId);
    const level = accessLevel(report, viewer, false, oversees);
    if (viewer && (level === null || level === 'public') && (await this.isFollowerIn(m, report.id, viewer.id))) {
      return 'follower';
    }
    return level;
  }

  /**
   * The report as the viewer may see it. `fallback` is the level they had when they acted: an agency that
   * returns a case loses sight of it, but still gets the result of its own action back. `known.attachments`:
   * the caller already has them (a report just filed).
   */
  async viewIn(
    m: EntityManager,
    report: Report,
    viewer: AuthUser | undefined,
    fallback?: AccessLevel,
    known: { attachments?: Attachment[] } = {},
  ): Promise<ReportView> {
    const level = (await this.levelIn(m, report, viewer)) ?? fallback;
    if (!level) throw notFound('Report');
    const withReporter = report.reporterId !== null && level !== 'public' && level !== 'follower';
    const now = new Date();
    const [attachments, reporter, assignee, returnedBy, overdueWorkingDays] = await Promise.all([
      known.attachments
        ? [...known.attachments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        : m.find(Attachment, { where: { reportId: report.id }, order: { createdAt: 'ASC' } }),
      withReporter
        ? this.db
            .fromManager(m)
            .selectFrom('users as u')
            .select(sql<ReporterIdentity>`${sql.raw(REPORTER_IDENTITY)}`.as('reporter'))
            .where('u.id', '=', report.reporterId)
            .executeTakeFirst()
            .then((row) => row?.reporter ?? null)
        : null,
      report.assigneeId && isStaffLevel(level)
        ? this.db
            .fromManager(m)
            .selectFrom('users as a')
            .select(sql<AssigneeView>`${sql.raw(ASSIGNEE)}`.as('assignee'))
            .where('a.id', '=', report.assigneeId)
            .executeTakeFirst()
            .then((row) => row?.assignee ?? null)
        : null,
      report.status === 'received' && isStaffLevel(level)
        ? this.db
            .fromManager(m)
            .selectFrom('reports as r')
            .select(sql<ReturnedByView | null>`${sql.raw(RETURNED_BY_SQL)}`.as('returnedBy'))
            .where('r.id', '=', report.id)
            .executeTakeFirst()
            .then((row) => row?.returnedBy ?? null)
        : null,
      isStaffLevel(level) ? this.overdueWorkingDays(report, now) : null,
    ]);
    return toReportView(report, level, {
      attachments,
      viewer,
      reporter,
      assignee,
      returnedBy,
      overdueWorkingDays,
      now,
    });
  }

  view(report: Report, viewer: AuthUser | undefined, fallback?: AccessLevel): Promise<ReportView> {
    return this.viewIn(this.orm.manager, report, viewer, fallback);
  }

  /** A report as the viewer may see it; 404 when they may not see it at all. */
  async get(id: string, viewer: AuthUser | undefined): Promise<ReportView> {
    const report = await this.orm.manager.findOneBy(Report, { id });
    if (!report) throw notFound('Report');
    return this.view(report, viewer);
  }

  /**
   * Staff list: the register of all cases (docs/api.md#the-register-get-reports). Agency staff see their own
   * agency's cases only, whatever filter they send. `totalExact` is false when `total` is a lower bound.
   */
  async listForStaff(
    viewer: AuthUser,
    filter: StaffListFilter,
    page: PageQuery,
  ): Promise<Page<ReportView> & { totalExact: boolean }> {
    const qb = this.orm.manager.getRepository(Report).createQueryBuilder('r');
    const centre = hasAnyRole(viewer.roles, CENTRE_ROLES);
    if (!centre)
      qb.andWhere(ownOrOverseenSql(viewer), { own: viewer.agencyId ?? '00000000-0000-0000-0000-000000000000' });
    const level = centre ? 'centre' : 'agency';
    this.applyFilter(qb, filter);
    const search = filter.q ? await searchRegister(this.db.kysely, qb, filter.q, level, filter.sort, page) : {};
    // Each report with its reporter's identity, in the page's one statement.
    qb.addSelect(`(SELECT ${REPORTER_IDENTITY} FROM users u WHERE u.id = r.reporter_id)`, 'reporter');
    qb.addSelect(`(SELECT ${ASSIGNEE} FROM users a WHERE a.id = r.assignee_id)`, 'assignee');
    qb.addSelect(RETURNED_BY_SQL, 'returnedBy');
    // A search may have chosen the page itself (searchRegister); otherwise page and count as every list.
    const [{ entities, raw }, total] =
      search.total === undefined
        ? await this.pageOf(qb, page, (q) => q.getRawAndEntities())
        : [await qb.getRawAndEntities(), search.total];
    const now = new Date();
    const late = await Promise.all(entities.map((r) => this.overdueWorkingDays(r, now)));
    // Without joins TypeORM returns one raw row per entity, in the same order.
    return {
      ...toPage(
        entities.map((r, i) =>
          toReportView(r, level, {
            viewer,
            reporter: raw[i].reporter,
            assignee: raw[i].assignee,
            returnedBy: raw[i].returnedBy,
            overdueWorkingDays: late[i],
            now,
          }),
        ),
        total,
        page,
      ),
      totalExact: search.totalExact ?? total < COUNT_CAP,
    };
  }

  /** The citizen's own reports and the ones they follow. */
  async mine(viewer: AuthUser, page: PageQuery): Promise<Page<ReportView>> {
    const qb = this.orm.manager
      .getRepository(Report)
      .createQueryBuilder('r')
      .where(
        new Brackets((w) =>
          w
            .where('r.reporter_id = :me')
            .orWhere('r.id IN (SELECT report_id FROM report_followers WHERE user_id = :me)'),
        ),
      )
      .setParameter('me', viewer.id)
      .orderBy('r.created_at', 'DESC');
    const [rows, total] = await this.pageOf(qb, page);
    const items = rows.map((r) => toReportView(r, r.reporterId === viewer.id ? 'reporter' : 'follower', { viewer }));
    return toPage(items, total, page);
  }

  async timeline(id: string, viewer: AuthUser | undefined) {
    const report = await this.orm.manager.findOneBy(Report, { id });
    if (!report) throw notFound('Report');
    const level = await this.levelIn(this.orm.manager, report, viewer);
    if (!level) throw notFound('Report');
    const staff = isStaffLevel(level);
    const events = await this.orm.manager.find(ReportEvent, {
      where: staff ? { reportId: id } : { reportId: id, internal: false },
      order: { seq: 'ASC' },
    });
    const published = level === 'public' || level === 'follower';
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      // Staff see who acted; citizens see the role that acted, not the officer's identity.
      actor: { id: staff ? e.actorId : null, roles: e.actorRoles },
      internal: e.internal,
      data: published ? publicEventData(e) : e.data,
      at: e.createdAt,
    }));
  }

  /**
   * One page and its total. The total is counted separately with a plain COUNT(*) over at most COUNT_CAP rows:
   * TypeORM's getManyAndCount counts DISTINCT ids, which reads every matching row (seconds on an archive of a
   * million reports) to show twenty; past the cap, "10,000" is as useful to a person as the exact figure.
   */
  private async pageOf<T = Report[]>(
    qb: SelectQueryBuilder<Report>,
    page: PageQuery,
    fetch: (q: SelectQueryBuilder<Report>) => Promise<T> = (q) => q.getMany() as Promise<T>,
  ): Promise<[T, number]> {
    const capped = qb.clone().orderBy().select('1').offset(undefined).limit(COUNT_CAP);
    // Two pooled connections at once: the page and its total do not wait for each other.
    const [rows, [{ n }]] = await Promise.all([
      fetch(qb.clone().offset(page.offset).limit(page.pageSize)),
      aroundQueryBuilder<{ n: number }>(
        this.db.kysely,
        capped,
        (inner) => `SELECT count(*)::int AS n FROM (${inner}) capped`,
      ),
    ]);
    return [rows, n];
  }

  private applyFilter(qb: SelectQueryBuilder<Report>, f: StaffListFilter): void {
    if (f.status?.length) qb.andWhere('r.status IN (:...status)', { status: f.status });
    if (f.categoryId) qb.andWhere('r.category_id = :categoryId', { categoryId: f.categoryId });
    if (f.agencyId) qb.andWhere('r.agency_id = :agencyId', { agencyId: f.agencyId });
    if (f.channel) qb.andWhere('r.channel = :channel', { channel: f.channel });
    if (f.communeCode) qb.andWhere('r.commune_code = :communeCode', { communeCode: f.communeCode });
    if (f.reporterIds) qb.andWhere('r.reporter_id IN (:...reporterIds)', { reporterIds: f.reporterIds });
    if (f.assigneeId) qb.andWhere('r.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.assigneeId === null) qb.andWhere('r.assignee_id IS NULL');
    if (f.overdue === true) qb.andWhere('r.due_at < now()');
    if (f.overdue === false) qb.andWhere('(r.due_at IS NULL OR r.due_at >= now())');
    if (f.from) qb.andWhere('r.created_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('r.created_at < :to', { to: f.to });
    const queues = [
      flag(f.extensionPending, 'r.extension_request IS NOT NULL'),
      flag(f.returned, RETURNED_SQL),
      flag(f.sentBack, SENT_BACK_SQL),
      flag(f.reopened, 'r.reopened'),
    ];
    for (const condition of queues) if (condition) qb.andWhere(condition);
    if (f.minLevel) qb.andWhere('r.escalation_level >= :minLevel', { minLevel: f.minLevel });
    if (f.needInfoOlderThan) {
      qb.andWhere(NEED_INFO_OLDER_SQL, { needInfoMinutes: f.needInfoOlderThan * OFFICE_DAY_MINUTES });
    }
    orderRegister(qb, f.sort);
  }
}

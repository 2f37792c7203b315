import { Injectable } from '@nestjs/common';
import { AuthUser, hasRole } from '@app/auth';
import { roundWorkingDays, workingLateness, type CalendarKind } from '@app/calendar';
import { forbidden, notFound, Page, PageQuery, toPage } from '@app/common';
import { Db, sql } from '@app/database';
import { CalendarService } from '@app/reference';
import { OVERSIGHT_ROLES } from '@app/workflow';

/** Statuses in which a passed deadline means the case is late (need_info pauses the clock; the rest are done). */
export const OVERDUE_STATUSES = ['received', 'assigned', 'in_progress', 'pending_review'] as const;
const CALENDAR_KINDS: CalendarKind[] = ['office', '24x7'];
const EXCERPT_LENGTH = 160;

export type OverdueSort = 'overdue_desc' | 'due_asc';

export interface OverdueFilter {
  agencyId?: string;
  /** With `agencyId`: that agency's cases and those of every agency under it (an agency leader's own list). */
  withUnits?: boolean;
  /** Minimum escalation level: 2 is "the leadership list" (levels 2 and 3), 3 the reminder-letter cases. */
  level?: number;
  categoryId?: string;
  sort?: OverdueSort;
}

export interface OverdueCase {
  reportId: string;
  code: string;
  /** The report's title, or an excerpt of its description when it has none. Citizen text: escape on output. */
  title: string;
  status: string;
  agencyId: string | null;
  agencyName: string | null;
  categoryId: string;
  dueAt: Date;
  escalationLevel: number;
  overdueWorkingMinutes: number;
  /** Minutes over the category calendar's working day (450 office, 1440 for 24x7), one decimal. */
  overdueWorkingDays: number;
}

type LateCases = ReturnType<OverdueService['late']>;

interface Candidate {
  id: string;
  dueAt: Date;
  minutes: number;
  days: number;
}

/**
 * Which agency's cases `viewer` may see in overdue lists and letters: undefined = every agency. Oversight roles
 * see all; an agency leader only their own agency, and another agency's id answers 404 so ids cannot be probed.
 */
export function overdueScope(viewer: AuthUser | undefined, agencyId?: string): string | undefined {
  if (hasRole(viewer, ...OVERSIGHT_ROLES)) return agencyId;
  if (viewer && hasRole(viewer, 'agency_leader') && viewer.agencyId) {
    if (agencyId && agencyId !== viewer.agencyId) throw notFound('Agency');
    return viewer.agencyId;
  }
  throw forbidden();
}

/** An agency and every agency under it, as a subquery of ids (docs/domain.md#agency-tree). */
const agencySubtree = (rootId: string) => sql`(WITH RECURSIVE down(id) AS (
    SELECT ${rootId}::uuid UNION SELECT a.id FROM agencies a JOIN down ON a.parent_id = down.id
  ) SELECT id FROM down)`;

export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Cases late right now, with how late they are in WORKING time of their category's calendar. SQL filters and
 * pages (reports_due_open_idx); the working-time arithmetic runs in JS on as few rows as the order allows.
 */
@Injectable()
export class OverdueService {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarService,
  ) {}

  /**
   * The overdue list. An agency leader's covers their agency and every agency under it (oversight,
   * docs/domain.md#agency-tree); naming one of those narrows to it, naming any other is 404.
   */
  async list(filter: OverdueFilter, viewer: AuthUser, page: PageQuery, now = new Date()): Promise<Page<OverdueCase>> {
    const scope = await this.scope(viewer, filter.agencyId);
    const { items, total } = await this.find({ ...filter, ...scope }, now, page.offset, page.pageSize);
    return toPage(items, total, page);
  }

  /**
   * Which cases the viewer's overdue list and letters cover (overdueScope, widened by the agency tree): an agency
   * leader's, their agency and every agency under it, or the one of those named (else 404).
   */
  async scope(viewer: AuthUser, named: string | undefined): Promise<{ agencyId?: string; withUnits: boolean }> {
    const own = !hasRole(viewer, ...OVERSIGHT_ROLES) && hasRole(viewer, 'agency_leader') ? viewer.agencyId : null;
    if (!own) return { agencyId: overdueScope(viewer, named), withUnits: false };
    if (!named) return { agencyId: own, withUnits: true };
    if (named === own || (await this.isUnder(named, own))) return { agencyId: named, withUnits: false };
    throw notFound('Agency');
  }

  /** Whether `agencyId` is below `ancestorId` in the agency tree. */
  private async isUnder(agencyId: string, ancestorId: string): Promise<boolean> {
    const row = await this.db.kysely
      .selectNoFrom(sql<boolean>`${agencyId}::uuid IN ${agencySubtree(ancestorId)}`.as('under'))
      .executeTakeFirstOrThrow();
    return row.under;
  }

  /** Every overdue case of one agency (most overdue first), for its reminder letter; no authorisation here. */
  async forAgency(agencyId: string, minLevel: number | undefined, now: Date, limit = 500): Promise<OverdueCase[]> {
    return (await this.find({ agencyId, level: minLevel }, now, 0, limit)).items;
  }

  private async find(
    filter: OverdueFilter,
    now: Date,
    offset: number,
    limit: number,
  ): Promise<{ items: OverdueCase[]; total: number }> {
    const late = this.late(filter, now);
    const { total } = await late.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    if (total === 0 || offset >= total) return { items: [], total };
    const page =
      filter.sort === 'due_asc'
        ? await this.pageByDueAt(late, offset, limit)
        : await this.pageByLateness(late, now, offset, limit);
    return { items: await this.details(page, now), total };
  }

  /** The late cases matching the filter (reports r joined to their category c), for the statements below. */
  private late(filter: OverdueFilter, now: Date) {
    // `now` is a parameter, not SQL now(): the set of late cases and their lateness must agree on one instant.
    return this.db.kysely
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.categoryId')
      .where('r.status', 'in', OVERDUE_STATUSES)
      .where('r.dueAt', 'is not', null)
      .where('r.dueAt', '<', now)
      .$if(!!filter.agencyId && !filter.withUnits, (q) => q.where('r.agencyId', '=', filter.agencyId!))
      .$if(!!filter.agencyId && !!filter.withUnits, (q) =>
        q.where(sql<boolean>`r.agency_id IN ${agencySubtree(filter.agencyId!)}`),
      )
      .$if(!!filter.categoryId, (q) => q.where('r.categoryId', '=', filter.categoryId!))
      .$if(!!filter.level, (q) => q.where('r.escalationLevel', '>=', filter.level!));
  }

  private async pageByDueAt(late: LateCases, offset: number, limit: number): Promise<string[]> {
    const rows = await late.select('r.id').orderBy('r.dueAt').orderBy('r.id').offset(offset).limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Most overdue first, in working DAYS (a 24x7 case two days late outranks an office case one day late, though
   * it has fewer "office" minutes). Within one calendar lateness only grows as due_at gets earlier, so the first
   * offset+limit rows by due_at of each calendar contain the page: merge those, sort exactly, slice.
   */
  private async pageByLateness(late: LateCases, now: Date, offset: number, limit: number): Promise<string[]> {
    const take = offset + limit;
    // Each branch ordered and limited on its own (the sql tag puts each in parentheses; a builder's union would not).
    const perCalendar = CALENDAR_KINDS.map((kind) =>
      late
        .select(['r.id', 'r.dueAt', 'c.calendar'])
        .where('c.calendar', '=', kind)
        .orderBy('r.dueAt')
        .orderBy('r.id')
        .limit(take),
    );
    const { rows } = await sql<{ id: string; dueAt: Date; calendar: CalendarKind }>`${sql.join(
      perCalendar,
      sql` UNION ALL `,
    )}`.execute(this.db.kysely);
    const candidates: Candidate[] = [];
    for (const row of rows)
      candidates.push({ id: row.id, dueAt: row.dueAt, ...(await this.lateness(row.calendar, row.dueAt, now)) });
    candidates.sort((a, b) => b.days - a.days || a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
    return candidates.slice(offset, take).map((c) => c.id);
  }

  private async lateness(kind: CalendarKind, dueAt: Date, now: Date): Promise<{ minutes: number; days: number }> {
    return workingLateness(await this.calendars.calendar(kind), dueAt, now);
  }

  /** The page's rows in the given order, with the agency's name and the lateness figures. */
  private async details(ids: string[], now: Date): Promise<OverdueCase[]> {
    const rows = await this.db.kysely
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.categoryId')
      .leftJoin('agencies as a', 'a.id', 'r.agencyId')
      .select(['r.id', 'r.code', 'r.title', 'r.description', 'r.status', 'r.agencyId', 'a.name as agencyName'])
      .select(['r.categoryId', 'c.calendar', 'r.dueAt', 'r.escalationLevel'])
      .where((eb) => eb('r.id', '=', eb.fn.any(eb.val(ids))))
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items: OverdueCase[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue; // deleted between the two queries: nothing to show
      const { minutes, days } = await this.lateness(r.calendar, r.dueAt!, now);
      items.push({
        reportId: r.id,
        code: r.code,
        title: r.title?.trim() || excerpt(r.description),
        status: r.status,
        agencyId: r.agencyId,
        agencyName: r.agencyName,
        categoryId: r.categoryId,
        dueAt: r.dueAt!,
        escalationLevel: r.escalationLevel,
        overdueWorkingMinutes: Math.round(minutes),
        overdueWorkingDays: roundWorkingDays(days),
      });
    }
    return items;
  }
}

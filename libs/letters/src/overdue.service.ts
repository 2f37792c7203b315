import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole } from '@app/auth';
import type { CalendarKind } from '@app/calendar';
import { forbidden, notFound, Page, PageQuery, toPage } from '@app/common';
import { CalendarService } from '@app/reference';
import { OVERSIGHT_ROLES } from '@app/workflow';

/** Statuses in which a passed deadline means the case is late (need_info pauses the clock; the rest are done). */
export const OVERDUE_STATUSES = ['received', 'assigned', 'in_progress', 'pending_review'] as const;
const CALENDAR_KINDS: CalendarKind[] = ['office', '24x7'];
const EXCERPT_LENGTH = 160;

export type OverdueSort = 'overdue_desc' | 'due_asc';

export interface OverdueFilter {
  agencyId?: string;
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  async list(filter: OverdueFilter, viewer: AuthUser, page: PageQuery, now = new Date()): Promise<Page<OverdueCase>> {
    const agencyId = overdueScope(viewer, filter.agencyId);
    const { items, total } = await this.find({ ...filter, agencyId }, now, page.offset, page.pageSize);
    return toPage(items, total, page);
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
    // `now` is a parameter, not SQL now(): the set of late cases and their lateness must agree on one instant.
    const params: unknown[] = [OVERDUE_STATUSES, now];
    const where = [`r.status = ANY($1::text[])`, `r.due_at IS NOT NULL`, `r.due_at < $2`];
    if (filter.agencyId) where.push(`r.agency_id = $${params.push(filter.agencyId)}`);
    if (filter.categoryId) where.push(`r.category_id = $${params.push(filter.categoryId)}`);
    if (filter.level) where.push(`r.escalation_level >= $${params.push(filter.level)}`);
    const from = `FROM reports r JOIN categories c ON c.id = r.category_id WHERE ${where.join(' AND ')}`;

    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    if (total === 0 || offset >= total) return { items: [], total };
    const page =
      filter.sort === 'due_asc'
        ? await this.pageByDueAt(from, params, offset, limit)
        : await this.pageByLateness(from, params, now, offset, limit);
    return { items: await this.details(page, now), total };
  }

  private async pageByDueAt(from: string, params: unknown[], offset: number, limit: number): Promise<string[]> {
    const n = params.length;
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT r.id ${from} ORDER BY r.due_at, r.id OFFSET $${n + 1} LIMIT $${n + 2}`,
      [...params, offset, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Most overdue first, in working DAYS (a 24x7 case two days late outranks an office case one day late, though
   * it has fewer "office" minutes). Within one calendar lateness only grows as due_at gets earlier, so the first
   * offset+limit rows by due_at of each calendar contain the page: merge those, sort exactly, slice.
   */
  private async pageByLateness(
    from: string,
    params: unknown[],
    now: Date,
    offset: number,
    limit: number,
  ): Promise<string[]> {
    const take = offset + limit;
    const n = params.length;
    const perCalendar = CALENDAR_KINDS.map(
      (_, i) =>
        `(SELECT r.id, r.due_at, c.calendar ${from} AND c.calendar = $${n + 2 + i} ORDER BY r.due_at, r.id LIMIT $${n + 1})`,
    );
    const rows: Array<{ id: string; due_at: Date; calendar: CalendarKind }> = await this.db.query(
      perCalendar.join(' UNION ALL '),
      [...params, take, ...CALENDAR_KINDS],
    );
    const candidates: Candidate[] = [];
    for (const row of rows)
      candidates.push({ id: row.id, dueAt: row.due_at, ...(await this.lateness(row.calendar, row.due_at, now)) });
    candidates.sort((a, b) => b.days - a.days || a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
    return candidates.slice(offset, take).map((c) => c.id);
  }

  private async lateness(kind: CalendarKind, dueAt: Date, now: Date): Promise<{ minutes: number; days: number }> {
    const calendar = await this.calendars.calendar(kind);
    const minutes = calendar.workingMinutesBetween(dueAt, now);
    return { minutes, days: minutes / calendar.workingMinutesPerDay };
  }

  /** The page's rows in the given order, with the agency's name and the lateness figures. */
  private async details(ids: string[], now: Date): Promise<OverdueCase[]> {
    const rows: Array<{
      id: string;
      code: string;
      title: string | null;
      description: string;
      status: string;
      agency_id: string | null;
      agency_name: string | null;
      category_id: string;
      calendar: CalendarKind;
      due_at: Date;
      escalation_level: number;
    }> = await this.db.query(
      `SELECT r.id, r.code, r.title, r.description, r.status, r.agency_id, a.name AS agency_name, r.category_id,
              c.calendar, r.due_at, r.escalation_level
         FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id
        WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items: OverdueCase[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue; // deleted between the two queries: nothing to show
      const { minutes, days } = await this.lateness(r.calendar, r.due_at, now);
      items.push({
        reportId: r.id,
        code: r.code,
        title: r.title?.trim() || excerpt(r.description),
        status: r.status,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        categoryId: r.category_id,
        dueAt: r.due_at,
        escalationLevel: Number(r.escalation_level),
        overdueWorkingMinutes: Math.round(minutes),
        overdueWorkingDays: Math.round(days * 10) / 10,
      });
    }
    return items;
  }
}

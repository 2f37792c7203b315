import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { notFound, Page, PageQuery, toPage } from '@app/common';
import { Env } from '@app/config';
import { OVERDUE_STATUSES, OverdueService, overdueScope } from './overdue.service';
import { renderLetterHtml, ReminderLetter } from './reminder-letter';
import { weekStartOf } from './vietnamese-time';

/** docs/domain.md#reminder-letters: at escalation level 3 a case goes into the agency's formal reminder letter. */
export const LETTER_LEVEL = 3;

export interface PreparedLetterView {
  id: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  weekStart: string;
  caseIds: string[];
  caseCount: number;
  createdAt: Date;
}

@Injectable()
export class ReminderLettersService {
  private readonly log = new Logger(ReminderLettersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly overdue: OverdueService,
    private readonly env: Env,
  ) {}

  /**
   * The letter for one agency as of `now`: its overdue cases (at least `minLevel`, default all), most overdue
   * first. Same visibility as the overdue list; an unknown agency is 404.
   */
  async letterFor(
    agencyId: string,
    viewer: AuthUser,
    opts: { minLevel?: number } = {},
    now = new Date(),
  ): Promise<ReminderLetter> {
    overdueScope(viewer, agencyId);
    return this.build(agencyId, opts.minLevel, now);
  }

  /**
   * The weekly job: one letter per agency that has level-3 cases, keyed by the local Monday of the week.
   * Safe to run twice or on two workers at once: UNIQUE (agency_id, week_start) keeps the first letter.
   */
  async prepareWeekly(now = new Date()): Promise<{ weekStart: string; created: number; existing: number }> {
    const weekStart = weekStartOf(now);
    const agencies: Array<{ agency_id: string; prepared: boolean }> = await this.db.query(
      `SELECT DISTINCT r.agency_id,
              EXISTS (SELECT 1 FROM reminder_letters l WHERE l.agency_id = r.agency_id AND l.week_start = $4) AS prepared
         FROM reports r
        WHERE r.status = ANY($1::text[]) AND r.due_at < $2 AND r.escalation_level >= $3 AND r.agency_id IS NOT NULL`,
      [OVERDUE_STATUSES, now, LETTER_LEVEL, weekStart],
    );
    let created = 0;
    let existing = 0;
    for (const { agency_id: agencyId, prepared } of agencies) {
      // Checked first only to skip rendering; the unique key is what guarantees one letter per week.
      if (prepared) {
        existing++;
        continue;
      }
      const letter = await this.build(agencyId, LETTER_LEVEL, now);
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO reminder_letters (agency_id, week_start, case_ids, html) VALUES ($1, $2, $3::uuid[], $4)
         ON CONFLICT (agency_id, week_start) DO NOTHING RETURNING id`,
        [agencyId, weekStart, letter.cases.map((c) => c.reportId), renderLetterHtml(letter)],
      );
      if (inserted.length) created++;
      else existing++;
    }
    if (created) this.log.log(`prepared ${created} reminder letter(s) for the week of ${weekStart}`);
    return { weekStart, created, existing };
  }

  /** Letters prepared by the weekly job, newest week first. */
  async listPrepared(filter: { agencyId?: string }, page: PageQuery): Promise<Page<PreparedLetterView>> {
    const params: unknown[] = [];
    const where = filter.agencyId ? `WHERE l.agency_id = $${params.push(filter.agencyId)}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM reminder_letters l ${where}`, params);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT l.id, l.agency_id, a.code AS agency_code, a.name AS agency_name, l.week_start::text AS week_start,
              l.case_ids, l.created_at
         FROM reminder_letters l JOIN agencies a ON a.id = l.agency_id ${where}
        ORDER BY l.week_start DESC, a.name, l.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, page.offset],
    );
    const items = rows.map((r) => ({
      id: r.id as string,
      agencyId: r.agency_id as string,
      agencyCode: r.agency_code as string,
      agencyName: r.agency_name as string,
      weekStart: r.week_start as string,
      caseIds: r.case_ids as string[],
      caseCount: (r.case_ids as string[]).length,
      createdAt: r.created_at as Date,
    }));
    return toPage(items, total, page);
  }

  /** The stored HTML of a prepared letter, exactly as it was prepared that week. */
  async preparedHtml(id: string): Promise<{ html: string; agencyCode: string; weekStart: string }> {
    const [row] = await this.db.query(
      `SELECT l.html, a.code AS agency_code, l.week_start::text AS week_start
         FROM reminder_letters l JOIN agencies a ON a.id = l.agency_id WHERE l.id = $1`,
      [id],
    );
    if (!row) throw notFound('Reminder letter');
    return { html: row.html, agencyCode: row.agency_code, weekStart: row.week_start };
  }

  private async build(agencyId: string, minLevel: number | undefined, now: Date): Promise<ReminderLetter> {
    const [agency] = await this.db.query(`SELECT id, code, name FROM agencies WHERE id = $1`, [agencyId]);
    if (!agency) throw notFound('Agency');
    const cases = await this.overdue.forAgency(agencyId, minLevel, now);
    return { provinceName: this.env.PROVINCE_NAME, agency, cases, issuedAt: now };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { notFound, Page, PageQuery, toPage } from '@app/common';
import { Env } from '@app/config';
import { Db, sql } from '@app/database';
import { OVERDUE_STATUSES, OverdueService } from './overdue.service';
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
    private readonly db: Db,
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
    await this.overdue.scope(viewer, agencyId);
    return this.build(agencyId, opts.minLevel, now);
  }

  /**
   * The weekly job: one letter per agency that has level-3 cases, keyed by the local Monday of the week.
   * Safe to run twice or on two workers at once: UNIQUE (agency_id, week_start) keeps the first letter.
   */
  async prepareWeekly(now = new Date()): Promise<{ weekStart: string; created: number; existing: number }> {
    const weekStart = weekStartOf(now);
    const agencies = await this.db.kysely
      .selectFrom('reports as r')
      .select((eb) => [
        'r.agencyId',
        eb
          .exists(
            eb
              .selectFrom('reminderLetters as l')
              .select('l.id')
              .whereRef('l.agencyId', '=', 'r.agencyId')
              .where('l.weekStart', '=', sql<Date>`${weekStart}::date`),
          )
          .as('prepared'),
      ])
      .distinct()
      .where('r.status', 'in', OVERDUE_STATUSES)
      .where('r.dueAt', '<', now)
      .where('r.escalationLevel', '>=', LETTER_LEVEL)
      .where('r.agencyId', 'is not', null)
      .execute();
    let created = 0;
    let existing = 0;
    for (const { agencyId, prepared } of agencies) {
      // Checked first only to skip rendering; the unique key is what guarantees one letter per week.
      if (prepared) {
        existing++;
        continue;
      }
      const letter = await this.build(agencyId!, LETTER_LEVEL, now);
      const inserted = await this.db.kysely
        .insertInto('reminderLetters')
        .values({
          agencyId: agencyId!,
          weekStart,
          caseIds: letter.cases.map((c) => c.reportId),
          html: renderLetterHtml(letter),
        })
        .onConflict((oc) => oc.columns(['agencyId', 'weekStart']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) created++;
      else existing++;
    }
    if (created) this.log.log(`prepared ${created} reminder letter(s) for the week of ${weekStart}`);
    return { weekStart, created, existing };
  }

  /**
   * Prepared letters not yet emailed to agencies that have an address (docs/channels.md#email), each rebuilt for
   * its PDF with the cases it was prepared with.
   */
  async awaitingEmail(
    now = new Date(),
  ): Promise<Array<{ id: string; email: string; weekStart: string; letter: ReminderLetter }>> {
    const rows = await this.db.kysely
      .selectFrom('reminderLetters as l')
      .innerJoin('agencies as a', 'a.id', 'l.agencyId')
      .select(['l.id', 'l.agencyId', 'l.caseIds', 'a.email', sql<string>`l.week_start::text`.as('weekStart')])
      .where('l.emailedAt', 'is', null)
      .where('a.email', 'is not', null)
      .orderBy('l.createdAt')
      .execute();
    const out = [];
    for (const r of rows) {
      const letter = await this.build(r.agencyId, LETTER_LEVEL, now);
      const prepared = new Set(r.caseIds);
      letter.cases = letter.cases.filter((c) => prepared.has(c.reportId));
      out.push({ id: r.id, email: r.email!, weekStart: r.weekStart, letter });
    }
    return out;
  }

  async markEmailed(id: string): Promise<void> {
    await this.db.kysely
      .updateTable('reminderLetters')
      .set({ emailedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Letters prepared by the weekly job, newest week first. */
  async listPrepared(filter: { agencyId?: string }, page: PageQuery): Promise<Page<PreparedLetterView>> {
    const letters = this.db.kysely
      .selectFrom('reminderLetters as l')
      .$if(!!filter.agencyId, (q) => q.where('l.agencyId', '=', filter.agencyId!));
    const { total } = await letters.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    const rows = await letters
      .innerJoin('agencies as a', 'a.id', 'l.agencyId')
      .select(['l.id', 'l.agencyId', 'a.code as agencyCode', 'a.name as agencyName', 'l.caseIds', 'l.createdAt'])
      .select(sql<string>`l.week_start::text`.as('weekStart'))
      .orderBy('l.weekStart', 'desc')
      .orderBy('a.name')
      .orderBy('l.id')
      .limit(page.pageSize)
      .offset(page.offset)
      .execute();
    const items = rows.map((r) => ({ ...r, caseCount: r.caseIds.length }));
    return toPage(items, total, page);
  }

  /** The stored HTML of a prepared letter, exactly as it was prepared that week. */
  async preparedHtml(id: string): Promise<{ html: string; agencyCode: string; weekStart: string }> {
    const row = await this.db.kysely
      .selectFrom('reminderLetters as l')
      .innerJoin('agencies as a', 'a.id', 'l.agencyId')
      .select(['l.html', 'a.code as agencyCode', sql<string>`l.week_start::text`.as('weekStart')])
      .where('l.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Reminder letter');
    return row;
  }

  private async build(agencyId: string, minLevel: number | undefined, now: Date): Promise<ReminderLetter> {
    const agency = await this.db.kysely
      .selectFrom('agencies')
      .select(['id', 'code', 'name'])
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency) throw notFound('Agency');
    const cases = await this.overdue.forAgency(agencyId, minLevel, now);
    return { provinceName: this.env.PROVINCE_NAME, agency, cases, issuedAt: now };
  }
}

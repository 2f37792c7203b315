import { Injectable, Logger } from '@nestjs/common';
import { Db, sql } from '@app/database';
import { excerpt } from '@app/workflow';
import { assignmentDigestText, reminderLetterMailText } from '../notification-texts';
import { Mailer } from './mailer.service';

/** A prepared reminder letter on its way to the agency's address, its PDF rendered. */
export interface LetterMail {
  email: string;
  agencyName: string;
  weekStart: string;
  fileName: string;
  pdf: Buffer;
}

/**
 * Email to agencies (docs/channels.md#email): the digest of the cases given to each agency since its last one,
 * and the weekly reminder letters as PDF attachments. Agencies without an address are left to the console.
 */
@Injectable()
export class AgencyMailService {
  private readonly log = new Logger(AgencyMailService.name);

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /**
   * One digest per agency with an address and new assignments since its watermark, which then moves to the last
   * assignment sent. Each agency's row is locked while its digest goes out, so two workers never send the same
   * one; a crash between sending and moving the watermark sends it again (at least once).
   */
  async sendDigests(now = new Date()): Promise<{ agencies: number; cases: number }> {
    if (!this.mailer.enabled) return { agencies: 0, cases: 0 };
    const agencies = await this.db.kysely
      .selectFrom('agencies')
      .select('id')
      .where('email', 'is not', null)
      .where('isActive', '=', true)
      .execute();
    let sent = 0;
    let cases = 0;
    for (const { id } of agencies) {
      const n = await this.db.transaction(async (trx) => {
        const agency = await trx
          .selectFrom('agencies')
          .select(['name', 'email'])
          .where('id', '=', id)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!agency?.email) return 0;
        const rows = await trx
          .selectFrom('reportEvents as e')
          .innerJoin('reports as r', 'r.id', 'e.reportId')
          .select(['r.code', 'r.title', 'r.description', 'r.dueAt'])
          // Timestamps stay in SQL: a Date drops the microseconds, and the watermark would let the last case in again.
          .select(sql<string>`e.created_at::text`.as('at'))
          .where('e.type', 'in', ['report.assigned', 'report.reassigned'])
          .where(sql<boolean>`e.data->>'agencyId' = ${id}`)
          .where(sql<boolean>`e.created_at > (SELECT a.digest_sent_at FROM agencies a WHERE a.id = ${id})`)
          .where('e.createdAt', '<=', now)
          .orderBy('e.createdAt')
          .execute();
        if (!rows.length) return 0;
        const text = assignmentDigestText(
          agency.name,
          rows.map((r) => ({ code: r.code, excerpt: excerpt(r.title || r.description, 100), dueAt: r.dueAt })),
        );
        await this.mailer.send({ to: agency.email, subject: text.title, text: text.body });
        await trx
          .updateTable('agencies')
          .set({ digestSentAt: sql<Date>`${rows.at(-1)!.at}::timestamptz` })
          .where('id', '=', id)
          .execute();
        return rows.length;
      });
      if (n) {
        sent++;
        cases += n;
      }
    }
    if (sent) this.log.log(`assignment digests: ${sent} agenc(ies), ${cases} case(s)`);
    return { agencies: sent, cases };
  }

  /** One reminder letter, the PDF attached. */
  async sendLetter(letter: LetterMail): Promise<void> {
    const text = reminderLetterMailText(letter.agencyName, letter.weekStart);
    await this.mailer.send({
      to: letter.email,
      subject: text.title,
      text: text.body,
      attachments: [{ filename: letter.fileName, content: letter.pdf, contentType: 'application/pdf' }],
    });
  }
}

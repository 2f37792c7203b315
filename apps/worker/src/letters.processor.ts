import { Process, Processor } from '@nestjs/bull';
import { letterFileName, ReminderLettersService, renderLetterPdf } from '@app/letters';
import { AgencyMailService } from '@app/notifications';
import { JOBS, QUEUES } from '@app/queue';

/**
 * The weekly reminder letters, then each one not yet emailed to its agency's address as a PDF (when email is on);
 * running it twice in a week is harmless (one letter per agency and week, each emailed once).
 */
@Processor(QUEUES.maintenance)
export class LettersProcessor {
  constructor(
    private readonly letters: ReminderLettersService,
    private readonly mail: AgencyMailService,
  ) {}

  @Process(JOBS.prepareReminderLetters)
  async prepareReminderLetters(): Promise<{ weekStart: string; created: number; existing: number; emailed: number }> {
    const prepared = await this.letters.prepareWeekly();
    let emailed = 0;
    if (this.mail.enabled) {
      for (const { id, email, weekStart, letter } of await this.letters.awaitingEmail()) {
        await this.mail.sendLetter({
          email,
          agencyName: letter.agency.name,
          weekStart,
          fileName: letterFileName(letter.agency.code, weekStart, 'pdf').utf8,
          pdf: await renderLetterPdf(letter),
        });
        await this.letters.markEmailed(id);
        emailed++;
      }
    }
    return { ...prepared, emailed };
  }

  /** The digest of new assignments to each agency with an email address. */
  @Process(JOBS.sendAssignmentDigests)
  sendAssignmentDigests(): Promise<{ agencies: number; cases: number }> {
    return this.mail.sendDigests();
  }
}

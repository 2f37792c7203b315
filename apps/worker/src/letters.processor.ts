import { Process, Processor } from '@nestjs/bull';
import { ReminderLettersService } from '@app/letters';
import { JOBS, QUEUES } from '@app/queue';

/** The weekly reminder letters; running it twice in a week is harmless (one letter per agency and week). */
@Processor(QUEUES.maintenance)
export class LettersProcessor {
  constructor(private readonly letters: ReminderLettersService) {}

  @Process(JOBS.prepareReminderLetters)
  prepareReminderLetters(): Promise<{ weekStart: string; created: number; existing: number }> {
    return this.letters.prepareWeekly();
  }
}

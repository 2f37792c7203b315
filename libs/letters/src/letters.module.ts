import { Module } from '@nestjs/common';
import { ReferenceModule } from '@app/reference';
import { OverdueService } from './overdue.service';
import { ReminderLettersService } from './reminder-letters.service';

/** Leadership's overdue list and the reminder letters (văn bản đôn đốc); used by the API and the worker. */
@Module({
  imports: [ReferenceModule],
  providers: [OverdueService, ReminderLettersService],
  exports: [OverdueService, ReminderLettersService],
})
export class LettersModule {}

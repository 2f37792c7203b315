import { Module } from '@nestjs/common';
import { AttachmentsModule } from '@app/attachments';
import { DuplicatesModule } from '@app/duplicates';
import { ReferenceModule } from '@app/reference';
import { ReportsModule } from '@app/reports';
import { ZaloApiModule } from './zalo-api.module';
import { ZaloConversationsService } from './zalo-conversations.service';
import { ZaloProcessor } from './zalo.processor';
import { ZaloWebhookService } from './zalo-webhook.service';

/** The Zalo intake: the webhook's verification and queue (api), the conversations (worker). */
@Module({
  imports: [ZaloApiModule, ReportsModule, AttachmentsModule, DuplicatesModule, ReferenceModule],
  providers: [ZaloWebhookService, ZaloConversationsService],
  exports: [ZaloWebhookService, ZaloConversationsService, ZaloApiModule],
})
export class ZaloModule {}

/** The worker's Zalo: the intake plus the processor of its queue. */
@Module({ imports: [ZaloModule], providers: [ZaloProcessor] })
export class ZaloWorkerModule {}

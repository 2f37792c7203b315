import { Process, Processor } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS, QUEUES } from '@app/queue';
import { ZaloApi } from './zalo-api';
import { ZaloConversationsService } from './zalo-conversations.service';
import type { ZaloEvent } from './zalo-events';

/** The worker's half of the Zalo intake: one conversation step per webhook event (retried with backoff). */
@Processor(QUEUES.zalo)
export class ZaloProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ZaloProcessor.name);

  constructor(
    private readonly conversations: ZaloConversationsService,
    private readonly zalo: ZaloApi,
  ) {}

  onApplicationBootstrap(): void {
    if (this.zalo.enabled) this.logger.log(`Zalo OA ON${this.zalo.znsTemplate ? ', ZNS ON' : ''}`);
    else this.logger.log('Zalo OA OFF: ZALO_APP_ID and the other ZALO_* variables are not set');
  }

  @Process({ name: JOBS.zaloEvent, concurrency: 4 })
  async handle(job: Job<ZaloEvent>): Promise<void> {
    await this.conversations.handle(job.data);
  }
}

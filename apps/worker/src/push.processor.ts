import { Process, Processor } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { PushService, type PushOutcome } from '@app/notifications';
import { JOBS, QUEUES, type SendPushJob } from '@app/queue';

/**
 * FCM sends. Dead tokens are deleted by the service; retryable failures make the job throw, so Bull retries it
 * with exponential backoff (5 attempts), for the failed devices only.
 */
@Processor(QUEUES.push)
export class PushProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PushProcessor.name);

  constructor(private readonly push: PushService) {}

  onApplicationBootstrap(): void {
    if (this.push.enabled) this.logger.log(`push notifications ON (FCM project ${this.push.projectId})`);
    else
      this.logger.warn(
        'push notifications OFF: FIREBASE_PROJECT_ID, FIREBASE_CLIENT_EMAIL and FIREBASE_PRIVATE_KEY are not set',
      );
  }

  @Process({ name: JOBS.sendPush, concurrency: 8 })
  async send(job: Job<SendPushJob>): Promise<PushOutcome> {
    const outcome = await this.push.deliver(job.data);
    for (const f of outcome.failed) this.logger.warn(`push to a device of ${job.data.userId} refused: ${f.code}`);
    if (outcome.retry.length) {
      // The next attempt reads the job's data again: narrow it to the devices that still need this message.
      await job.update({ ...job.data, tokens: outcome.retry });
      throw new Error(`FCM send failed for ${outcome.retry.length} device(s), will retry`);
    }
    return outcome;
  }
}

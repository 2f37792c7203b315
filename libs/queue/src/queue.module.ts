import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { Env } from '@app/config';
import { QueueDrain } from './queue-drain';
import { QUEUES } from './queues';

const queues = Object.values(QUEUES).map((name) => ({ name }));

/** Bull on Redis, shared by the API (which enqueues) and the worker (which processes). */
// Global: the Bull connection and queues are shared infrastructure, injected wherever a job is queued or processed.
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        url: env.REDIS_URL,
        prefix: `${env.REDIS_PREFIX}:bull`,
        settings: { lockDuration: env.JOB_LOCK_SECONDS * 1000, stalledInterval: env.JOB_LOCK_SECONDS * 1000 },
        defaultJobOptions: {
          removeOnComplete: 1000,
          removeOnFail: 5000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [QueueDrain],
  exports: [BullModule],
})
export class QueueModule {}

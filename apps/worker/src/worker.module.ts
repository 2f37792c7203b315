import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { privateLogOptions } from '@app/common';
import { ConfigModule, Env } from '@app/config';
import { AttachmentsModule } from '@app/attachments';
import { DatabaseModule } from '@app/database';
import { LettersModule } from '@app/letters';
import { QueueModule, RedisModule } from '@app/queue';
import { ReferenceModule } from '@app/reference';
import { ReportsModule } from '@app/reports';
import { StatsRollupsModule } from '@app/stats';
import { DeadlineProcessor } from './deadline.processor';
import { LettersProcessor } from './letters.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { RecurringJobs } from './recurring-jobs';
import { NotificationDeliveryModule } from '@app/notifications';
import { EventDispatchProcessor } from './event-dispatch.processor';
import { OutboxRelayProcessor, RecurringJobsOnReconnect } from './outbox-relay.processor';
import { DeliveryProcessor } from './delivery.processor';
import { DuplicatesModule } from '@app/duplicates';
import { ZaloWorkerModule } from '@app/zalo';

/** The worker: Bull processors and recurring-job registration, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        pinoHttp: { ...privateLogOptions, level: env.LOG_LEVEL, customProps: () => ({ service: 'worker' }) },
      }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
    ReferenceModule,
    ReportsModule,
    AttachmentsModule,
    LettersModule,
    NotificationDeliveryModule,
    DuplicatesModule,
    StatsRollupsModule,
    ZaloWorkerModule,
  ],
  providers: [
    MaintenanceProcessor,
    DeadlineProcessor,
    LettersProcessor,
    RecurringJobs,
    EventDispatchProcessor,
    OutboxRelayProcessor,
    DeliveryProcessor,
    RecurringJobsOnReconnect,
  ],
})
export class WorkerModule {}

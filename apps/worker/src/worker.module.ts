import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, Env } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule, RedisModule } from '@app/queue';

/** The worker: Bull processors and recurring-job registration, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ pinoHttp: { level: env.LOG_LEVEL, customProps: () => ({ service: 'worker' }) } }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
  ],
})
export class WorkerModule {}

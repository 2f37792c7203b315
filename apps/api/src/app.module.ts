import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard, AuthModule } from '@app/auth';
import { ConfigModule, Env } from '@app/config';
import { DatabaseModule } from '@app/database';
import type Redis from 'ioredis';
import { REDIS, RedisModule } from '@app/queue';
import { ReferenceModule } from '@app/reference';
import { AdminUsersController } from './admin/admin-users.controller';
import { AuthController } from './auth/auth.controller';
import { AdminReferenceController, ReferenceController } from './reference/reference.controller';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: loggerParams }),
    DatabaseModule,
    RedisModule,
    // Rate limits are counted in Redis so that several API processes share one budget per client.
    ThrottlerModule.forRootAsync({
      inject: [REDIS],
      useFactory: (redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: 600 }],
        storage: new ThrottlerStorageRedisService(redis),
      }),
    }),
    AuthModule,
    ReferenceModule,
    HealthModule,
  ],
  controllers: [AuthController, AdminUsersController, ReferenceController, AdminReferenceController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}

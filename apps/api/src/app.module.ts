import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard, AuthModule } from '@app/auth';
import { ConfigModule, Env } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LettersModule } from '@app/letters';
import type Redis from 'ioredis';
import { QueueModule, REDIS, RedisModule } from '@app/queue';
import { ReferenceModule } from '@app/reference';
import { ReportsModule } from '@app/reports';
import { AttachmentsModule } from '@app/attachments';
import { AttachmentsController } from './attachments/attachments.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { HotlineController } from './hotline/hotline.controller';
import { ReportsController } from './reports/reports.controller';
import { AuthController } from './auth/auth.controller';
import { MeController } from './auth/me.controller';
import { OidcController } from './auth/oidc.controller';
import { FirebaseAuthController } from './auth/firebase.controller';
import { AdminReferenceController, ReferenceController } from './reference/reference.controller';
import { RoutingRulesController } from './reference/routing-rules.controller';
import { AdminCommunesController, CommunesController } from './communes/communes.controller';
import { HealthModule } from './health/health.module';
import { OverdueController } from './leadership/overdue.controller';
import { RemindersController } from './leadership/reminders.controller';
import { loggerParams } from './logging';
import { failOpen, rateLimitTracker, throttlers } from './rate-limits';
import { NotificationsModule } from '@app/notifications';
import { DevicesController } from './notifications/devices.controller';
import { PreferencesController } from './notifications/preferences.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { RealtimeModule } from './realtime/realtime.module';
import { ConsoleModule } from './console/console.module';
import { PortalModule } from './portal/portal.module';
import { DuplicatesApiModule } from './duplicates/duplicates-api.module';
import { Open311ApiModule } from './open311/open311-api.module';
import { PublicApiModule } from './public/public-api.module';
import { StatsModule } from '@app/stats';
import { StatsController } from './stats/stats.controller';
import { ZaloApiHttpModule } from './zalo/zalo-api.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: loggerParams }),
    DatabaseModule,
    RedisModule,
    // Rate limits are counted in Redis so that several API processes share one budget per client.
    ThrottlerModule.forRootAsync({
      inject: [REDIS, Env],
      useFactory: (redis: Redis, env: Env) => ({
        throttlers: throttlers(env),
        getTracker: rateLimitTracker,
        storage: failOpen(new ThrottlerStorageRedisService(redis)),
      }),
    }),
    AuthModule,
    ReferenceModule,
    QueueModule,
    ReportsModule,
    AttachmentsModule,
    LettersModule,
    HealthModule,
    NotificationsModule,
    RealtimeModule,
    ConsoleModule,
    PortalModule,
    DuplicatesApiModule,
    Open311ApiModule,
    PublicApiModule,
    StatsModule,
    ZaloApiHttpModule,
  ],
  controllers: [
    AuthController,
    MeController,
    AdminUsersController,
    ReferenceController,
    AdminReferenceController,
    RoutingRulesController,
    CommunesController,
    AdminCommunesController,
    ReportsController,
    HotlineController,
    AttachmentsController,
    OverdueController,
    RemindersController,
    DevicesController,
    PreferencesController,
    NotificationsController,
    StatsController,
    OidcController,
    FirebaseAuthController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}

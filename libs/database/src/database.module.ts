import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { Db } from './sql/db';

// Global: the one connection pool (TypeORM, Db) is infrastructure nearly every module queries through.
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        // Keep retrying quietly at boot is the orchestrator's job; fail fast so a bad URL is seen at once.
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [Db],
  exports: [TypeOrmModule, Db],
})
export class DatabaseModule {}

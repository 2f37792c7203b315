import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../../worker/src/worker.module';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/configure-app';
import { testSmsServer } from './sms-server';
import { dbUrl, PG_ADMIN_URL, REDIS_URL, templateDbName, workerDbName } from './test-env';
import { loadEnv } from '@app/config';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A fresh database cloned from the migrated template, and environment pointing at it. */
export async function prepareTestEnvironment(
  overrides: Record<string, string> = {},
): Promise<{ dbName: string; prefix: string }> {
  const dbName = workerDbName();
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${templateDbName()}`);
  } finally {
    await admin.end();
  }
  const prefix = `test-${dbName}-${randomUUID().slice(0, 8)}`;
  const sms = testSmsServer();
  Object.assign(process.env, {
    SMS_GATEWAY: 'http',
    SMS_HTTP_URL: await sms.url,
    SMS_HTTP_TOKEN: sms.server.token,
    // Every test client is 127.0.0.1: the per-address budget of codes would otherwise stop a file's fixtures.
    OTP_MAX_PER_IP_PER_HOUR: '1000000',
    // Staff fixtures log in with a password alone; the tests of two-factor login ask for it (identity tests).
    MFA_REQUIRED_ROLES: 'none',
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl(dbName),
    DATABASE_POOL_SIZE: '10',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    UPLOAD_DIR: `/tmp/pa-test-uploads/${prefix}`,
    ...overrides,
  });
  return { dbName, prefix };
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => request.Agent;
  db: DataSource;
  prefix: string;
  close: () => Promise<void>;
}

/** Boots the real AppModule with the same configureApp() as production, against real Postgres and Redis. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const { prefix } = await prepareTestEnvironment(overrides);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(loadEnv()), {
    bufferLogs: true,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return {
    app,
    http: () => request.agent(server),
    db: app.get(DataSource),
    prefix,
    close: async () => {
      await app.close();
      await deleteRedisPrefix(prefix);
    },
  };
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Starts the real worker (Bull processors, recurring jobs) in this process, with the test's environment. */
export async function startWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
  await worker.init();
  return worker;
}

/** Polls until `check` returns a truthy value or the time runs out (for effects of background jobs). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

import { spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { RouteTable } from '@app/auth';
import { dataSourceOptions } from '@app/database';
import { seed } from '../../../libs/database/src/seed/seed';
import { DEMO_USERS } from '../../../libs/database/src/seed/demo-province';
import { createTestApp, TestApp } from './support/test-app';
import { nodeEntryArgs } from './support/node-entry';

describe('platform: health, docs, seed, access rules (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports Postgres and Redis up on /health/ready, and answers /health/live', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    await t.http().get('/health/live').expect(200, { status: 'ok' });
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http().get('/health/ready').set('x-request-id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const missing = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
    // The liveness probe is answered by Fastify alone: a request id, no browser headers (no browser reads it).
    const live = await t.http().get('/health/live').set('x-request-id', 'abc-456').expect(200);
    expect(live.headers['x-request-id']).toBe('abc-456');
    expect(live.headers['content-security-policy']).toBeUndefined();
  });

  it('serves Prometheus metrics', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toContain('pa_api_process_resident_memory_bytes');
  });

  it('lists the routes in the OpenAPI document', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/register',
        '/api/v1/admin/users',
        '/api/v1/categories',
        '/health/ready',
      ]),
    );
  });

  it('gives every route an access rule', () => {
    const routes = t.app.get(RouteTable).routes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.hasRule)).toEqual([]);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.http().get('/api/v1/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('seeds twice without error, and every seeded role can log in', async () => {
    // The demo reports have their own test (demo-seed.e2e-spec.ts); here they would only cost time.
    const env = {
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'Admin@12345',
      DEMO_PASSWORD: 'Demo@12345',
      SEED_DEMO_REPORTS: 'false',
    };
    await seed(t.db, env);
    await seed(t.db, env);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'admin'`);
    expect(n).toBe(1);
    const roles = new Set<string>();
    for (const u of [{ username: 'admin', roles: ['admin'] }, ...DEMO_USERS]) {
      const password = u.username === 'admin' ? env.ADMIN_PASSWORD : env.DEMO_PASSWORD;
      const res = await t.http().post('/api/v1/auth/login').send({ login: u.username, password }).expect(200);
      res.body.user.roles.forEach((r: string) => roles.add(r));
    }
    expect([...roles].sort()).toEqual([
      'admin',
      'agency_leader',
      'agency_officer',
      'citizen',
      'leader',
      'operator',
      'screener',
    ]);
    const categories = await t.http().get('/api/v1/categories').expect(200);
    expect(categories.body.map((c: { name: string }) => c.name)).toContain('Thiên tai – khẩn cấp');
    const urgent = categories.body.find((c: { code: string }) => c.code === 'thien-tai-khan-cap');
    expect(urgent).toMatchObject({ calendar: '24x7', priority: 'urgent' });
  });

  it('applies every migration to an empty database and reverts them all to nothing', async () => {
    const name = `${(t.db.options as { url: string }).url.split('/').pop()}_mig`;
    await t.db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await t.db.query(`CREATE DATABASE ${name}`);
    const url = (t.db.options as { url: string }).url.replace(/\/[^/]+$/, `/${name}`);
    const ds = new DataSource(dataSourceOptions(url, 2));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations();
      expect(applied.length).toBe(ds.migrations.length);
      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'spatial_ref_sys')`,
      );
      expect(tables).toEqual([]);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_extension WHERE extname IN ('postgis', 'pg_trgm', 'unaccent')`,
      );
      expect(n).toBe(0);
    } finally {
      await ds.destroy();
      await t.db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

describe('start-up configuration check', () => {
  it('refuses to start with a clear message naming each bad variable', () => {
    const result = spawnSync(process.execPath, nodeEntryArgs('apps/api/src/main.ts'), {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: 'mysql://nope',
        JWT_SECRET: 'short',
        PORT: 'x',
        TS_NODE_TRANSPILE_ONLY: 'true',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid environment');
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'PORT']) expect(result.stderr).toContain(name);
  });
});

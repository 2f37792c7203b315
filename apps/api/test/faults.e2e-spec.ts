import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { cast, reportBody } from './support/fixtures';
import { PrivatePostgres } from './support/postgres-server';
import { createTestApp, eventually, TestApp } from './support/test-app';

const describeIfRoot = PrivatePostgres.canRun() ? describe : describe.skip;

// Skipped only where the tests cannot start a private Postgres (not root): see PrivatePostgres.
describeIfRoot('Postgres restart (e2e, private Postgres server; skipped unless root)', () => {
  let pg: PrivatePostgres;
  let t: TestApp;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    const admin = new Client({ connectionString: pg.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE pa_test_private');
    await admin.end();
    const ds = new DataSource(dataSourceOptions(pg.url, 2));
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    t = await createTestApp({ DATABASE_URL: pg.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    pg?.destroy();
  });

  it('answers 503 on readiness while Postgres is down and recovers without a restart of its own', async () => {
    const c = await cast(t);
    await t.http().get('/health/ready').expect(200);
    pg.down();
    const down = await t.http().get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { error: { postgres: { status: 'down' } }, info: { redis: { status: 'up' } } },
    });
    // A write during the outage fails cleanly, with the API's error shape.
    const failed = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body.code).toBeDefined();
    pg.up();
    await eventually(async () => (await t.http().get('/health/ready')).status === 200, 20_000);
    await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id))
      .expect(201);
  }, 60_000);
});

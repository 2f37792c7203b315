import request from 'supertest';
import { cast, citizen, reportBody } from './support/fixtures';
import { bootAnotherApi } from './support/realtime-client';
import { createTestApp, TestApp } from './support/test-app';

describe('rate limits on write routes (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '3' });
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('counts report creation per client across API processes, and leaves reads alone', async () => {
    const other = await bootAnotherApi();
    try {
      const post = (server: Parameters<typeof request>[0]) =>
        request(server)
          .post('/api/v1/reports')
          .auth(c.reporter.token, { type: 'bearer' })
          .send(reportBody(c.category.id));
      await post(t.app.getHttpServer()).expect(201);
      await post(other.app.getHttpServer()).expect(201);
      await post(t.app.getHttpServer()).expect(201);
      // The fourth write in the minute is refused, on whichever process it lands.
      const refused = await post(other.app.getHttpServer()).expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      await post(t.app.getHttpServer()).expect(429);
      // A client cannot escape the limit by claiming other addresses: no proxy is trusted by default.
      await post(t.app.getHttpServer()).set('X-Forwarded-For', '203.0.113.7').expect(429);
      await request(t.app.getHttpServer())
        .get('/api/v1/reports/mine')
        .auth(c.reporter.token, { type: 'bearer' })
        .expect(200);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reports`);
      expect(n).toBe(3);
    } finally {
      await other.app.close();
    }
  });

  it('gives each logged-in citizen a budget of their own, even behind one shared address', async () => {
    const second = await citizen(t, 'Lê Thị Cùng Mạng');
    const third = await citizen(t, 'Phạm Văn Cùng Mạng');
    const post = (token: string) =>
      t.http().post('/api/v1/reports').auth(token, { type: 'bearer' }).send(reportBody(c.category.id));
    for (let i = 0; i < 3; i++) await post(second.token).expect(201);
    await post(second.token).expect(429);
    // Same address (every test request comes from 127.0.0.1), another person: not blocked by the noisy one.
    await post(third.token).expect(201);
  });
});

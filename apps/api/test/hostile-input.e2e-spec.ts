import fc from 'fast-check';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Hostile and random input on every write route: never a 5xx, never a stored invalid row, and text that
 * looks like SQL or HTML is stored and returned as the text it is.
 */
describe('hostile input (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
    c = await cast(t);
    reportId = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const json = fc.jsonValue({ maxDepth: 3 });
  // Valid bodies with one field replaced by something random: deeper than pure noise.
  const mutated = (valid: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...Object.keys(valid)), json).map(([key, value]) => ({ ...valid, [key]: value }));

  const routes = (): Array<{ name: string; path: string; token: () => string; bodies: fc.Arbitrary<unknown> }> => [
    {
      name: 'create report',
      path: '/api/v1/reports',
      token: () => c.reporter.token,
      bodies: fc.oneof(json, mutated(reportBody(c.category.id))),
    },
    {
      name: 'register',
      path: '/api/v1/auth/register',
      token: () => '',
      bodies: fc.oneof(json, mutated({ phone: '0912345670', password: 'Passw0rd!', fullName: 'A' })),
    },
    {
      name: 'login',
      path: '/api/v1/auth/login',
      token: () => '',
      bodies: fc.oneof(json, mutated({ login: 'x', password: 'y' })),
    },
    {
      name: 'hotline call',
      path: '/api/v1/hotline/calls',
      token: () => c.operator.token,
      bodies: fc.oneof(
        json,
        mutated({ callerPhone: '0912345671', startedAt: new Date().toISOString(), outcome: 'consultation' }),
      ),
    },
    {
      name: 'assign',
      path: `/api/v1/reports/${reportId}/actions/assign`,
      token: () => c.screener.token,
      bodies: fc.oneof(json, mutated({ agencyId: c.agencyA.id, note: 'x' })),
    },
    {
      name: 'reject',
      path: `/api/v1/reports/${reportId}/actions/reject`,
      token: () => c.screener.token,
      bodies: fc.oneof(json, mutated({ reason: 'spam', note: 'x' })),
    },
    {
      name: 'note',
      path: `/api/v1/reports/${reportId}/actions/note`,
      token: () => c.screener.token,
      bodies: fc.oneof(json, mutated({ text: 'x', internal: true })),
    },
    {
      name: 'rate',
      path: `/api/v1/reports/${reportId}/actions/rate`,
      token: () => c.reporter.token,
      bodies: fc.oneof(json, mutated({ satisfied: true })),
    },
    {
      name: 'category',
      path: '/api/v1/admin/categories',
      token: () => c.admin.token,
      bodies: fc.oneof(json, mutated({ code: 'k', name: 'K', sla: {}, escalation: {} })),
    },
    {
      name: 'agency',
      path: '/api/v1/admin/agencies',
      token: () => c.admin.token,
      bodies: fc.oneof(json, mutated({ code: 'a', name: 'A' })),
    },
    {
      name: 'jurisdiction',
      path: `/api/v1/admin/agencies/${c.agencyA.id}/jurisdiction`,
      token: () => c.admin.token,
      bodies: fc.oneof(
        json,
        mutated({
          type: 'Polygon',
          coordinates: [
            [
              [105, 21],
              [106, 21],
              [106, 22],
              [105, 21],
            ],
          ],
        }),
      ),
    },
  ];

  it('never answers a random or mutated body with a 5xx', async () => {
    for (const route of routes()) {
      await fc.assert(
        fc.asyncProperty(route.bodies, async (body) => {
          const method = route.name === 'jurisdiction' ? 'put' : 'post';
          const req = t.http()[method](route.path).set('content-type', 'application/json');
          if (route.token()) req.auth(route.token(), { type: 'bearer' });
          const res = await req.send(JSON.stringify(body));
          if (res.status >= 500) throw new Error(`${route.name}: ${res.status} for ${JSON.stringify(body)}`);
        }),
        { numRuns: 40, seed: 20261123 },
      );
    }
    // Whatever was accepted is valid: every stored report satisfies the intake rules.
    const bad = await t.db.query(
      `SELECT id FROM reports WHERE length(trim(description)) = 0 OR ST_Y(location::geometry) NOT BETWEEN 8 AND 23.5
          OR ST_X(location::geometry) NOT BETWEEN 102 AND 117.9 OR category_id IS NULL`,
    );
    expect(bad).toEqual([]);
  }, 120_000);

  it('stores SQL and HTML in text as text', async () => {
    const nasty = `'); DROP TABLE reports; -- <script>alert("xss")</script> <img src=x onerror=alert(1)>`;
    const res = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id, { description: nasty }))
      .expect(201);
    expect(res.body.description).toBe(nasty);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reports WHERE description = $1`, [nasty]);
    expect(n).toBe(1);
  });

  it('refuses over-long Vietnamese text and invalid UTF-8 with 400', async () => {
    const long = 'Đường ngập nước sâu '.repeat(300);
    const res = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id, { description: long }))
      .expect(400);
    expect(res.body.details.fields.description).toBeDefined();
    const invalid = Buffer.concat([Buffer.from('{"categoryId":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const raw = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .set('content-type', 'application/json')
      .send(invalid);
    expect(raw.status).toBe(400);
    const broken = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .set('content-type', 'application/json')
      .send('{"description": ');
    expect(broken.status).toBe(400);
  });

  it('refuses a NUL character in any text with 400, in a body, a query, a path or a form', async () => {
    const nul = 'Nguyễn\u0000Văn';
    const checks = [
      await t
        .http()
        .post('/api/v1/auth/register')
        .send({ phone: '0912345672', password: 'Passw0rd!', fullName: 'Nguyễn\u0000Văn' }),
      await t
        .http()
        .get(`/api/v1/reports?q=${encodeURIComponent(nul)}`)
        .auth(c.screener.token, { type: 'bearer' }),
      await t
        .http()
        .get(`/api/v1/hotline/callers/${encodeURIComponent('0912\u0000345671')}/reports`)
        .auth(c.operator.token, { type: 'bearer' }),
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id, { description: `ổ gà\u0000` })),
      await t
        .http()
        .post('/open311/v2/requests.json')
        .type('form')
        .send(`api_key=x&service_code=${encodeURIComponent('a\u0000')}`),
    ];
    for (const res of checks)
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE phone = '+84912345672'`);
    expect(n).toBe(0);
  });

  it('refuses dates that are not calendar dates with 400', async () => {
    for (const from of ['2020-W01', '20200101', '2021-02-30', '2020-001', 'tomorrow']) {
      const res = await t.http().get(`/api/v1/reports?from=${from}`).auth(c.screener.token, { type: 'bearer' });
      expect({ from, status: res.status, code: res.body.code }).toEqual({
        from,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const call = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({ callerPhone: '0912345673', startedAt: '2020-W01', outcome: 'consultation' });
    expect({ status: call.status, code: call.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    await t
      .http()
      .get('/api/v1/reports?from=2026-01-01&to=2026-01-31T23:59:59%2B07:00')
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
  });
});

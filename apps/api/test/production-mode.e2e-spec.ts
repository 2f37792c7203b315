import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { RouteTable, UsersService } from '@app/auth';
import { reportBody } from './support/fixtures';
import { createTestApp, eventually, TestApp } from './support/test-app';
import { nodeEntryArgs } from './support/node-entry';

// The API as production runs it: its own process, NODE_ENV=production, compiled by TypeScript's own rules
// (support/node-entry.ts), not by the tests' SWC settings, so a difference between the two shows here.
const API_ARGS = nodeEntryArgs('apps/api/src/main.ts');
const randomSecret = () => randomBytes(36).toString('base64url');

describe('production refuses published secrets', () => {
  const boot = (env: Record<string, string>) =>
    spawnSync(process.execPath, API_ARGS, {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('will not start with the JWT secret of .env.example, compose or scripts/up.sh', () => {
    const published = [
      /^JWT_SECRET=(.+)$/m.exec(readFileSync('.env.example', 'utf8'))![1],
      /JWT_SECRET:-([^}]+)}/.exec(readFileSync('docker/compose.yml', 'utf8'))?.[1] ??
        'dev-only-jwt-secret-change-me-0123456789abcdef',
      /JWT_SECRET=(dev-only[^\s]+)/.exec(readFileSync('scripts/up.sh', 'utf8'))![1],
    ];
    for (const secret of published) {
      const result = boot({ JWT_SECRET: secret });
      expect({ secret, status: result.status }).toEqual({ secret, status: 78 });
      expect(result.stderr).toMatch(
        /JWT_SECRET: a published development value or placeholder is not allowed in production/,
      );
    }
  });

  it('will not print one-time codes in production (SMS_GATEWAY=log)', () => {
    const result = boot({ JWT_SECRET: randomSecret(), SMS_GATEWAY: 'log' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('SMS_GATEWAY: log prints one-time codes and is for development only');
  });

  it('reads a secret from its _FILE and still checks it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pa-secret-'));
    writeFileSync(join(dir, 'jwt'), 'replace-with-a-random-secret-of-at-least-32-characters\n');
    const result = boot({ JWT_SECRET_FILE: join(dir, 'jwt'), ADMIN_PASSWORD: 'dev-only-Admin@12345' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('JWT_SECRET: a published');
    expect(result.stderr).toContain('ADMIN_PASSWORD: a published');
    const missing = boot({ JWT_SECRET_FILE: join(dir, 'absent') });
    expect(missing.status).toBe(78);
    expect(missing.stderr).toContain('JWT_SECRET_FILE: cannot read');
  });
});

describe('a production instance (e2e)', () => {
  let t: TestApp;
  let api: ChildProcess;
  let output = '';
  const port = randomInt(20000, 30000);
  const base = `http://127.0.0.1:${port}`;
  const metricsToken = randomSecret();
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(); // the database and Redis prefix the child process inherits
    api = spawn(process.execPath, API_ARGS, {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        JWT_SECRET: randomSecret(),
        METRICS_TOKEN: metricsToken,
        SWAGGER_ENABLED: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    await eventually(
      async () =>
        (
          await request(base)
            .get('/health/live')
            .catch(() => null)
        )?.status === 200,
      60_000,
    );
    const username = `prod${randomInt(1e6)}`;
    await t.app.get(UsersService).createStaff({
      username,
      password: 'Passw0rd!x',
      fullName: 'Quản trị',
      roles: ['admin', 'screener', 'operator'],
    });
    admin = (
      await request(base).post('/api/v1/auth/login').send({ login: username, password: 'Passw0rd!x' }).expect(200)
    ).body.accessToken;
  }, 90_000);
  afterAll(async () => {
    api?.kill('SIGTERM');
    await t.close();
  });

  it('keeps the API documentation off unless it is asked for', async () => {
    await request(base).get('/docs').expect(404);
    await request(base).get('/docs-json').expect(404);
  });

  it('serves metrics only to the scraper with its token', async () => {
    await request(base).get('/metrics').expect(401);
    await request(base).get('/metrics').set('authorization', `Bearer ${randomSecret()}`).expect(401);
    await request(base).get('/metrics').auth(admin, { type: 'bearer' }).expect(401);
    const ok = await request(base).get('/metrics').set('authorization', `Bearer ${metricsToken}`).expect(200);
    expect(ok.text).toContain('process_cpu_seconds_total');
  });

  it('applies the defaults of every optional field on every create and patch route', async () => {
    const send = (method: 'post' | 'put' | 'patch', path: string, body: unknown) =>
      request(base)
        [method](path)
        .auth(admin, { type: 'bearer' })
        .send(body as object);
    const agency = await send('post', '/api/v1/admin/agencies', {
      code: `a${randomInt(1e6)}`,
      name: 'Sở Xây dựng',
    }).expect(201);
    const category = await send('post', '/api/v1/admin/categories', {
      code: `c${randomInt(1e6)}`,
      name: 'Giao thông',
    }).expect(201);
    expect(category.body.sla.normal.resolutionMinutes).toBeGreaterThan(0);
    expect(category.body.escalation.reminderAtFraction).toBeGreaterThan(0);
    expect(category.body.calendar).toBe('office');
    const report = await send('post', '/api/v1/reports', reportBody(category.body.id, { address: undefined })).expect(
      201,
    );
    expect(report.body.isPublic).toBe(true);
    // Every write route with a body: its smallest valid body (required fields only) must be accepted.
    const minimal: Record<string, () => Promise<unknown>> = {
      'POST /api/v1/admin/agencies': async () => agency,
      'POST /api/v1/admin/categories': async () => category,
      'POST /api/v1/reports': async () => report,
      'PATCH /api/v1/admin/categories/:id': () =>
        send('patch', `/api/v1/admin/categories/${category.body.id}`, {}).expect(200),
      'PATCH /api/v1/admin/agencies/:id': () =>
        send('patch', `/api/v1/admin/agencies/${agency.body.id}`, {}).expect(200),
      'POST /api/v1/admin/api-keys': () => send('post', '/api/v1/admin/api-keys', { name: 'LGSP' }).expect(201),
      'PUT /api/v1/admin/calendar/exceptions': () =>
        send('put', '/api/v1/admin/calendar/exceptions', [{ date: '2031-01-02', kind: 'off' }]).expect(200),
      'PUT /api/v1/admin/agencies/:id/jurisdiction': () =>
        send('put', `/api/v1/admin/agencies/${agency.body.id}/jurisdiction`, {
          type: 'Polygon',
          coordinates: [
            [
              [105, 21],
              [106, 21],
              [106, 22],
              [105, 21],
            ],
          ],
        }).expect(200),
      'POST /api/v1/admin/users': () =>
        send('post', '/api/v1/admin/users', {
          username: `u${randomInt(1e6)}`,
          password: 'Passw0rd!x',
          fullName: 'Cán bộ',
          roles: ['screener'],
        }).expect(201),
      'POST /api/v1/hotline/calls': () =>
        send('post', '/api/v1/hotline/calls', {
          callerPhone: '0912000111',
          startedAt: new Date().toISOString(),
          outcome: 'consultation',
        }).expect(201),
      'POST /api/v1/reports/:id/actions/:action': () =>
        send('post', `/api/v1/reports/${report.body.id}/actions/assign`, { agencyId: agency.body.id }).expect(200),
      'POST /api/v1/devices': () =>
        send('post', '/api/v1/devices', { token: `fcm-${randomInt(1e6)}`, platform: 'android' }).expect(201),
      'PUT /api/v1/me/preferences': () => send('put', '/api/v1/me/preferences', {}).expect(200),
      'POST /api/v1/admin/routing-rules': () =>
        send('post', '/api/v1/admin/routing-rules', { name: 'Mặc định', agencyId: agency.body.id })
          .expect(201)
          .expect((res) => expect(res.body).toMatchObject({ position: 0, hours: 'any', isActive: true })),
      'PATCH /api/v1/admin/routing-rules/:id': async () => {
        const rule = await send('post', '/api/v1/admin/routing-rules', {
          name: 'Ngoài giờ',
          agencyId: agency.body.id,
          hours: 'off_hours',
        }).expect(201);
        return send('patch', `/api/v1/admin/routing-rules/${rule.body.id}`, {})
          .expect(200)
          .expect((res) => expect(res.body).toMatchObject({ name: 'Ngoài giờ', hours: 'off_hours', isActive: true }));
      },
      'PATCH /api/v1/reports/:id/publication': () =>
        send('patch', `/api/v1/reports/${report.body.id}/publication`, {}).expect(200),
      'PATCH /api/v1/admin/users/:id': async () => {
        const user = await send('post', '/api/v1/admin/users', {
          username: `p${randomInt(1e6)}`,
          password: 'Passw0rd!x',
          fullName: 'Cán bộ',
          roles: ['leader'],
        }).expect(201);
        return send('patch', `/api/v1/admin/users/${user.body.id}`, {}).expect(200);
      },
    };
    // Routes whose bodies are exercised elsewhere or that take no body: listed so that a new route is noticed.
    const elsewhere = new Set([
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/attachments',
      'POST /api/v1/notifications/:id/read',
      'POST /api/v1/reports/:id/follow',
      'POST /open311/v2/requests.:format',
      'POST /open311/v2/servicerequestupdates.:format',
      // Zalo's signed events (zalo.e2e-spec.ts): the body is Zalo's, the signature covers it.
      'POST /api/v1/zalo/webhook',
      // Identity (identity-*.e2e-spec.ts, oidc.e2e-spec.ts, firebase-auth.e2e-spec.ts): every body field is required.
      'POST /api/v1/auth/otp',
      'POST /api/v1/auth/login/code',
      'POST /api/v1/auth/mfa',
      'POST /api/v1/auth/mfa/enroll',
      'POST /api/v1/auth/mfa/activate',
      'POST /api/v1/auth/password/reset',
      'POST /api/v1/auth/password/reset-link',
      'PUT /api/v1/me/password',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/logout-all',
      'POST /api/v1/me/mfa/setup',
      'POST /api/v1/me/mfa/activate',
      'POST /api/v1/me/mfa/disable',
      'POST /api/v1/admin/users/:id/lock',
      'POST /api/v1/admin/users/:id/unlock',
      'POST /api/v1/admin/users/:id/password-reset-link',
      'POST /api/v1/admin/users/:id/mfa-reset',
      'POST /api/v1/auth/oidc/authorize',
      'POST /api/v1/auth/oidc/callback',
      'POST /api/v1/auth/firebase',
      // No optional body field: the read-all takes none, the communes import a whole file (communes.e2e-spec.ts).
      'POST /api/v1/notifications/read-all',
      'POST /api/v1/admin/communes/import',
      // An area alert names its area, each kind with its required fields (public-portal-api.e2e-spec.ts).
      'POST /api/v1/me/subscriptions',
    ]);
    const writes = t.app
      .get(RouteTable)
      .routes()
      .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))
      .map((r) => `${r.method} ${r.path}`);
    expect(writes.filter((w) => !minimal[w] && !elsewhere.has(w))).toEqual([]);
    for (const route of writes.filter((w) => minimal[w])) {
      try {
        await minimal[route]();
      } catch (e) {
        throw new Error(`${route}: ${(e as Error).message}\n${output.slice(-2000)}`, { cause: e });
      }
    }
  });
});

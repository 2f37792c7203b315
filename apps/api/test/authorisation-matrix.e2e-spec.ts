import { RouteInfo, RouteTable, SessionIssuer, TokenService } from '@app/auth';
import { User } from '@app/database';
import type { Role } from '@app/workflow';
import { cast, reportBody } from './support/fixtures';
import { startOutsideProviders } from './support/outside-providers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every route × every role, generated from the app's own route table: a new route is covered the moment it
 * exists (and one without an access rule cannot even boot). Path ids point at data that belongs to someone
 * else: another citizen's private report assigned to another agency, so ids of other people's data must
 * never answer 200.
 */
type Caller = { name: string; roles: Role[]; token?: string };

describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  let providers: Awaited<ReturnType<typeof startOutsideProviders>>;
  let c: Awaited<ReturnType<typeof cast>>;
  let routes: RouteInfo[];
  let foreignReportId: string;
  const callers: Caller[] = [];

  beforeAll(async () => {
    providers = await startOutsideProviders();
    t = await createTestApp({ ...providers.env, RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
    c = await cast(t);
    routes = t.app.get(RouteTable).routes();
    const report = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .send(reportBody(c.category.id, { isPublic: false }))
      .expect(201);
    foreignReportId = report.body.id;
    await t
      .http()
      .post(`/api/v1/reports/${foreignReportId}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyB.id })
      .expect(200);
    callers.push(
      { name: 'anonymous', roles: [] },
      { name: 'citizen (not the reporter)', roles: ['citizen'], token: c.reporter.token },
      { name: 'operator', roles: ['operator'], token: c.operator.token },
      { name: 'screener', roles: ['screener'], token: c.screener.token },
      { name: 'agency_officer (other agency)', roles: ['agency_officer'], token: c.officerA.token },
      { name: 'agency_leader (other agency)', roles: ['agency_leader'], token: c.leaderA.token },
      { name: 'leader', roles: ['leader'], token: c.leader.token },
      { name: 'admin', roles: ['admin'], token: c.admin.token },
    );
  });
  afterAll(async () => {
    await t.close();
    await providers.stop();
  });

  const fill = (path: string) =>
    path
      .replace(/:id\b/g, foreignReportId)
      .replace(/:action\b/g, 'acknowledge')
      .replace(/:agencyId\b/g, c.agencyB.id)
      .replace(/:phone\b/g, '0912000999')
      .replace(/:token\b/g, 'not-a-device-token')
      .replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');

  const send = (method: string, path: string, token?: string) => {
    const agent = t.http();
    const req =
      method === 'GET'
        ? agent.get(path)
        : method === 'POST'
          ? agent.post(path)
          : method === 'PUT'
            ? agent.put(path)
            : method === 'PATCH'
              ? agent.patch(path)
              : agent.delete(path);
    if (token) req.auth(token, { type: 'bearer' });
    return method === 'GET' || method === 'DELETE' ? req : req.send({});
  };

  it('covers every route with a rule', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !r.rule)).toEqual([]);
  });

  /**
   * Routes that end the caller's session or account: each call gets a session of its own, and they run last (the
   * account's deletion at the very end), so they cannot log the callers out of the routes after them.
   */
  const ENDING = [
    'POST /api/v1/auth/logout',
    'POST /api/v1/auth/logout-all',
    'PUT /api/v1/me/password',
    'DELETE /api/v1/me',
  ];
  const endingRank = (r: RouteInfo) => ENDING.indexOf(`${r.method} ${r.path}`);
  const freshToken = async (caller: Caller) => {
    const { id } = t.app.get(TokenService).verifyAccess(caller.token!).user;
    return (await t.app.get(SessionIssuer).issue(await t.db.getRepository(User).findOneByOrFail({ id }))).accessToken;
  };

  it('gives each role exactly what its rule allows, never a 5xx, never another person’s data', async () => {
    const failures: string[] = [];
    const ordered = [...routes].sort((a, b) => endingRank(a) - endingRank(b));
    for (const route of ordered) {
      if (route.rule?.kind === 'api_key' || route.path.startsWith('/docs')) continue;
      const path = fill(route.path);
      for (const caller of callers) {
        const token = caller.token && endingRank(route) >= 0 ? await freshToken(caller) : caller.token;
        const res = await send(route.method, path, token);
        const where = `${route.method} ${route.path} as ${caller.name}: ${res.status} ${res.body?.code ?? ''}`;
        if (res.status >= 500) failures.push(`${where} (server error)`);
        const rule = route.rule!;
        if (rule.kind === 'public') continue;
        if (!caller.token) {
          if (res.status !== 401) failures.push(`${where} (expected 401)`);
          continue;
        }
        const allowed = rule.kind === 'authenticated' || caller.roles.some((r) => rule.roles.includes(r));
        if (!allowed && res.status !== 403) failures.push(`${where} (expected 403)`);
        if (allowed && (res.status === 401 || res.status === 403) && !route.path.includes(':'))
          failures.push(`${where} (expected access)`);
        // The foreign report belongs to another citizen and another agency: such callers must not get it.
        const outsider = caller.roles.every((r) => ['citizen', 'agency_officer', 'agency_leader'].includes(r));
        if (outsider && route.path.includes('/reports/:id') && res.status >= 200 && res.status < 300) {
          failures.push(`${where} (someone else's report answered)`);
        }
        if (
          outsider &&
          route.method === 'GET' &&
          route.path.includes('/reports/:id') &&
          allowed &&
          res.status !== 404
        ) {
          failures.push(`${where} (expected 404 for someone else's report)`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

import type { Socket } from 'socket.io-client';
import { cast, citizen, CITIZEN_PASSWORD, nextPhone, staff } from './support/fixtures';
import { connect as connectRealtime, listen } from './support/realtime-client';
import { createTestApp, eventually, TestApp } from './support/test-app';

/**
 * Sessions that end within seconds everywhere, and the accounts an admin manages (issue 18). Every "refused" is
 * awaited with `eventually`: a process trusts what it read for up to 2 s (SessionGate), never longer.
 */
describe('sessions and accounts (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let url: string;
  const bearer = { type: 'bearer' } as const;
  const me = (token: string) => t.http().get('/api/v1/me').auth(token, bearer);
  const refused = (token: string) => eventually(async () => (await me(token)).status === 401, 5000);
  const sockets: Socket[] = [];
  const connect = async (token: string) => {
    const { socket } = await connectRealtime(url, token);
    sockets.push(socket);
    return socket;
  };
  const closed = (socket: Socket) => eventually(async () => !socket.connected, 5000);
  const admin = (path: string) => t.http().post(`/api/v1/admin/users/${path}`).auth(c.admin.token, bearer);

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    url = await listen(t.app);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('refuses a locked account on HTTP and sockets within seconds, and lets it back in once unlocked', async () => {
    const person = await citizen(t, 'Người Bị Khóa');
    const socket = await connect(person.token);
    await me(person.token).expect(200);
    const locked = await admin(`${person.id}/lock`).expect(200);
    expect(locked.body.locked).toBe(true);
    await refused(person.token);
    await closed(socket);
    await expect(connectRealtime(url, person.token)).rejects.toThrow('UNAUTHENTICATED');
    // It cannot file a report, log in, or refresh either.
    await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: CITIZEN_PASSWORD }).expect(401);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
    await admin(`${person.id}/unlock`).expect(200);
    // The tokens from before the lock stay dead: the lock ended those sessions for good.
    await me(person.token).expect(401);
    await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: CITIZEN_PASSWORD }).expect(200);
  });

  it('refuses a deleted account within seconds', async () => {
    const person = await citizen(t, 'Người Xóa Tài Khoản');
    const socket = await connect(person.token);
    await t.http().delete('/api/v1/me').auth(person.token, bearer).expect(204);
    await refused(person.token);
    await closed(socket);
  });

  it('ends the other sessions on a password change; this one goes on with new tokens', async () => {
    const person = await citizen(t, 'Người Đổi Mật Khẩu');
    const other = (
      await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: CITIZEN_PASSWORD }).expect(200)
    ).body;
    await t
      .http()
      .put('/api/v1/me/password')
      .auth(person.token, bearer)
      .send({ currentPassword: 'wrong-one-1', newPassword: 'MatKhauMoi2026' })
      .expect(401);
    const changed = await t
      .http()
      .put('/api/v1/me/password')
      .auth(person.token, bearer)
      .send({ currentPassword: CITIZEN_PASSWORD, newPassword: 'MatKhauMoi2026' })
      .expect(200);
    await refused(other.accessToken);
    await refused(person.token);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await me(changed.body.accessToken).expect(200);
    await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: 'MatKhauMoi2026' }).expect(200);
  });

  it('logs out of one session, or of all of them', async () => {
    const person = await citizen(t, 'Người Đăng Xuất');
    const second = (
      await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: CITIZEN_PASSWORD }).expect(200)
    ).body;
    await t.http().post('/api/v1/auth/logout').auth(person.token, bearer).expect(204);
    await refused(person.token);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
    await me(second.accessToken).expect(200);
    const third = (
      await t.http().post('/api/v1/auth/login').send({ login: person.phone, password: CITIZEN_PASSWORD }).expect(200)
    ).body;
    await t.http().post('/api/v1/auth/logout-all').auth(second.accessToken, bearer).expect(204);
    await refused(second.accessToken);
    await refused(third.accessToken);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
  });

  it('lets an admin edit a user: a change of roles ends its sessions, a refresh brings the new roles', async () => {
    const officer = await staff(t, ['agency_officer'], c.agencyA.id);
    const login = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: officer.refreshToken }).expect(200))
      .body;
    const socket = await connect(login.accessToken);
    await t.http().get('/api/v1/reports').auth(login.accessToken, bearer).expect(200);
    const edited = await t
      .http()
      .patch(`/api/v1/admin/users/${officer.id}`)
      .auth(c.admin.token, bearer)
      .send({ fullName: 'Cán bộ Đã Chuyển', roles: ['agency_officer'], agencyId: c.agencyB.id })
      .expect(200);
    expect(edited.body).toMatchObject({ fullName: 'Cán bộ Đã Chuyển', agencyId: c.agencyB.id });
    await refused(login.accessToken);
    await closed(socket);
    const fresh = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200))
      .body;
    expect(fresh.user.agencyId).toBe(c.agencyB.id);
    // A name alone changes no power: the sessions go on.
    await t
      .http()
      .patch(`/api/v1/admin/users/${officer.id}`)
      .auth(c.admin.token, bearer)
      .send({ fullName: 'Cán bộ B' })
      .expect(200);
    await new Promise((r) => setTimeout(r, 2500));
    await me(fresh.accessToken).expect(200);
    // Agency roles need an agency, and a citizen may not use the route.
    await t
      .http()
      .patch(`/api/v1/admin/users/${officer.id}`)
      .auth(c.admin.token, bearer)
      .send({ agencyId: null })
      .expect(400);
    await t
      .http()
      .patch(`/api/v1/admin/users/${officer.id}`)
      .auth(c.reporter.token, bearer)
      .send({ fullName: 'x' })
      .expect(403);
  });

  it('lists staff and citizens apart, never caller records, with last login and second-factor state', async () => {
    const callerPhone = nextPhone();
    await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, bearer)
      .send({ callerPhone, startedAt: new Date().toISOString(), outcome: 'consultation' })
      .expect(201);
    const staffPage = (
      await t.http().get('/api/v1/admin/users').query({ pageSize: 100 }).auth(c.admin.token, bearer).expect(200)
    ).body;
    const citizenPage = (
      await t
        .http()
        .get('/api/v1/admin/users')
        .query({ kind: 'citizen', pageSize: 100 })
        .auth(c.admin.token, bearer)
        .expect(200)
    ).body;
    const ids = (page: { items: { id: string }[] }) => page.items.map((u) => u.id);
    expect(ids(staffPage)).toEqual(expect.arrayContaining([c.screener.id, c.admin.id, c.officerA.id]));
    expect(ids(staffPage)).not.toContain(c.reporter.id);
    expect(ids(citizenPage)).toContain(c.reporter.id);
    expect(ids(citizenPage)).not.toContain(c.screener.id);
    const phones = [...staffPage.items, ...citizenPage.items].map((u: { phone: string | null }) => u.phone);
    expect(phones).not.toContain(`+84${callerPhone.slice(1)}`);
    const screener = staffPage.items.find((u: { id: string }) => u.id === c.screener.id);
    expect(screener).toMatchObject({ locked: false, mfaEnabled: false, roles: ['screener'] });
    expect(new Date(screener.lastLoginAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
    const found = (
      await t
        .http()
        .get('/api/v1/admin/users')
        .query({ kind: 'citizen', q: 'nguyen van bao' })
        .auth(c.admin.token, bearer)
        .expect(200)
    ).body;
    expect(ids(found)).toEqual([c.reporter.id]);
  });

  it('hands over a one-time password reset link that works once and ends the old sessions', async () => {
    const person = await staff(t, ['screener']);
    const link = (await admin(`${person.id}/password-reset-link`).expect(201)).body;
    expect(link.url).toContain('/console/dat-lai-mat-khau?token=');
    await refused(person.token);
    const reset = await t
      .http()
      .post('/api/v1/auth/password/reset-link')
      .send({ token: link.token, newPassword: 'MatKhauMoi2026' })
      .expect(200);
    await me(reset.body.accessToken).expect(200);
    await t
      .http()
      .post('/api/v1/auth/password/reset-link')
      .send({ token: link.token, newPassword: 'MatKhauKhac2026' })
      .expect(401);
    // An admin cannot lock themselves out.
    await admin(`${c.admin.id}/lock`).expect(409);
  });
});

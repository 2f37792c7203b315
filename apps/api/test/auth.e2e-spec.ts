import { UsersService } from '@app/auth';
import { registered } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('auth and accounts (e2e)', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app
      .get(UsersService)
      .createStaff({ username: 'root', password: 'Admin12345', fullName: 'Quản trị', roles: ['admin'] });
    const res = await t.http().post('/api/v1/auth/login').send({ login: 'root', password: 'Admin12345' }).expect(200);
    adminToken = res.body.accessToken;
  });
  afterAll(() => t.close());

  it('registers a citizen by phone, normalised to +84, and logs in with another written form', async () => {
    const reg = await registered(t, {
      phone: '091 234 5678',
      password: 'MatKhau123',
      fullName: 'Nguye\u0302\u0303n Văn An',
    });
    expect(reg.body.user).toMatchObject({ phone: '+84912345678', roles: ['citizen'], fullName: 'Nguyễn Văn An' });
    expect(reg.body.accessToken).toEqual(expect.any(String));
    expect(reg.body.user.passwordHash).toBeUndefined();

    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '+84912345678', password: 'MatKhau123' })
      .expect(200);
    const me = await t.http().get('/api/v1/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ id: reg.body.user.id, phone: '+84912345678' });
  });

  it('refuses a second registration of the same phone with 409', async () => {
    await registered(t, { phone: '0987654321', password: 'MatKhau123', fullName: 'A' }, 201);
    const res = await registered(t, { phone: '+84987654321', password: 'MatKhau123', fullName: 'B' }, 409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('answers a wrong password with 401 UNAUTHENTICATED', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: 'root', password: 'wrong-password1' })
      .expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers bad input with 400 VALIDATION_FAILED and per-field details', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ phone: '12345', code: '12', password: 'short', fullName: 'X', isAdmin: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.details.fields)).toEqual(
      expect.arrayContaining(['phone', 'code', 'password', 'isAdmin']),
    );
  });

  it('rotates refresh tokens; a reused or unknown refresh token is 401 and revokes the family', async () => {
    await registered(t, { phone: '0355555555', password: 'MatKhau123', fullName: 'C' }, 201);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '0355555555', password: 'MatKhau123' })
      .expect(200);
    const first = login.body.refreshToken;
    const rotated = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(rotated.body.refreshToken).not.toBe(first);

    const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(reuse.body.code).toBe('UNAUTHENTICATED');
    // The reuse revoked the whole family, including the token handed out by the rotation.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
  });

  it('refuses an expired refresh token with 401', async () => {
    await registered(t, { phone: '0366666666', password: 'MatKhau123', fullName: 'D' }, 201);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '0366666666', password: 'MatKhau123' })
      .expect(200);
    await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      login.body.user.id,
    ]);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
  });

  it('lets an admin create staff with roles and agency rules, and forbids a citizen', async () => {
    const citizen = await registered(t, { phone: '0377777777', password: 'MatKhau123', fullName: 'E' }, 201);
    const forbidden = await t
      .http()
      .post('/api/v1/admin/users')
      .auth(citizen.body.accessToken, { type: 'bearer' })
      .send({ username: 'x1', password: 'Passw0rd!', fullName: 'X', roles: ['screener'] })
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');

    await t
      .http()
      .post('/api/v1/admin/users')
      .send({ username: 'x1', password: 'Passw0rd!', fullName: 'X', roles: ['screener'] })
      .expect(401);

    const noAgency = await t
      .http()
      .post('/api/v1/admin/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ username: 'canbo1', password: 'Passw0rd!', fullName: 'Cán bộ', roles: ['agency_officer'] })
      .expect(400);
    expect(noAgency.body.details.fields.agencyId).toBeDefined();

    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ username: 'sangloc1', password: 'Passw0rd!', fullName: 'Sàng lọc', roles: ['screener'] })
      .expect(201);
    expect(created.body.roles).toEqual(['screener']);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: 'SANGLOC1', password: 'Passw0rd!' })
      .expect(200);
    expect(login.body.user.roles).toEqual(['screener']);
  });

  it('refuses tokens with alg none, a wrong signature, expired, or without an expiry', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { sub: '00000000-0000-0000-0000-000000000000', roles: ['admin'], agencyId: null };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: 9999999999 })}.`;
    await t.http().get('/api/v1/admin/users').auth(none, { type: 'bearer' }).expect(401);
    const [h, p] = adminToken.split('.');
    await t
      .http()
      .get('/api/v1/admin/users')
      .auth(`${h}.${p}.${'A'.repeat(43)}`, { type: 'bearer' })
      .expect(401);
    const { sign } = await import('jsonwebtoken');
    const expired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, process.env.JWT_SECRET!, {
      algorithm: 'HS256',
    });
    await t.http().get('/api/v1/admin/users').auth(expired, { type: 'bearer' }).expect(401);
    // Rightly signed but without `exp`: it would be valid forever.
    const forever = sign(claims, process.env.JWT_SECRET!, { algorithm: 'HS256' });
    await t.http().get('/api/v1/admin/users').auth(forever, { type: 'bearer' }).expect(401);
    await t.http().get('/api/v1/admin/users').auth(adminToken, { type: 'bearer' }).expect(200);
  });

  it('limits failed logins per account with 429 RATE_LIMITED, even for the right password', async () => {
    await registered(t, { phone: '0388888888', password: 'MatKhau123', fullName: 'F' }, 201);
    for (let i = 0; i < 10; i++) {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ login: '0388888888', password: `wrong${i}xx` })
        .expect(401);
    }
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '0388888888', password: 'MatKhau123' })
      .expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
  });
});

describe('brute force from one address (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: '5' });
  });
  afterAll(() => t.close());

  it('limits failed logins per IP across accounts with 429', async () => {
    await registered(t, { phone: '0399999999', password: 'MatKhau123', fullName: 'G' }, 201);
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ login: `nobody${i}`, password: 'whatever1x' })
        .expect(401);
    }
    // A different account from the same address is refused too, even with its right password.
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '0399999999', password: 'MatKhau123' })
      .expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
  });
});

describe('login budgets (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: '10',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '30',
      LOGIN_MAX_FAILURES_PER_IP: '200',
    });
  });
  afterAll(() => t.close());

  const login = (login: string, password: string, from = '198.51.100.1') =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ login, password });

  it('checks at most the limit of 40 parallel wrong passwords (reserve, then verify)', async () => {
    await registered(t, { phone: '0386000001', password: 'MatKhau123', fullName: 'Đoán Song Song' }, 201);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('0386000001', `wrong-${i}-x`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  });

  it('counts every written form of one phone, and a look-alike username, as one account', async () => {
    await registered(t, { phone: '0986000002', password: 'MatKhau123', fullName: 'Nhiều Cách Viết' }, 201);
    const forms = ['0986000002', '+84986000002', '84986000002', '0986 000 002', '0986.000.002'];
    for (let i = 0; i < 10; i++) await login(forms[i % forms.length], `wrong-${i}-x`).expect(401);
    for (const form of forms) await login(form, 'MatKhau123').expect(429);

    const username = `thuki${Date.now() % 100000}`;
    await t.app
      .get(UsersService)
      .createStaff({ username, password: 'Passw0rd!x', fullName: 'Cán bộ', roles: ['screener'] });
    // 'İ' (capital I with a dot) lower-cases to 'i' in the database's lookup: the same account, the same budget.
    const lookAlikes = [username.toUpperCase(), username.replace('i', 'İ'), username];
    for (let i = 0; i < 10; i++) await login(lookAlikes[i % lookAlikes.length], `wrong-${i}-x`).expect(401);
    await login(username, 'Passw0rd!x').expect(429);
  });

  it('lets the owner in from their own network while a guesser elsewhere is stopped', async () => {
    await registered(t, { phone: '0386000003', password: 'MatKhau123', fullName: 'Chủ Tài Khoản' }, 201);
    for (let i = 0; i < 10; i++) await login('0386000003', `wrong-${i}-x`, '203.0.113.66').expect(401);
    await login('0386000003', 'MatKhau123', '203.0.113.66').expect(429);
    await login('0386000003', 'MatKhau123', '192.0.2.10').expect(200);
    // Guessing from many addresses still hits the account's total.
    for (let i = 0; i < 20; i++) await login('0386000003', `wrong-${i}-y`, `198.18.0.${i}`).expect(401);
    await login('0386000003', 'MatKhau123', '192.0.2.10').expect(429);
  });
});

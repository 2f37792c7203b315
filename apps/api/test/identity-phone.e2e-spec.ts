import { cast, CITIZEN_PASSWORD, codeFor, nextPhone, reportBody, staff } from './support/fixtures';
import { testSmsServer } from './support/sms-server';
import { createTestApp, eventually, TestApp } from './support/test-app';

/**
 * Proof of the phone (issue 18): one-time codes by SMS through the real HTTP gateway client and a local SMS
 * provider, registration, login by code, reset by code, and caller records that join an account only once their
 * phone is proven.
 */
describe('proof of the phone (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const sms = () => testSmsServer().server;
  const e164 = (phone: string) => `+84${phone.slice(1)}`;
  const otp = (phone: string, purpose: string) => t.http().post('/api/v1/auth/otp').send({ phone, purpose });

  beforeAll(async () => {
    t = await createTestApp({ OTP_MAX_PER_PHONE_PER_HOUR: '5' });
    c = await cast(t);
  });
  afterAll(() => t.close());

  it("stops a stranger taking over a hotline caller's record; the phone's holder gets it once proven", async () => {
    const phone = nextPhone();
    const call = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({
        callerPhone: phone,
        callerName: 'Bà Lê Thị Gọi',
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(c.category.id, { isPublic: false, description: 'Nhà tôi ở số 5 ngõ 12, cống tràn' }),
      })
      .expect(201);
    const reportId = call.body.report.id;

    // The stranger has no code: registering the number, with or without a guess, gets nothing.
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ phone, password: CITIZEN_PASSWORD, fullName: 'Kẻ Lạ' })
      .expect(400);
    for (const code of ['000000', '123456']) {
      const res = await t
        .http()
        .post('/api/v1/auth/register')
        .send({ phone, code, password: CITIZEN_PASSWORD, fullName: 'Kẻ Lạ' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
    await t.http().post('/api/v1/auth/login/code').send({ phone, code: '654321' }).expect(401);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE phone = $1 AND kind = 'account'`, [
      e164(phone),
    ]);
    expect(n).toBe(0);

    // The holder of the phone reads the code the SMS brought, registers, and finds the report and the call.
    const code = await codeFor(t, phone, 'register');
    const owner = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ phone, code, password: CITIZEN_PASSWORD, fullName: 'Lê Thị Gọi' })
      .expect(201);
    const auth = { type: 'bearer' } as const;
    const mine = await t.http().get('/api/v1/reports/mine').auth(owner.body.accessToken, auth).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    const report = await t.http().get(`/api/v1/reports/${reportId}`).auth(owner.body.accessToken, auth).expect(200);
    expect(report.body.description).toContain('ngõ 12');
    const exported = await t.http().get('/api/v1/me/data-export').auth(owner.body.accessToken, auth).expect(200);
    expect(exported.body.hotlineCalls.map((x: { id: string }) => x.id)).toEqual([call.body.call.id]);
    const [{ callers }] = await t.db.query(
      `SELECT count(*)::int AS callers FROM users WHERE phone = $1 AND kind = 'caller'`,
      [e164(phone)],
    );
    expect(callers).toBe(0);
    // The next call from that proven phone goes straight to the account.
    const next = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, auth)
      .send({
        callerPhone: phone,
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(c.category.id),
      })
      .expect(201);
    expect(next.body.call.callerUserId).toBe(owner.body.user.id);
  });

  it('answers a code request the same whether or not the phone is known, and sends only where a code can be used', async () => {
    const known = c.reporter.phone.replace('+84', '0');
    const unknown = nextPhone();
    const staffPhone = nextPhone();
    await staff(t, ['screener']).then((s) =>
      t.db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [s.id, e164(staffPhone)]),
    );
    const bodies = new Set<string>();
    for (const phone of [known, unknown, staffPhone]) {
      for (const purpose of ['register', 'login', 'reset']) {
        const res = await otp(phone, purpose).expect(202);
        bodies.add(JSON.stringify(res.body));
      }
    }
    expect([...bodies]).toEqual([
      JSON.stringify({ status: 'accepted', expiresInSeconds: 300, resendAfterSeconds: 60 }),
    ]);
    const sent = (phone: string) =>
      sms()
        .to(e164(phone))
        .map((m) => m.text);
    // The known citizen: its registration's code, then register, login and reset (a used code does not hold back
    // the next one).
    await eventually(
      async () => sent(known).length === 4 && sent(unknown).length === 2 && sent(staffPhone).length === 1,
    );
    // The unknown phone: register and login (a first code login creates the account), no reset; the staff
    // member's: register only (staff never log in or reset by SMS). Nothing else arrives.
    await new Promise((r) => setTimeout(r, 200));
    expect([sent(known).length, sent(unknown).length, sent(staffPhone).length]).toEqual([4, 2, 1]);
    const message = sms().to(e164(unknown))[0];
    expect(message.text).toMatch(/^\d{6} la ma xac thuc Phan anh hien truong Thai Nguyen\. Ma co hieu luc 5 phut\./);
    expect(message.authorization).toBe(`Bearer ${sms().token}`);
  });

  it('makes a code single-use, void after 5 wrong tries or when expired, and sends a new one only after the cooldown', async () => {
    const phone = nextPhone();
    const code = await codeFor(t, phone, 'login');
    await otp(phone, 'login').expect(202); // within the cooldown: no second SMS, the first code stays
    await new Promise((r) => setTimeout(r, 200));
    expect(sms().to(e164(phone))).toHaveLength(1);
    // Two parallel logins with the right code: exactly one session.
    const both = await Promise.all([0, 1].map(() => t.http().post('/api/v1/auth/login/code').send({ phone, code })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);

    const other = nextPhone();
    const right = await codeFor(t, other, 'login');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await t.http().post('/api/v1/auth/login/code').send({ phone: other, code: wrong }).expect(401);
    await t.http().post('/api/v1/auth/login/code').send({ phone: other, code: right }).expect(401);

    const late = nextPhone();
    const expiring = await codeFor(t, late, 'login');
    await t.db.query(`UPDATE otp_codes SET expires_at = now() - interval '1 second' WHERE phone = $1`, [e164(late)]);
    await t.http().post('/api/v1/auth/login/code').send({ phone: late, code: expiring }).expect(401);
  });

  it('limits codes per phone with 429', async () => {
    const phone = nextPhone();
    for (let i = 0; i < 5; i++) await otp(phone, i % 2 ? 'login' : 'register').expect(202);
    const refused = await otp(phone, 'register').expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
  });

  it('logs in by code alone (the first time creates the account) and resets a forgotten password by code', async () => {
    const phone = nextPhone();
    const first = await t
      .http()
      .post('/api/v1/auth/login/code')
      .send({ phone, code: await codeFor(t, phone, 'login') })
      .expect(200);
    expect(first.body.user).toMatchObject({ phone: e164(phone), roles: ['citizen'] });
    const me = await t.http().get('/api/v1/me').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.phoneVerified).toBe(true);

    const reset = await t
      .http()
      .post('/api/v1/auth/password/reset')
      .send({ phone, code: await codeFor(t, phone, 'reset'), newPassword: 'MatKhauMoi123' })
      .expect(200);
    await t.http().post('/api/v1/auth/login').send({ login: phone, password: 'MatKhauMoi123' }).expect(200);
    // The reset ended the session that was open before it.
    await t.http().get('/api/v1/me').auth(first.body.accessToken, { type: 'bearer' }).expect(401);
    await t.http().get('/api/v1/me').auth(reset.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('keeps staff out of code logins, even with a code sent before they became staff', async () => {
    const phone = nextPhone();
    const person = await t
      .http()
      .post('/api/v1/auth/login/code')
      .send({ phone, code: await codeFor(t, phone, 'login') })
      .expect(200);
    await t.db.query(`UPDATE otp_codes SET sent_at = now() - interval '1 hour' WHERE phone = $1`, [e164(phone)]);
    const early = await codeFor(t, phone, 'login');
    await t.db.query(`UPDATE users SET roles = '{screener}' WHERE id = $1`, [person.body.user.id]);
    const refused = await t.http().post('/api/v1/auth/login/code').send({ phone, code: early }).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    // And no new code goes to a staff phone.
    await t.db.query(`UPDATE otp_codes SET sent_at = now() - interval '1 hour' WHERE phone = $1`, [e164(phone)]);
    await otp(phone, 'login').expect(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(sms().to(e164(phone))).toHaveLength(2);
  });
});

describe('SMS gateway over HTTP (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('retries a provider that fails for a while, and gives up on a refused message', async () => {
    const sms = testSmsServer().server;
    sms.failNext = [503, 500];
    const phone = nextPhone();
    const code = await codeFor(t, phone, 'login');
    expect(code).toMatch(/^\d{6}$/);
    sms.failNext = [400];
    const other = nextPhone();
    await t.http().post('/api/v1/auth/otp').send({ phone: other, purpose: 'login' }).expect(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(sms.to(`+84${other.slice(1)}`)).toEqual([]);
  });
});

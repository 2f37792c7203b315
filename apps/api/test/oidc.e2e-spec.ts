import { randomUUID } from 'node:crypto';
import { category, nextPhone, reportBody, staff } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';
import { type EidPerson, TestOidcProvider } from './support/test-oidc-provider';

const PORTAL = 'https://phananh.test/dang-nhap/vneid';
const APP = 'https://app.phananh.test/oidc';
const CLIENT = { id: 'phan-anh-test', secret: 'test-client-secret-0123456789', redirectUris: [PORTAL, APP] };
const bearer = { type: 'bearer' } as const;
const e164 = (phone: string) => `+84${phone.slice(1)}`;

/** Someone with a national e-ID whose provider vouches for a verified phone. */
const person = (phone = nextPhone(), name = 'Nguyễn Văn Định Danh'): EidPerson => ({
  sub: randomUUID(),
  claims: { name, phone_number: e164(phone), phone_number_verified: true },
});

/**
 * Login with the national e-ID (issue 18) against a real OpenID Connect provider run locally: authorization code
 * with PKCE, the ID token checked by openid-client, the account matched by verified phone then by linked subject.
 */
describe('login with the national e-ID over OpenID Connect (e2e)', () => {
  let t: TestApp;
  let provider: TestOidcProvider;

  /** The whole login as the app does it: authorize, the provider's pages, then the callback; returns its answer. */
  const eidLogin = async (who: EidPerson, options: { redirectUri?: string; forgeIdToken?: boolean } = {}) => {
    await provider.next(who, options);
    const started = await t
      .http()
      .post('/api/v1/auth/oidc/authorize')
      .send({ redirectUri: options.redirectUri })
      .expect(200);
    const sent = new URL(started.body.authorizationUrl).searchParams;
    expect([started.body.provider, sent.get('code_challenge_method'), sent.get('state')]).toEqual([
      'vneid',
      'S256',
      started.body.state,
    ]);
    const back = await provider.visit(started.body.authorizationUrl, options.redirectUri ?? PORTAL);
    expect(back.state).toBe(started.body.state);
    return { back, res: await t.http().post('/api/v1/auth/oidc/callback').send(back) };
  };
  const identities = (subject: string) =>
    t.db.query(`SELECT provider, user_id FROM user_identities WHERE subject = $1`, [subject]);
  const accountsOf = (phone: string) =>
    t.db.query(`SELECT id, phone_verified_at FROM users WHERE kind = 'account' AND phone = $1`, [phone]);

  beforeAll(async () => {
    provider = await TestOidcProvider.start(CLIENT);
    t = await createTestApp({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URI: CLIENT.redirectUris.join(','),
    });
  });
  afterAll(async () => {
    await provider?.stop();
    await t?.close();
  });

  it("creates the citizen's account from the verified phone at the first login, links the e-ID, and the session works", async () => {
    const who = person();
    const { res } = await eidLogin(who);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      phone: who.claims.phone_number,
      fullName: 'Nguyễn Văn Định Danh',
      roles: ['citizen'],
    });
    const me = await t.http().get('/api/v1/me').auth(res.body.accessToken, bearer).expect(200);
    expect(me.body.id).toBe(res.body.user.id);
    expect(await identities(who.sub)).toEqual([{ provider: 'vneid', user_id: res.body.user.id }]);
    const [account] = await accountsOf(who.claims.phone_number as string);
    expect(account.phone_verified_at).not.toBeNull();
  });

  it('finds the account by the linked subject at the next login, whatever phone the e-ID gives then', async () => {
    const who = person();
    const first = await eidLogin(who);
    const again = await eidLogin(
      { sub: who.sub, claims: { name: 'Tên Khác', phone_number: e164(nextPhone()), phone_number_verified: false } },
      { redirectUri: APP },
    );
    expect(again.res.status).toBe(200);
    expect(again.res.body.user).toMatchObject({ id: first.res.body.user.id, phone: who.claims.phone_number });
  });

  it("brings the phone's hotline caller record into the account: the report filed by the operator is the citizen's", async () => {
    const [operator, cat] = await Promise.all([staff(t, ['operator']), category(t)]);
    const phone = nextPhone();
    const call = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(operator.token, bearer)
      .send({
        callerPhone: phone,
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(cat.id),
      })
      .expect(201);
    // The provider writes the number its own way; it is the same phone.
    const who = person();
    who.claims.phone_number = phone;
    const { res } = await eidLogin(who);
    expect(res.status).toBe(200);
    const mine = await t.http().get('/api/v1/reports/mine').auth(res.body.accessToken, bearer).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([call.body.report.id]);
    const callers = await t.db.query(`SELECT 1 FROM users WHERE kind = 'caller' AND phone = $1`, [e164(phone)]);
    expect(callers).toEqual([]);
  });

  it('refuses a state it never issued, and a callback replayed after its login', async () => {
    const unknown = await t
      .http()
      .post('/api/v1/auth/oidc/callback')
      .send({ code: 'anything', state: 'x'.repeat(43) })
      .expect(401);
    expect(unknown.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/state/) });
    const { back, res } = await eidLogin(person());
    expect(res.status).toBe(200);
    const replay = await t.http().post('/api/v1/auth/oidc/callback').send(back).expect(401);
    expect(replay.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/already used/) });
  });

  it('refuses an e-ID whose phone is not verified, or that gives none, and creates no account', async () => {
    const phone = nextPhone();
    for (const claims of [{ phone_number: e164(phone), phone_number_verified: false }, { name: 'Không Có Số' }]) {
      const { res } = await eidLogin({ sub: randomUUID(), claims });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      expect(res.body.message).toMatch(/no verified Vietnamese mobile number/);
    }
    expect(await accountsOf(e164(phone))).toEqual([]);
  });

  it('refuses an ID token that the issuer did not sign, though every claim in it is right', async () => {
    const who = person();
    const { res } = await eidLogin(who, { forgeIdToken: true });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await accountsOf(who.claims.phone_number as string)).toEqual([]);
    expect(await identities(who.sub)).toEqual([]);
  });

  it("refuses a staff account's phone: staff log in with their password, and nothing is proven or linked", async () => {
    const screener = await staff(t, ['screener']);
    const who = person();
    await t.db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [screener.id, who.claims.phone_number]);
    const { res } = await eidLogin(who);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Staff log in with their password');
    expect(await identities(who.sub)).toEqual([]);
    expect(await accountsOf(who.claims.phone_number as string)).toEqual([{ id: screener.id, phone_verified_at: null }]);
  });

  it('refuses a locked account', async () => {
    const who = person();
    const first = await eidLogin(who);
    await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [first.res.body.user.id]);
    const { res } = await eidLogin(who);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Account disabled' });
  });

  it('refuses a second e-ID for a phone whose account another e-ID already holds (a recycled number)', async () => {
    const holder = person();
    await eidLogin(holder);
    const newcomer = person();
    newcomer.claims.phone_number = holder.claims.phone_number;
    const { res } = await eidLogin(newcomer);
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/belongs to another vneid identity/);
    expect(await identities(newcomer.sub)).toEqual([]);
  });

  it('sends people back only to a configured redirect URI', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/oidc/authorize')
      .send({ redirectUri: 'https://evil.example/cb' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('login with the national e-ID, not configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    delete process.env.OIDC_ISSUER;
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE', async () => {
    const start = await t.http().post('/api/v1/auth/oidc/authorize').send({}).expect(503);
    expect(start.body.code).toBe('SERVICE_UNAVAILABLE');
    await t
      .http()
      .post('/api/v1/auth/oidc/callback')
      .send({ code: 'c', state: 'x'.repeat(43) })
      .expect(503);
  });
});

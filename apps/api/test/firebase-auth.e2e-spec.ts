import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import { category, nextPhone, reportBody, staff } from './support/fixtures';
import { selfSignedCertificate } from './support/self-signed-cert';
import { createTestApp, type TestApp } from './support/test-app';

const PROJECT = 'pa-phone-sign-in-test';
const KID = 'test-securetoken-key';
const CERTS_HOST = 'https://www.googleapis.com';
const CERTS_PATH = '/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com';
const bearer = { type: 'bearer' } as const;
const e164 = (phone: string) => `+84${phone.slice(1)}`;

/**
 * Sign-in with a phone proven through Firebase (issue 18) through the real firebase-admin verifier: Google's
 * certificate list is answered at the HTTP edge by nock with a certificate made for this run, and the ID tokens are
 * signed with its key as Firebase signs them (RS256, kid, iss/aud of the project).
 */
describe('sign-in with a phone proven through Firebase (e2e)', () => {
  let t: TestApp;
  const google = selfSignedCertificate('securetoken.system.gserviceaccount.com');
  const stranger = selfSignedCertificate('securetoken.system.gserviceaccount.com');

  /** A Firebase ID token of a phone sign-in; `over` changes its claims, `key` who signs it. */
  const idToken = (phone: string | undefined, over: Record<string, unknown> = {}, key = google.privateKey) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `https://securetoken.google.com/${PROJECT}`,
      aud: PROJECT,
      sub: randomUUID(),
      auth_time: now - 5,
      iat: now - 5,
      exp: now + 3600,
      ...(phone ? { phone_number: e164(phone) } : {}),
      firebase: { sign_in_provider: 'phone', identities: phone ? { phone: [e164(phone)] } : {} },
      ...over,
    };
    return jwt.sign(claims, key.export({ type: 'pkcs8', format: 'pem' }), { algorithm: 'RS256', keyid: KID });
  };
  const signIn = (token: string) => t.http().post('/api/v1/auth/firebase').send({ idToken: token });
  const accountsOf = (phone: string) =>
    t.db.query(`SELECT id FROM users WHERE kind = 'account' AND phone = $1`, [e164(phone)]);

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock(CERTS_HOST)
      .get(CERTS_PATH)
      .reply(200, { [KID]: google.certificate }, { 'cache-control': 'public, max-age=3600' })
      .persist();
    t = await createTestApp({ FIREBASE_AUTH_PROJECT_ID: PROJECT });
  });
  afterAll(async () => {
    await t?.close();
    nock.cleanAll();
    nock.enableNetConnect();
    // Core modules are shared by the test files of a Jest worker: take the interceptor off http and fetch.
    nock.restore();
  });

  it("signs in the phone's holder, creating the citizen's account, and brings the hotline caller record into it", async () => {
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
    const res = await signIn(idToken(phone)).expect(200);
    expect(res.body.user).toMatchObject({ phone: e164(phone), roles: ['citizen'] });
    const mine = await t.http().get('/api/v1/reports/mine').auth(res.body.accessToken, bearer).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([call.body.report.id]);
    const again = await signIn(idToken(phone)).expect(200);
    expect(again.body.user.id).toBe(res.body.user.id);
  });

  it("refuses an expired token, another project's, one signed by another key, and one that proves no phone", async () => {
    const now = Math.floor(Date.now() / 1000);
    const phone = nextPhone();
    const refused = {
      expired: idToken(phone, { iat: now - 7200, auth_time: now - 7200, exp: now - 3600 }),
      otherAudience: idToken(phone, { aud: 'another-project' }),
      otherIssuer: idToken(phone, { iss: 'https://securetoken.google.com/another-project' }),
      wrongSignature: idToken(phone, {}, stranger.privateKey),
      noPhone: idToken(undefined),
      foreignPhone: idToken(undefined, { phone_number: '+12025550123' }),
    };
    for (const [why, token] of Object.entries(refused)) {
      const res = await signIn(token);
      expect({ why, status: res.status, code: res.body.code }).toEqual({ why, status: 401, code: 'UNAUTHENTICATED' });
    }
    expect(await accountsOf(phone)).toEqual([]);
  });

  it("refuses a staff account's phone: staff log in with their password", async () => {
    const screener = await staff(t, ['screener']);
    const phone = nextPhone();
    await t.db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [screener.id, e164(phone)]);
    const res = await signIn(idToken(phone)).expect(401);
    expect(res.body.message).toBe('Staff log in with their password');
    const [{ phone_verified_at }] = await t.db.query(`SELECT phone_verified_at FROM users WHERE id = $1`, [
      screener.id,
    ]);
    expect(phone_verified_at).toBeNull();
  });
});

describe('sign-in with a Firebase-proven phone, not configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    delete process.env.FIREBASE_AUTH_PROJECT_ID;
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/firebase')
      .send({ idToken: 'x'.repeat(40) })
      .expect(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });
});

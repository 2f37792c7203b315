import { generate } from 'otplib';
import { UsersService } from '@app/auth';
import { createTestApp, TestApp } from './support/test-app';

/** Two-factor login with an authenticator app (issue 18): required for admins, open to any staff member. */
describe('two-factor login (e2e)', () => {
  let t: TestApp;
  const bearer = { type: 'bearer' } as const;
  const login = (login: string, password = 'Passw0rd!x') =>
    t.http().post('/api/v1/auth/login').send({ login, password });
  /** A code for the next 30-second step (each code is accepted once, so a second login needs a later step). */
  const codeAt = (secret: string, offsetSteps = 0) =>
    generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
  const newStaff = async (username: string, roles: ('admin' | 'screener')[]) =>
    t.app.get(UsersService).createStaff({ username, password: 'Passw0rd!x', fullName: 'Cán bộ', roles });

  beforeAll(async () => {
    t = await createTestApp({ MFA_REQUIRED_ROLES: 'admin' });
  });
  afterAll(() => t.close());

  it('makes an admin enrol at first login, then asks for a code each time; a code and a recovery code work once', async () => {
    await newStaff('quantri2fa', ['admin']);
    const first = await login('quantri2fa').expect(200);
    expect(first.body).toMatchObject({ mfa: 'enroll' });
    expect(first.body.accessToken).toBeUndefined();
    // The enrolment token is no access token.
    await t.http().get('/api/v1/me').auth(first.body.mfaToken, bearer).expect(401);
    const setup = await t.http().post('/api/v1/auth/mfa/enroll').send({ mfaToken: first.body.mfaToken }).expect(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    await t
      .http()
      .post('/api/v1/auth/mfa/activate')
      .send({ mfaToken: first.body.mfaToken, code: '000000' })
      .expect(401);
    const used = await codeAt(setup.body.secret);
    const activated = await t
      .http()
      .post('/api/v1/auth/mfa/activate')
      .send({ mfaToken: first.body.mfaToken, code: used })
      .expect(200);
    expect(activated.body.recoveryCodes).toHaveLength(10);
    await t.http().get('/api/v1/me').auth(activated.body.accessToken, bearer).expect(200);
    const [{ totp_secret }] = await t.db.query(`SELECT totp_secret FROM users WHERE username = 'quantri2fa'`);
    expect(totp_secret).not.toContain(setup.body.secret); // stored encrypted

    const second = await login('quantri2fa').expect(200);
    expect(second.body.mfa).toBe('required');
    // The code already used at activation is refused (replay); the next step's code passes.
    await t.http().post('/api/v1/auth/mfa').send({ mfaToken: second.body.mfaToken, code: used }).expect(401);
    const next = await codeAt(setup.body.secret, 1);
    const session = await t
      .http()
      .post('/api/v1/auth/mfa')
      .send({ mfaToken: second.body.mfaToken, code: next })
      .expect(200);
    await t.http().get('/api/v1/admin/users').auth(session.body.accessToken, bearer).expect(200);
    await t.http().post('/api/v1/auth/mfa').send({ mfaToken: second.body.mfaToken, code: next }).expect(401);

    const recovery = activated.body.recoveryCodes[0];
    const third = await login('quantri2fa').expect(200);
    await t.http().post('/api/v1/auth/mfa').send({ mfaToken: third.body.mfaToken, code: recovery }).expect(200);
    await t.http().post('/api/v1/auth/mfa').send({ mfaToken: third.body.mfaToken, code: recovery }).expect(401);
    // A required second factor cannot be switched off by its holder; an admin resets it for a lost phone.
    await t
      .http()
      .post('/api/v1/me/mfa/disable')
      .auth(session.body.accessToken, bearer)
      .send({ code: '123456' })
      .expect(403);
  });

  it('lets any staff member switch it on and off, and an admin reset it', async () => {
    const user = await newStaff('sangloc2fa', ['screener']);
    const plain = await login('sangloc2fa').expect(200);
    expect(plain.body.accessToken).toEqual(expect.any(String));
    const setup = await t.http().post('/api/v1/me/mfa/setup').auth(plain.body.accessToken, bearer).expect(201);
    const { body } = await t
      .http()
      .post('/api/v1/me/mfa/activate')
      .auth(plain.body.accessToken, bearer)
      .send({ code: await codeAt(setup.body.secret) })
      .expect(200);
    expect(body.recoveryCodes).toHaveLength(10);
    expect((await login('sangloc2fa').expect(200)).body.mfa).toBe('required');

    await newStaff('quantri2', ['admin']).then(() =>
      t.db.query(`UPDATE users SET roles = '{admin}' WHERE username = 'quantri2'`),
    );
    const adminLogin = await login('quantri2').expect(200);
    const adminSetup = await t
      .http()
      .post('/api/v1/auth/mfa/enroll')
      .send({ mfaToken: adminLogin.body.mfaToken })
      .expect(200);
    const adminSession = await t
      .http()
      .post('/api/v1/auth/mfa/activate')
      .send({ mfaToken: adminLogin.body.mfaToken, code: await codeAt(adminSetup.body.secret) })
      .expect(200);
    const view = await t
      .http()
      .post(`/api/v1/admin/users/${user.id}/mfa-reset`)
      .auth(adminSession.body.accessToken, bearer)
      .expect(200);
    expect(view.body).toMatchObject({ mfaEnabled: false, mfaRequired: false });
    expect((await login('sangloc2fa').expect(200)).body.accessToken).toEqual(expect.any(String));
  });

  it('limits wrong second-factor codes like wrong passwords', async () => {
    await newStaff('quantri3', ['admin']);
    const first = await login('quantri3').expect(200);
    const setup = await t.http().post('/api/v1/auth/mfa/enroll').send({ mfaToken: first.body.mfaToken }).expect(200);
    await t
      .http()
      .post('/api/v1/auth/mfa/activate')
      .send({ mfaToken: first.body.mfaToken, code: await codeAt(setup.body.secret) })
      .expect(200);
    const challenge = (await login('quantri3').expect(200)).body.mfaToken;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await t
            .http()
            .post('/api/v1/auth/mfa')
            .send({ mfaToken: challenge, code: String(100000 + i) })
        ).status,
      );
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("does not let an admin's reset link stand in for the second factor, nor an admin issue one for themselves", async () => {
    const enrolled = async (username: string) => {
      const user = await newStaff(username, ['admin']);
      const first = await login(username).expect(200);
      const setup = await t.http().post('/api/v1/auth/mfa/enroll').send({ mfaToken: first.body.mfaToken }).expect(200);
      const session = await t
        .http()
        .post('/api/v1/auth/mfa/activate')
        .send({ mfaToken: first.body.mfaToken, code: await codeAt(setup.body.secret) })
        .expect(200);
      return { id: user.id, token: session.body.accessToken as string };
    };
    const [a, b] = [await enrolled('quantri4'), await enrolled('quantri5')];
    const link = await t
      .http()
      .post(`/api/v1/admin/users/${a.id}/password-reset-link`)
      .auth(b.token, bearer)
      .expect(201);
    const reset = await t
      .http()
      .post('/api/v1/auth/password/reset-link')
      .send({ token: link.body.token, newPassword: 'MatKhauMoi2026' })
      .expect(200);
    expect(reset.body).toMatchObject({ mfa: 'required' });
    expect(reset.body.accessToken).toBeUndefined();
    expect((await login('quantri4', 'MatKhauMoi2026').expect(200)).body.mfa).toBe('required');
    await t.http().post(`/api/v1/admin/users/${b.id}/password-reset-link`).auth(b.token, bearer).expect(409);
  });
});

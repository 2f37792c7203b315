import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { staff } from './support/fixtures';
import { testSmsServer } from './support/sms-server';
import { createTestApp, eventually, TestApp } from './support/test-app';
import { nodeEntryArgs } from './support/node-entry';

/**
 * Logs are read by more people than personal data may be: run the real API as its own process, send it
 * phones and tokens every way a client can (body, path, query, headers), and read what it printed.
 */
describe('logs never contain full phone numbers or tokens (e2e)', () => {
  let t: TestApp;
  let api: ChildProcess;
  let output = '';
  const port = randomInt(20000, 30000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    t = await createTestApp(); // prepares the database and environment the child process inherits
    api = spawn(process.execPath, nodeEntryArgs('apps/api/src/main.ts'), {
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'debug', TS_NODE_SWC: 'true' },
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
  }, 90_000);
  afterAll(async () => {
    api?.kill('SIGTERM');
    await t.close();
  });

  it('masks phones and drops tokens from every log line', async () => {
    const phone = '0987654329';
    await request(base).post('/api/v1/auth/otp').send({ phone, purpose: 'register' }).expect(202);
    const code = await testSmsServer().server.codeFor('+84987654329');
    const reg = await request(base)
      .post('/api/v1/auth/register')
      .send({ phone, code, password: 'MatKhau123', fullName: 'Lê Văn Log' })
      .expect(201);
    await request(base)
      .post('/api/v1/auth/login')
      .send({ login: '+84987654329', password: 'wrong-password1' })
      .expect(401);
    await request(base).post('/api/v1/auth/refresh').send({ refreshToken: reg.body.refreshToken }).expect(200);
    const operator = await staff(t, ['operator']);
    await request(base)
      .get(`/api/v1/hotline/calls?callerPhone=${phone}`)
      .auth(operator.token, { type: 'bearer' })
      .expect(200);
    await request(base)
      .get(`/api/v1/hotline/callers/${phone}/reports`)
      .auth(operator.token, { type: 'bearer' })
      .expect(200);
    await request(base)
      .post('/api/v1/hotline/calls')
      .auth(operator.token, { type: 'bearer' })
      .send({
        callerPhone: phone,
        startedAt: new Date().toISOString(),
        outcome: 'consultation',
        notes: `Gọi lại số ${phone}`,
      })
      .expect(201);
    await request(base).get('/api/v1/me').auth(reg.body.accessToken, { type: 'bearer' }).expect(200);
    // The same phone written with separators, in a query, a path and a note; an integration's key in a URL.
    const spaced = '0987 654 329';
    await request(base)
      .get(`/api/v1/hotline/calls?callerPhone=${encodeURIComponent('0987.654.329')}`)
      .auth(operator.token, { type: 'bearer' })
      .expect(200);
    await request(base)
      .get(`/api/v1/hotline/callers/${encodeURIComponent(spaced)}/reports`)
      .auth(operator.token, { type: 'bearer' });
    await request(base)
      .post('/api/v1/hotline/calls')
      .auth(operator.token, { type: 'bearer' })
      .send({
        callerPhone: spaced,
        startedAt: new Date().toISOString(),
        outcome: 'other',
        notes: `Số khác: 0987-654-329`,
      })
      .expect(201);
    const apiKey = 'open311-key-that-must-not-be-logged-0123';
    await request(base).get(`/open311/v2/requests.json?api_key=${apiKey}&jurisdiction_id=x`);
    await new Promise((r) => setTimeout(r, 500));

    expect(output).toContain('/api/v1/hotline/calls'); // the requests were logged at all
    expect(output).toContain('/open311/v2/requests.json');
    for (const secret of [
      phone,
      phone.slice(1),
      '+84987654329',
      reg.body.accessToken,
      reg.body.refreshToken,
      operator.token,
      'MatKhau123',
      spaced,
      '0987.654.329',
      '0987-654-329',
      '0987%20654%20329',
      '0987%2E654%2E329',
      apiKey,
      code,
    ]) {
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/);
  });
});

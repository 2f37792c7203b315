import { generateKeyPairSync } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import nock from 'nock';
import { QUEUES } from '@app/queue';
import { cast, citizen, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

/**
 * Jest runs modules in a VM without ESM support, so google-auth-library's HTTP client (gaxios) cannot do its
 * `import('node-fetch')` here (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG); plain Node can. Hand it Node's own
 * fetch instead, looked up at call time so that nock's interception of fetch applies. Test-only: the OAuth
 * exchange and the FCM calls still run through the real SDK and leave through a real HTTP client.
 */
function giveGaxiosNodeFetch(): void {
  const gaxiosPath = require.resolve('gaxios', { paths: [require.resolve('google-auth-library')] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy google-auth-library loads, found by path
  const { Gaxios } = require(gaxiosPath) as {
    Gaxios: { prototype: { _defaultAdapter: (c: Record<string, unknown>) => unknown } };
  };
  const original = Gaxios.prototype._defaultAdapter;
  Gaxios.prototype._defaultAdapter = function (config) {
    const fetchImplementation =
      config.fetchImplementation ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
    return original.call(this, { ...config, fetchImplementation });
  };
}

const PROJECT = 'pa-push-test';
const FCM_PATH = `/v1/projects/${PROJECT}/messages:send`;

interface FcmCall {
  authorization: string | undefined;
  message: { token: string; notification: { title: string; body: string }; data: Record<string, string> };
}

const fcmError = (status: number, code: string, fcmCode?: string) => ({
  error: {
    code: status,
    message: fcmCode ? 'Requested entity was not found.' : 'The service is currently unavailable.',
    status: code,
    ...(fcmCode
      ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: fcmCode }] }
      : {}),
  },
});

/**
 * Push through the real firebase-admin SDK: its OAuth token exchange and FCM calls are intercepted at the HTTP
 * edge by nock (no network); Postgres, Redis, Bull and the worker are real.
 */
describe('push notifications through FCM (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  const calls: FcmCall[] = [];

  /** Answers FCM for one device token: each reply once, in order. */
  const fcmReplies = (token: string, ...replies: Array<[number, object]>) => {
    for (const [status, body] of replies) {
      nock('https://fcm.googleapis.com')
        .post(FCM_PATH, (b: { message?: { token?: string } }) => b.message?.token === token)
        .reply(function (_uri, requestBody) {
          calls.push({
            authorization: this.req.headers.authorization as string | undefined,
            ...(requestBody as Pick<FcmCall, 'message'>),
          });
          return [status, body];
        });
    }
  };
  const callsFor = (token: string) => calls.filter((x) => x.message.token === token);

  /** A citizen with one registered device files a report that the screener assigns: the citizen is pushed. */
  const assignedWithDevice = async (token: string) => {
    const person = await citizen(t);
    await t
      .http()
      .post('/api/v1/devices')
      .auth(person.token, { type: 'bearer' })
      .send({ token, platform: 'android' })
      .expect(201);
    const r = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(person.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/v1/reports/${r.id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    return { person, report: r };
  };

  beforeAll(async () => {
    // A throwaway service-account key made for this run; nothing real is ever signed or sent.
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    giveGaxiosNodeFetch();
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock('https://oauth2.googleapis.com')
      .post('/token')
      .reply(200, { access_token: 'test-access-token', expires_in: 3600, token_type: 'Bearer' })
      .persist();
    t = await createTestApp({
      FIREBASE_PROJECT_ID: PROJECT,
      FIREBASE_CLIENT_EMAIL: `push@${PROJECT}.iam.gserviceaccount.com`,
      FIREBASE_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
    });
    c = await cast(t);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    nock.cleanAll();
    nock.enableNetConnect();
    // Core modules are shared by the test files of a Jest worker: take the interceptor off http and fetch.
    nock.restore();
  });

  it('sends the device the title and the Vietnamese body of the inbox line', async () => {
    fcmReplies('tok-ok', [200, { name: `projects/${PROJECT}/messages/1` }]);
    const { person, report } = await assignedWithDevice('tok-ok');
    const [call] = await eventually(async () => (callsFor('tok-ok').length ? callsFor('tok-ok') : null));
    expect(call.authorization).toBe('Bearer test-access-token');
    expect(call.message.notification).toEqual({
      title: `Phản ánh ${report.code}: Đã chuyển xử lý`,
      body: `Phản ánh ${report.code} đã được chuyển xử lý.`,
    });
    expect(call.message.data).toMatchObject({ reportId: report.id, type: 'report.assigned', code: report.code });
    const inbox = await t.http().get('/api/v1/notifications').auth(person.token, { type: 'bearer' }).expect(200);
    expect(inbox.body.items[0]).toMatchObject({
      id: call.message.data.notificationId,
      eventId: call.message.data.eventId,
    });
  });

  it('forgets a device whose token FCM no longer knows', async () => {
    fcmReplies('tok-gone', [404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED')]);
    await assignedWithDevice('tok-gone');
    await eventually(async () => callsFor('tok-gone').length > 0);
    await eventually(async () => (await t.db.query(`SELECT 1 FROM devices WHERE token = 'tok-gone'`)).length === 0);
  });

  it('retries a send FCM could not take (503) until it succeeds', async () => {
    fcmReplies('tok-503', [503, fcmError(503, 'UNAVAILABLE')], [200, { name: `projects/${PROJECT}/messages/2` }]);
    await assignedWithDevice('tok-503');
    await eventually(async () => callsFor('tok-503').length === 2);
    expect((await t.db.query(`SELECT 1 FROM devices WHERE token = 'tok-503'`)).length).toBe(1);
  });

  it('lets Bull retry, with backoff, a send that failed with an internal FCM error', async () => {
    fcmReplies('tok-500', [500, fcmError(500, 'INTERNAL')], [200, { name: `projects/${PROJECT}/messages/3` }]);
    const { person } = await assignedWithDevice('tok-500');
    await eventually(async () => callsFor('tok-500').length === 2);
    const pushQueue = worker.get<Queue>(getQueueToken(QUEUES.push));
    const [{ event_id: eventId }] = await t.db.query(
      `SELECT event_id FROM notifications WHERE user_id = $1 AND type = 'report.assigned'`,
      [person.id],
    );
    const job = await eventually(async () => {
      const j = await pushQueue.getJob(`${eventId}:${person.id}`);
      return j && (await j.isCompleted()) ? j : null;
    });
    expect(job.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(job.returnvalue).toMatchObject({ sent: 1, retry: [] });
    expect(job.data.tokens).toEqual(['tok-500']);
  });

  it('registers a token for the latest user and lets only its owner remove it', async () => {
    const a = await citizen(t);
    const b = await citizen(t);
    await t
      .http()
      .post('/api/v1/devices')
      .auth(a.token, { type: 'bearer' })
      .send({ token: 'tok-shared', platform: 'ios' })
      .expect(201);
    await t
      .http()
      .post('/api/v1/devices')
      .auth(b.token, { type: 'bearer' })
      .send({ token: 'tok-shared', platform: 'ios' })
      .expect(201);
    expect(await t.db.query(`SELECT user_id FROM devices WHERE token = 'tok-shared'`)).toEqual([{ user_id: b.id }]);
    await t.http().delete('/api/v1/devices/tok-shared').auth(a.token, { type: 'bearer' }).expect(404);
    await t
      .http()
      .post('/api/v1/devices')
      .auth(a.token, { type: 'bearer' })
      .send({ token: 'x', platform: 'symbian' })
      .expect(400);
    await t.http().delete('/api/v1/devices/tok-shared').auth(b.token, { type: 'bearer' }).expect(204);
    expect(await t.db.query(`SELECT 1 FROM devices WHERE token = 'tok-shared'`)).toEqual([]);
  });

  afterEach(() => {
    // An interceptor left unused means a send that should have happened did not.
    expect(nock.pendingMocks().filter((m) => m.includes('fcm.googleapis.com'))).toEqual([]);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import nock from 'nock';
import { QUEUES } from '@app/queue';
import { closeFcmEdge, fcmEdge, fcmError } from './support/fcm-edge';
import { cast, citizen, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

const PROJECT = 'pa-push-test';
const FCM_PATH = `/v1/projects/${PROJECT}/messages:send`;

interface FcmCall {
  authorization: string | undefined;
  message: { token: string; notification: { title: string; body: string }; data: Record<string, string> };
}

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
    t = await createTestApp(fcmEdge(PROJECT));
    c = await cast(t);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    closeFcmEdge();
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
    const deliveries = worker.get<Queue>(getQueueToken(QUEUES.deliveries));
    const [{ event_id: eventId }] = await t.db.query(
      `SELECT event_id FROM notifications WHERE user_id = $1 AND type = 'report.assigned'`,
      [person.id],
    );
    const job = await eventually(async () => {
      const j = await deliveries.getJob(`${eventId}:${person.id}:push`);
      return j && (await j.isCompleted()) ? j : null;
    });
    expect(job.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(job.returnvalue).toMatchObject({ status: 'delivered', detail: '1 device(s)' });
    expect(job.data.narrowed).toEqual({ pushTokens: ['tok-500'] });
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

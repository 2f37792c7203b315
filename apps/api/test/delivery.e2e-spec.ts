import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import nock from 'nock';
import { QUEUES } from '@app/queue';
import { closeFcmEdge, fcmEdge, fcmError } from './support/fcm-edge';
import { localYmd } from '@app/common/vietnam-time';
import { cast, citizen, nextPhone, reportBody } from './support/fixtures';
import { testSmsServer } from './support/sms-server';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

const PROJECT = 'pa-delivery-test';

/**
 * The delivery layer end to end (docs/channels.md): the real worker picks channels by preferences, FCM answers at
 * the network edge (nock, the real firebase-admin SDK building the requests), SMS goes through the real HTTP
 * gateway client to the local SMS provider; outcomes land on the report's timeline for staff only.
 */
describe('delivery layer: push, SMS, preferences, quiet hours, outcomes (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  const sms = testSmsServer().server;
  /** The texts a phone received other than one-time codes (the fixtures' registrations). */
  const smsTo = (phone: string) =>
    sms.received.filter((m) => m.to === phone && !/^\d{6} /.test(m.text)).map((m) => m.text);

  const file = async (token: string) =>
    (await t.http().post('/api/v1/reports').auth(token, { type: 'bearer' }).send(reportBody(c.category.id)).expect(201))
      .body as { id: string; code: string };
  const act = (token: string, reportId: string, action: string, body: object = {}) =>
    t
      .http()
      .post(`/api/v1/reports/${reportId}/actions/${action}`)
      .auth(token, { type: 'bearer' })
      .send(body)
      .expect(200);
  const askInfo = (reportId: string) =>
    act(c.screener.token, reportId, 'request-info', { question: 'Xin ảnh rõ hơn?' });
  const timeline = async (reportId: string, token: string) =>
    (await t.http().get(`/api/v1/reports/${reportId}/timeline`).auth(token, { type: 'bearer' }).expect(200))
      .body as Array<{ type: string; internal: boolean; data: Record<string, unknown> }>;
  const outcomes = async (reportId: string) =>
    (await timeline(reportId, c.screener.token)).filter((e) => e.type === 'report.delivery').map((e) => e.data);
  const dispatched = (reportId: string, type: string) =>
    eventually(async () => {
      const rows = await t.db.query(
        `SELECT id FROM report_events WHERE report_id = $1 AND type = $2 AND dispatched_at IS NOT NULL`,
        [reportId, type],
      );
      return rows[0]?.id as string | undefined;
    });

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

  it('sends the SMS when the push token is dead, and puts both outcomes on the timeline for staff only', async () => {
    const person = await citizen(t);
    await t
      .http()
      .post('/api/v1/devices')
      .auth(person.token, { type: 'bearer' })
      .send({ token: 'tok-dead', platform: 'android' })
      .expect(201);
    const fcm = nock('https://fcm.googleapis.com')
      .post(
        `/v1/projects/${PROJECT}/messages:send`,
        (b: { message?: { token?: string } }) => b.message?.token === 'tok-dead',
      )
      .reply(404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED'));
    const r = await file(person.token);
    // Filed in the app, which reaches the person: no receipt outside it.
    await dispatched(r.id, 'report.created');
    await askInfo(r.id);

    const [text] = await eventually(async () => (smsTo(person.phone).length ? smsTo(person.phone) : null));
    expect(text).toBe(`Phản ánh ${r.code} cần bổ sung thông tin. Tra cứu bằng mã này.`);
    expect(fcm.isDone()).toBe(true);
    expect(await t.db.query(`SELECT 1 FROM devices WHERE token = 'tok-dead'`)).toEqual([]);

    const seen = await eventually(async () => {
      const o = await outcomes(r.id);
      return o.length === 2 ? o : null;
    });
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'push',
          outcome: 'failed-permanent',
          detail: 'dead push token',
          fallback: 'sms',
          recipientId: person.id,
          eventType: 'report.info_requested',
        }),
        expect.objectContaining({ channel: 'sms', outcome: 'delivered', fallback: null, attempts: 1 }),
      ]),
    );
    // Neither the phone number nor the text is on the timeline.
    expect(JSON.stringify(seen)).not.toContain(person.phone);
    // The citizen reads their own timeline without any of it.
    const own = await timeline(r.id, person.token);
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((e) => e.type === 'report.delivery')).toBe(false);
  });

  it('sends the receipt with the case code by SMS to a citizen without the app, after the gateway’s 503s', async () => {
    const person = await citizen(t);
    sms.failNext = [503, 503];
    const r = await file(person.token);
    const [text] = await eventually(async () => (smsTo(person.phone).length ? smsTo(person.phone) : null), 20_000);
    expect(text).toBe(`Đã tiếp nhận phản ánh ${r.code}. Tra cứu bằng mã này.`);
    const eventId = await dispatched(r.id, 'report.created');
    const job = await eventually(async () => {
      const j = await worker.get<Queue>(getQueueToken(QUEUES.deliveries)).getJob(`${eventId}:${person.id}:sms`);
      return j && (await j.isCompleted()) ? j : null;
    });
    expect(job.attemptsMade).toBe(2);
    const [outcome] = await eventually(async () => ((await outcomes(r.id)).length ? outcomes(r.id) : null));
    expect(outcome).toMatchObject({ channel: 'sms', outcome: 'delivered', attempts: 3, eventType: 'report.created' });
  });

  it('sends the result by SMS to a citizen without the app, and nothing for the steps between', async () => {
    const person = await citizen(t);
    const r = await file(person.token);
    await eventually(async () => smsTo(person.phone).length === 1); // the receipt
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA.token, r.id, 'acknowledge');
    await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã vá ổ gà' });
    await act(c.screener.token, r.id, 'approve-result');
    await eventually(async () => smsTo(person.phone).length === 2);
    expect(smsTo(person.phone)[1]).toBe(`Phản ánh ${r.code} đã được xử lý xong. Mời bạn xem kết quả.`);
    // The assignment and acknowledgement were in the app only (normal messages cost no SMS).
    await dispatched(r.id, 'report.result_approved');
    expect(smsTo(person.phone)).toHaveLength(2);
  });

  it('keeps to the preferences: SMS switched off for requests means no SMS', async () => {
    const person = await citizen(t);
    const put = await t
      .http()
      .put('/api/v1/me/preferences')
      .auth(person.token, { type: 'bearer' })
      .send({ channels: { request: { sms: false } } })
      .expect(200);
    expect(put.body.channels.request).toEqual({ push: true, sms: false, zalo: true, email: false });
    expect(put.body.channels.receipt).toEqual({ push: true, sms: true, zalo: true, email: false });
    const got = await t.http().get('/api/v1/me/preferences').auth(person.token, { type: 'bearer' }).expect(200);
    expect(got.body).toEqual(put.body);

    const r = await file(person.token);
    await eventually(async () => smsTo(person.phone).length === 1); // the receipt: still on
    await askInfo(r.id);
    await dispatched(r.id, 'report.info_requested');
    const rows = await t.db.query(
      `SELECT d.channel FROM deliveries d JOIN report_events e ON e.id = d.event_id
        WHERE d.report_id = $1 AND e.type = 'report.info_requested'`,
      [r.id],
    );
    expect(rows).toEqual([]);
    expect(smsTo(person.phone)).toHaveLength(1);
  });

  it('holds a non-urgent message through quiet hours', async () => {
    const person = await citizen(t);
    // A window around the present moment, local time (UTC+7).
    const local = (offsetMinutes: number) => {
      const d = new Date(Date.now() + 7 * 3600_000 + offsetMinutes * 60_000);
      return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    };
    await t
      .http()
      .put('/api/v1/me/preferences')
      .auth(person.token, { type: 'bearer' })
      .send({ quietHours: { start: local(-60), end: local(120) } })
      .expect(200);
    const r = await file(person.token);
    const eventId = await dispatched(r.id, 'report.created');
    const job = await eventually(() =>
      worker.get<Queue>(getQueueToken(QUEUES.deliveries)).getJob(`${eventId}:${person.id}:sms`),
    );
    expect(await job.isDelayed()).toBe(true);
    expect(job.opts.delay).toBeGreaterThan(60 * 60_000);
    const [row] = await t.db.query(`SELECT status, not_before FROM deliveries WHERE event_id = $1`, [eventId]);
    expect(row.status).toBe('pending');
    expect(new Date(row.not_before).getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    expect(smsTo(person.phone)).toEqual([]);
  });

  it('sends a hotline caller the receipt by SMS, and the overview counts reports by intake channel', async () => {
    const day = 24 * 3600_000;
    const overview = async () =>
      (
        await t
          .http()
          .get('/api/v1/stats/overview')
          .query({
            categoryId: c.category.id,
            from: localYmd(new Date(Date.now() - day)),
            to: localYmd(new Date(Date.now() + day)),
          })
          .auth(c.leader.token, { type: 'bearer' })
          .expect(200)
      ).body.byChannel as Record<string, number>;
    const before = await overview();
    expect(Object.keys(before).sort()).toEqual(['app', 'email', 'hotline', 'open311', 'web', 'zalo']);

    const call = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({
        callerPhone: nextPhone(),
        callerName: 'Ông Phạm Văn Gọi',
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(c.category.id, { description: 'Nắp cống bị mất trên vỉa hè' }),
      })
      .expect(201);
    const { code, reporter } = call.body.report as { code: string; reporter: { phone: string } };
    const [text] = await eventually(async () => (smsTo(reporter.phone).length ? smsTo(reporter.phone) : null));
    expect(text).toBe(`Đã tiếp nhận phản ánh ${code}. Tra cứu bằng mã này.`);

    await file(c.reporter.token);
    expect(await overview()).toEqual({ ...before, hotline: before.hotline + 1, app: before.app + 1 });
  });

  it('refuses bad preferences with 400 and a stable code, and answers 401 without a session', async () => {
    const person = await citizen(t);
    const bad = async (body: object) =>
      (await t.http().put('/api/v1/me/preferences').auth(person.token, { type: 'bearer' }).send(body).expect(400)).body;
    expect((await bad({ quietHours: { start: '25:00', end: '06:00' } })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ channels: { request: { sms: 'yes' } } })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ channels: { bogus: { sms: true } } })).code).toBe('VALIDATION_FAILED');
    await t.http().get('/api/v1/me/preferences').expect(401);
  });
});

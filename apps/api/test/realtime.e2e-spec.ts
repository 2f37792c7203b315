import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { cast, reportBody } from './support/fixtures';
import { bootAnotherApi, connect, listen, type RealtimeClient } from './support/realtime-client';
import { createTestApp, eventually, startWorker, TEST_JWT_SECRET, type TestApp } from './support/test-app';

describe('real time: socket.io rooms, inbox (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  let url: string;
  const clients: RealtimeClient[] = [];

  const open = async (token: string, base = url) => {
    const client = await connect(base, token);
    clients.push(client);
    return client;
  };
  const file = async (over: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id, over))
        .expect(201)
    ).body;
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  /** Id of the latest timeline event of a type, once the worker has fanned it out. */
  const dispatched = (reportId: string, type: string) =>
    eventually(async () => {
      const [row] = await t.db.query(
        `SELECT id FROM report_events WHERE report_id = $1 AND type = $2 AND dispatched_at IS NOT NULL ORDER BY seq DESC LIMIT 1`,
        [reportId, type],
      );
      return row?.id as string | undefined;
    });
  const settle = () => new Promise((r) => setTimeout(r, 300));

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    url = await listen(t.app);
    worker = await startWorker();
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    await worker?.close();
    await t?.close();
  });

  it('refuses a socket without a valid access token', async () => {
    const expired = jwt.sign(
      { sub: c.reporter.id, roles: ['citizen'], agencyId: null, exp: Math.floor(Date.now() / 1000) - 60 },
      TEST_JWT_SECRET,
    );
    const forged = jwt.sign(
      { sub: c.reporter.id, roles: ['admin'], agencyId: null },
      'another-secret-that-is-long-enough-0123456789',
    );
    for (const token of [undefined, '', 'not-a-jwt', expired, forged]) {
      await expect(connect(url, token)).rejects.toThrow('UNAUTHENTICATED');
    }
    const ok = await open(c.reporter.token);
    expect(ok.socket.connected).toBe(true);
  });

  it('disconnects a socket when its access token expires, and only that socket', async () => {
    // One periodic sweep closes expired sockets (no timer per socket): within a sweep of the expiry.
    // The claims of a real session of the reporter (session version 0, a session of its own), but expiring in 2 s.
    const short = jwt.sign(
      {
        sub: c.reporter.id,
        roles: ['citizen'],
        agencyId: null,
        sv: 0,
        sid: randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 2,
      },
      TEST_JWT_SECRET,
    );
    const expiring = await open(short);
    const live = await open(c.reporter.token);
    const reason = new Promise<string>((resolve) => {
      expiring.socket.once('disconnect', resolve);
      setTimeout(() => resolve('still connected 6 s later'), 6000).unref();
    });
    expect(expiring.socket.connected).toBe(true);
    expect(await reason).toBe('io server disconnect');
    await settle();
    expect(live.socket.connected).toBe(true);
    expect(await live.emitWithAck('unsubscribe', { reportId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      ok: true,
    });
  });

  it('tells the reporter and the agency, not other people, that a report was assigned; and fills the inbox', async () => {
    const r = await file();
    const [reporter, officerA, other, officerB] = await Promise.all(
      [c.reporter, c.officerA, c.otherCitizen, c.officerB].map((u) => open(u.token)),
    );
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
    const isThis = (p: Record<string, unknown>) => p.reportId === r.id;

    const seen = await reporter.waitFor('report.status_changed', isThis);
    expect(seen.payload).toMatchObject({
      reportId: r.id,
      code: r.code,
      fromStatus: 'received',
      toStatus: 'assigned',
      action: 'assign',
    });
    const eventId = seen.payload.eventId as string;
    expect(eventId).toBe(await dispatched(r.id, 'report.assigned'));
    await officerA.waitFor('report.status_changed', (p) => p.eventId === eventId);
    await officerA.waitFor('report.assigned', (p) => p.eventId === eventId && p.agencyId === c.agencyA.id);
    const note = await reporter.waitFor('notification', (p) => p.eventId === eventId);
    expect(note.payload).toMatchObject({
      reportId: r.id,
      readAt: null,
      body: expect.stringContaining(`Phản ánh ${r.code} đã được chuyển xử lý`),
    });

    await settle();
    expect(other.got.filter((m) => m.payload?.reportId === r.id)).toEqual([]);
    expect(officerB.got.filter((m) => m.payload?.reportId === r.id)).toEqual([]);
    // Delivered once per event, whatever the number of rooms a socket is in.
    expect(
      reporter
        .about(eventId)
        .map((m) => m.event)
        .sort(),
    ).toEqual(['notification', 'report.status_changed']);

    // The inbox holds the same row; reading it is the owner's business only.
    const inbox = await t
      .http()
      .get('/api/v1/notifications?unread=true')
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(200);
    expect(inbox.body).toMatchObject({ page: 1, pageSize: 20 });
    const row = inbox.body.items.find((n: { eventId: string }) => n.eventId === eventId);
    expect(row).toMatchObject({ id: note.payload.id, reportId: r.id, type: 'report.assigned', readAt: null });
    const unreadBefore = inbox.body.total;
    await t
      .http()
      .post(`/api/v1/notifications/${row.id}/read`)
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(404);
    await t
      .http()
      .post(`/api/v1/notifications/${c.reporter.id}/read`)
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(404);
    const read = await t
      .http()
      .post(`/api/v1/notifications/${row.id}/read`)
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await t
      .http()
      .get('/api/v1/notifications?unread=true')
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(200);
    expect(after.body.total).toBe(unreadBefore - 1);
    expect(after.body.items.map((n: { id: string }) => n.id)).not.toContain(row.id);
    const all = await t.http().get('/api/v1/notifications').auth(c.reporter.token, { type: 'bearer' }).expect(200);
    expect(all.body.items.find((n: { id: string }) => n.id === row.id).readAt).toBe(read.body.readAt);
    const others = await t
      .http()
      .get('/api/v1/notifications')
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(200);
    expect(others.body.items.filter((n: { reportId: string }) => n.reportId === r.id)).toEqual([]);
  });

  it('lets a client subscribe to reports it may see, and only those', async () => {
    const privateReport = await file({ isPublic: false });
    const unscreened = await file();
    const publicReport = await file();
    // Published once the centre screens it (docs/domain.md#privacy).
    await t
      .http()
      .post(`/api/v1/reports/${publicReport.id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    const other = await open(c.otherCitizen.token);
    const screener = await open(c.screener.token);

    expect(await other.emitWithAck('subscribe', { reportId: privateReport.id })).toEqual({ error: 'NOT_FOUND' });
    expect(await other.emitWithAck('subscribe', { reportId: unscreened.id })).toEqual({ error: 'NOT_FOUND' });
    expect(await other.emitWithAck('subscribe', { reportId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      error: 'NOT_FOUND',
    });
    expect(await other.emitWithAck('subscribe', { reportId: 'x' })).toEqual({ error: 'VALIDATION_FAILED' });
    expect(await other.emitWithAck('subscribe', { reportId: publicReport.id })).toEqual({
      ok: true,
      reportId: publicReport.id,
    });
    expect(await screener.emitWithAck('subscribe', { reportId: privateReport.id })).toEqual({
      ok: true,
      reportId: privateReport.id,
    });

    await act(c.screener.token, privateReport.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA.token, publicReport.id, 'acknowledge');
    await other.waitFor('report.status_changed', (p) => p.reportId === publicReport.id && p.toStatus === 'in_progress');
    await screener.waitFor('report.status_changed', (p) => p.reportId === privateReport.id);
    await dispatched(privateReport.id, 'report.assigned');
    await settle();
    expect(other.got.filter((m) => m.payload?.reportId === privateReport.id)).toEqual([]);
  });

  it('keeps internal notes from the reporter, who hears public ones', async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
    await dispatched(r.id, 'report.assigned');
    const [reporter, officerA] = await Promise.all([open(c.reporter.token), open(c.officerA.token)]);
    expect(await reporter.emitWithAck('subscribe', { reportId: r.id })).toEqual({ ok: true, reportId: r.id });

    await act(c.officerA.token, r.id, 'note', { text: 'Ghi chú nội bộ: thiếu kinh phí', internal: true });
    await officerA.waitFor('report.note_added', (p) => p.reportId === r.id && p.internal === true);
    await dispatched(r.id, 'report.note_added');
    await act(c.officerA.token, r.id, 'note', { text: 'Đơn vị đã khảo sát hiện trường', internal: false });
    await reporter.waitFor(
      'report.note_added',
      (p) => p.reportId === r.id && p.text === 'Đơn vị đã khảo sát hiện trường',
    );
    await reporter.waitFor('notification', (p) => p.reportId === r.id && String(p.body).includes('khảo sát'));
    await settle();
    expect(JSON.stringify(reporter.got)).not.toContain('nội bộ');
  });

  describe('with two API processes', () => {
    let second: { app: NestFastifyApplication; url: string };
    beforeAll(async () => {
      second = await bootAnotherApi();
    });
    afterAll(async () => {
      await second?.app.close();
    });

    it('delivers to a client of one process what was caused through the other', async () => {
      const r = await file();
      const onSecond = await open(c.reporter.token, second.url);
      const leaderOnSecond = await open(c.leaderA.token, second.url);
      const onFirst = await open(c.officerA.token);
      await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
      const seen = await onSecond.waitFor('report.status_changed', (p) => p.reportId === r.id);
      await leaderOnSecond.waitFor('report.assigned', (p) => p.eventId === seen.payload.eventId);
      await onFirst.waitFor('report.status_changed', (p) => p.eventId === seen.payload.eventId);
      // And the other way round: an action through the second process's HTTP reaches a client of the first.
      await request(second.app.getHttpServer())
        .post(`/api/v1/reports/${r.id}/actions/acknowledge`)
        .auth(c.officerA.token, { type: 'bearer' })
        .send({})
        .expect(200);
      const ack = await onFirst.waitFor(
        'report.status_changed',
        (p) => p.reportId === r.id && p.toStatus === 'in_progress',
      );
      await onSecond.waitFor('report.status_changed', (p) => p.eventId === ack.payload.eventId);
    });
  });
});

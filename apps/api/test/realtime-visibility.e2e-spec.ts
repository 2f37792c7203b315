import type { INestApplicationContext } from '@nestjs/common';
import { cast, citizen, reportBody, staff, type Login } from './support/fixtures';
import { bootAnotherApi, connect, listen, type RealtimeClient } from './support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

/**
 * Real time respects who may hear what at the moment of each event, not at the moment someone subscribed or
 * logged in: a case moved to another agency, a report made private, an account changed. Negative checks wait for
 * a later message on the same socket: the worker publishes in order through one connection, so whatever was
 * dispatched before that message would have arrived before it.
 */
describe('real time: what reaches whom when visibility changes (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  let url: string;
  const clients: RealtimeClient[] = [];

  const ADDRESS = 'số 17 ngõ 42 Lương Ngọc Quyến';
  const PHONE = '0987654321';

  const open = async (token: string, base = url) => {
    const client = await connect(base, token);
    clients.push(client);
    return client;
  };
  const file = async (who: Login = c.reporter, over: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(who.token, { type: 'bearer' })
        .send(reportBody(c.category.id, over))
        .expect(201)
    ).body;
  const act = (who: Login, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(who.token, { type: 'bearer' }).send(body).expect(200);
  /** Id of the latest timeline event of a type, once the worker has fanned it out. */
  const dispatched = (reportId: string, type: string) =>
    eventually(async () => {
      const [row] = await t.db.query(
        `SELECT id FROM report_events WHERE report_id = $1 AND type = $2 AND dispatched_at IS NOT NULL ORDER BY seq DESC LIMIT 1`,
        [reportId, type],
      );
      return row?.id as string | undefined;
    });
  /** Waits until every timeline event of the report has been fanned out. */
  const allDispatched = (reportId: string) =>
    eventually(async () => {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM report_events WHERE report_id = $1 AND dispatched_at IS NULL`,
        [reportId],
      );
      return n === 0;
    });
  const inboxLine = (who: Login, eventId: string) =>
    eventually(async () => {
      const res = await t
        .http()
        .get('/api/v1/notifications?pageSize=100')
        .auth(who.token, { type: 'bearer' })
        .expect(200);
      return (res.body.items as Array<{ eventId: string; title: string; body: string }>).find(
        (n) => n.eventId === eventId,
      );
    });
  /** Resolves with the reason once the server closes the socket. */
  const closed = (client: RealtimeClient) =>
    new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
  const aboutReport = (client: RealtimeClient, reportId: string) =>
    client.got.filter((m) => m.payload?.reportId === reportId);

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

  it('stops telling an agency about a case once the centre gives it to another agency', async () => {
    const r = await file();
    await act(c.screener, r.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA, r.id, 'acknowledge');
    await allDispatched(r.id);
    const [officerA, officerB, reporter] = await Promise.all(
      [c.officerA, c.officerB, c.reporter].map((u) => open(u.token)),
    );
    expect(await officerA.emitWithAck('subscribe', { reportId: r.id })).toEqual({ ok: true, reportId: r.id });

    await act(c.screener, r.id, 'assign', { agencyId: c.agencyB.id });
    // Agency A is told that the case left it...
    await officerA.waitFor('report.status_changed', (p) => p.reportId === r.id && p.type === 'report.reassigned');
    await act(c.officerB, r.id, 'acknowledge');
    await act(c.officerB, r.id, 'note', { text: `Đã gặp người phản ánh tại ${ADDRESS}`, internal: false });
    await act(c.officerB, r.id, 'request-info', { question: `Đề nghị gọi lại số ${PHONE}` });
    const info = await dispatched(r.id, 'report.info_requested');
    await allDispatched(r.id);

    // ...and agency B and the reporter hear what follows,
    await officerB.waitFor('report.note_added', (p) => p.reportId === r.id && String(p.text).includes(ADDRESS));
    await officerB.waitFor('report.status_changed', (p) => p.eventId === info);
    await reporter.waitFor('report.note_added', (p) => p.reportId === r.id && String(p.text).includes(ADDRESS));
    await reporter.waitFor('notification', (p) => p.eventId === info && String(p.body).includes(PHONE));

    // ...while agency A hears nothing more of it: a later case for agency A arrives, the rest never did.
    const marker = await file();
    await act(c.screener, marker.id, 'assign', { agencyId: c.agencyA.id });
    await officerA.waitFor('report.assigned', (p) => p.reportId === marker.id);
    expect(aboutReport(officerA, r.id).map((m) => m.payload.type)).toEqual(['report.reassigned']);
    expect(JSON.stringify(officerA.got)).not.toContain(ADDRESS);
    expect(JSON.stringify(officerA.got)).not.toContain(PHONE);
    // Nor may it subscribe again: the case is another agency's now.
    expect(await officerA.emitWithAck('subscribe', { reportId: r.id })).toEqual({ error: 'NOT_FOUND' });
  });

  it("gives the public a public report's status changes only, and nothing once the report is private", async () => {
    const r = await file();
    const stranger = await open(c.otherCitizen.token);
    // Nothing is public before the centre screens it (docs/domain.md#privacy): no room to join yet.
    expect(await stranger.emitWithAck('subscribe', { reportId: r.id })).toEqual({ error: 'NOT_FOUND' });
    await act(c.screener, r.id, 'assign', { agencyId: c.agencyA.id });
    await allDispatched(r.id);
    expect(await stranger.emitWithAck('subscribe', { reportId: r.id })).toEqual({ ok: true, reportId: r.id });
    await act(c.officerA, r.id, 'note', { text: `Người phản ánh ở ${ADDRESS}`, internal: false });
    await act(c.officerA, r.id, 'acknowledge');
    await stranger.waitFor('report.status_changed', (p) => p.reportId === r.id && p.toStatus === 'in_progress');

    // No route changes a report's privacy yet; the row is what the dispatcher reads at each event.
    await t.db.query(`UPDATE reports SET is_public = false WHERE id = $1`, [r.id]);
    await act(c.officerA, r.id, 'request-info', { question: 'Đề nghị gửi thêm ảnh' });
    await allDispatched(r.id);
    // A later message to the stranger's own room: their own new report.
    const own = await file(c.otherCitizen);
    await stranger.waitFor('report.created', (p) => p.reportId === own.id);

    expect(aboutReport(stranger, r.id).map((m) => `${m.event} ${m.payload.toStatus}`)).toEqual([
      'report.status_changed in_progress',
    ]);
    expect(JSON.stringify(stranger.got)).not.toContain(ADDRESS);
    expect(await stranger.emitWithAck('subscribe', { reportId: r.id })).toEqual({ error: 'NOT_FOUND' });
  });

  it('tells followers that the status changed, and only the reporter what was asked or noted', async () => {
    const r = await file();
    // Screened and with the agency: a citizen may follow only a published report (docs/domain.md#privacy).
    await act(c.screener, r.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA, r.id, 'acknowledge');
    await allDispatched(r.id);
    const fan = await citizen(t, 'Lê Văn Theo');
    await t.http().post(`/api/v1/reports/${r.id}/follow`).auth(fan.token, { type: 'bearer' }).expect(200);
    const [fanSocket, reporter] = await Promise.all([open(fan.token), open(c.reporter.token)]);

    await act(c.officerA, r.id, 'request-info', { question: `Ông/bà vui lòng gọi ${PHONE}, cho biết ${ADDRESS}?` });
    const info = await dispatched(r.id, 'report.info_requested');
    const fanLine = await inboxLine(fan, info);
    expect(fanLine.title).toContain(r.code);
    expect(`${fanLine.title} ${fanLine.body}`).toContain('Chờ bổ sung thông tin');
    expect(`${fanLine.title} ${fanLine.body}`).not.toContain(PHONE);
    expect((await inboxLine(c.reporter, info)).body).toContain(PHONE);

    await act(c.screener, r.id, 'note', { text: `Cán bộ sẽ đến ${ADDRESS}`, internal: false });
    const note = await dispatched(r.id, 'report.note_added');
    await reporter.waitFor('report.note_added', (p) => p.eventId === note && String(p.text).includes(ADDRESS));
    await act(c.reporter, r.id, 'provide-info', { text: `Nhà tôi ở ${ADDRESS}` });
    // The follower hears the answer's status change, a message later than the note and the question.
    const answer = await dispatched(r.id, 'report.info_provided');
    await fanSocket.waitFor('report.status_changed', (p) => p.eventId === answer);
    await fanSocket.waitFor('notification', (p) => p.eventId === answer);

    expect(fanSocket.about(note)).toEqual([]);
    expect(JSON.stringify(fanSocket.got)).not.toContain(ADDRESS);
    expect(JSON.stringify(fanSocket.got)).not.toContain(PHONE);
    const fanInbox = await t
      .http()
      .get('/api/v1/notifications?pageSize=100')
      .auth(fan.token, { type: 'bearer' })
      .expect(200);
    expect(JSON.stringify(fanInbox.body)).not.toContain(ADDRESS);
    expect(fanInbox.body.items.map((n: { eventId: string }) => n.eventId)).not.toContain(note);
  });

  describe('when an account changes', () => {
    let second: Awaited<ReturnType<typeof bootAnotherApi>>;
    beforeAll(async () => {
      second = await bootAnotherApi();
    });
    afterAll(async () => {
      await second?.app.close();
    });

    it('closes its sockets in every API process; the old token is refused, a refreshed one has the new rooms', async () => {
      const moved = await staff(t, ['agency_officer'], c.agencyA.id);
      const [here, there] = await Promise.all([open(moved.token), open(moved.token, second.url)]);
      const stayer = await open(c.officerA.token);
      const reasons = Promise.all([closed(here), closed(there)]);
      await t
        .http()
        .patch(`/api/v1/admin/users/${moved.id}`)
        .auth(c.admin.token, { type: 'bearer' })
        .send({ agencyId: c.agencyB.id })
        .expect(200);
      expect(await reasons).toEqual(['io server disconnect', 'io server disconnect']);

      // The access token still says agency A: its session ended with the change. A refreshed token says B.
      await expect(connect(url, moved.token)).rejects.toThrow('UNAUTHENTICATED');
      const fresh = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: moved.refreshToken }).expect(200);
      const again = await open(fresh.body.accessToken);
      const toA = await file();
      await act(c.screener, toA.id, 'assign', { agencyId: c.agencyA.id });
      await stayer.waitFor('report.assigned', (p) => p.reportId === toA.id);
      await allDispatched(toA.id);
      const toB = await file();
      await act(c.screener, toB.id, 'assign', { agencyId: c.agencyB.id });
      await again.waitFor('report.assigned', (p) => p.reportId === toB.id);
      expect(aboutReport(again, toA.id)).toEqual([]);
      expect(await again.emitWithAck('subscribe', { reportId: toA.id })).toEqual({ error: 'NOT_FOUND' });
      expect(stayer.socket.connected).toBe(true);
    });

    it('refuses a locked account its sockets', async () => {
      const locked = await staff(t, ['screener']);
      const socket = await open(locked.token);
      const reason = closed(socket);
      await t.http().post(`/api/v1/admin/users/${locked.id}/lock`).auth(c.admin.token, { type: 'bearer' }).expect(200);
      expect(await reason).toBe('io server disconnect');
      await expect(connect(url, locked.token)).rejects.toThrow('UNAUTHENTICATED');
    });

    it('closes the sockets of a citizen who deletes their account, and refuses them back', async () => {
      const person = await citizen(t, 'Phạm Thị Xóa');
      const socket = await open(person.token);
      const reason = closed(socket);
      await t.http().delete('/api/v1/me').auth(person.token, { type: 'bearer' }).expect(204);
      expect(await reason).toBe('io server disconnect');
      await expect(connect(url, person.token)).rejects.toThrow('UNAUTHENTICATED');
    });
  });
});

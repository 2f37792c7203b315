import type { INestApplicationContext } from '@nestjs/common';
import { agency, cast, reportBody, staff } from './support/fixtures';
import { connect, listen, type RealtimeClient } from './support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

// Delegation inside an agency (docs/domain.md#delegation), through the real routes and the real worker: who may
// delegate and to whom, the assignee in the views and on the timeline, clearing when the case leaves the agency,
// the officer's inbox and socket, the load per officer, the "mine" filter, and two leaders at once.

jest.setTimeout(120_000);

describe('delegation inside an agency (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  let url: string;
  const sockets: RealtimeClient[] = [];
  /** A second officer and a second leader of agency A. */
  let officerA2: Awaited<ReturnType<typeof staff>>;
  let leaderA2: Awaited<ReturnType<typeof staff>>;
  let leaderB: Awaited<ReturnType<typeof staff>>;

  const http = () => t.http();
  const act = (token: string, id: string, slug: string, body: object) =>
    http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token, { type: 'bearer' }).send(body);
  const get = (token: string, path: string) => http().get(path).auth(token, { type: 'bearer' });
  const file = async (categoryId = c.category.id) =>
    (
      await http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(categoryId))
        .expect(201)
    ).body as { id: string; code: string };
  /** A case agency A holds, acknowledged. */
  const held = async (agencyId = c.agencyA.id, officer = c.officerA.token) => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId }).expect(200);
    await act(officer, r.id, 'acknowledge', {}).expect(200);
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    [officerA2, leaderA2, leaderB] = await Promise.all([
      staff(t, ['agency_officer'], c.agencyA.id),
      staff(t, ['agency_leader'], c.agencyA.id),
      staff(t, ['agency_leader'], c.agencyB.id),
    ]);
    url = await listen(t.app);
    worker = await startWorker();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await worker?.close();
    await t?.close();
  });

  it('the agency leader gives the case to an officer, reassigns and clears it; views and timeline say so', async () => {
    const r = await held();
    const leaderView = await get(c.leaderA.token, `/api/v1/reports/${r.id}`).expect(200);
    expect(leaderView.body.assignee).toBeNull();
    expect(leaderView.body.allowedActions).toContain('delegate');
    // Offered only to the case agency's leader.
    for (const who of [c.officerA, c.screener, c.leader]) {
      expect((await get(who.token, `/api/v1/reports/${r.id}`).expect(200)).body.allowedActions).not.toContain(
        'delegate',
      );
    }

    const given = await act(c.leaderA.token, r.id, 'delegate', { assigneeId: c.officerA.id, note: 'Anh phụ trách' });
    expect(given.status).toBe(200);
    expect(given.body.assignee).toEqual({ id: c.officerA.id, fullName: expect.stringMatching(/^Cán bộ /) });
    // Staff of the centre see who holds it; the reporter does not.
    expect((await get(c.screener.token, `/api/v1/reports/${r.id}`).expect(200)).body.assignee.id).toBe(c.officerA.id);
    expect((await get(c.reporter.token, `/api/v1/reports/${r.id}`).expect(200)).body).not.toHaveProperty('assignee');

    await act(c.leaderA.token, r.id, 'delegate', { assigneeId: officerA2.id }).expect(200);
    const cleared = await act(leaderA2.token, r.id, 'delegate', { assigneeId: null }).expect(200);
    expect(cleared.body.assignee).toBeNull();

    const timeline = (await get(c.leaderA.token, `/api/v1/reports/${r.id}/timeline`).expect(200)).body as Array<{
      type: string;
      internal: boolean;
      data: Record<string, unknown>;
    }>;
    expect(timeline.filter((e) => e.type === 'report.delegated').map((e) => [e.internal, e.data])).toEqual([
      [true, { agencyId: c.agencyA.id, assigneeId: c.officerA.id, previousAssigneeId: null, note: 'Anh phụ trách' }],
      [true, { agencyId: c.agencyA.id, assigneeId: officerA2.id, previousAssigneeId: c.officerA.id, note: null }],
      [true, { agencyId: c.agencyA.id, assigneeId: null, previousAssigneeId: officerA2.id, note: null }],
    ]);
    // Internal: the reporter's timeline does not show it.
    const theirs = (await get(c.reporter.token, `/api/v1/reports/${r.id}/timeline`).expect(200)).body;
    expect(theirs.map((e: { type: string }) => e.type)).not.toContain('report.delegated');
    // Clearing what is not delegated, or giving it to whom already has it, is a conflict with the state.
    const again = await act(c.leaderA.token, r.id, 'delegate', { assigneeId: null });
    expect([again.status, again.body.code, again.body.details.reason]).toEqual([
      409,
      'INVALID_TRANSITION',
      'not_delegated',
    ]);
  });

  it('refuses whoever may not delegate, and whoever may not be given the case, each with a clear code', async () => {
    const r = await held();
    const body = { assigneeId: officerA2.id };
    const officer = await act(c.officerA.token, r.id, 'delegate', body);
    expect([officer.status, officer.body.code, officer.body.details.reason]).toEqual([
      403,
      'FORBIDDEN',
      'not_agency_leader',
    ]);
    const reporter = await act(c.reporter.token, r.id, 'delegate', body);
    expect([reporter.status, reporter.body.code]).toEqual([403, 'FORBIDDEN']);
    // Who cannot see the case at all: another agency's staff, another citizen.
    for (const who of [leaderB, c.officerB, c.otherCitizen]) {
      expect((await act(who.token, r.id, 'delegate', body)).status).toBe(404);
    }

    const outsider = await staff(t, ['agency_officer'], c.agencyA.id);
    await http().post(`/api/v1/admin/users/${outsider.id}/lock`).auth(c.admin.token, { type: 'bearer' }).expect(200);
    const refusals: Array<[string, string]> = [
      [c.officerB.id, 'assignee_other_agency'],
      [c.otherCitizen.id, 'assignee_not_officer'],
      [c.leaderA.id, 'assignee_not_officer'],
      [outsider.id, 'assignee_inactive'],
      ['00000000-0000-4000-8000-000000000000', 'assignee_not_found'],
    ];
    for (const [assigneeId, reason] of refusals) {
      const res = await act(c.leaderA.token, r.id, 'delegate', { assigneeId });
      expect([assigneeId, res.status, res.body.code, res.body.details.reason]).toEqual([
        assigneeId,
        400,
        'VALIDATION_FAILED',
        reason,
      ]);
    }
    // The body: the field must be sent (null clears), and be an id.
    expect((await act(c.leaderA.token, r.id, 'delegate', {})).status).toBe(400);
    expect((await act(c.leaderA.token, r.id, 'delegate', { assigneeId: 'someone' })).status).toBe(400);
    // Not on a case that is not open any more.
    const done = await held();
    await act(c.officerA.token, done.id, 'submit-result', { text: 'Đã vá xong' }).expect(200);
    await act(c.screener.token, done.id, 'approve-result', {}).expect(200);
    const late = await act(c.leaderA.token, done.id, 'delegate', body);
    expect([late.status, late.body.code, late.body.details.currentStatus]).toEqual([
      409,
      'INVALID_TRANSITION',
      'resolved',
    ]);
  });

  it('clears the assignee when the case leaves the agency: returned, or reassigned by the centre', async () => {
    const returned = await held();
    await act(c.leaderA.token, returned.id, 'delegate', { assigneeId: c.officerA.id }).expect(200);
    await act(c.officerA.token, returned.id, 'return', { reason: 'Không thuộc thẩm quyền' }).expect(200);
    const back = await get(c.screener.token, `/api/v1/reports/${returned.id}`).expect(200);
    expect([back.body.status, back.body.agencyId, back.body.assignee]).toEqual(['received', null, null]);

    const moved = await held();
    await act(c.leaderA.token, moved.id, 'delegate', { assigneeId: c.officerA.id }).expect(200);
    await act(c.screener.token, moved.id, 'assign', { agencyId: c.agencyB.id }).expect(200);
    const there = await get(c.officerB.token, `/api/v1/reports/${moved.id}`).expect(200);
    expect([there.body.agencyId, there.body.assignee]).toEqual([c.agencyB.id, null]);
    const [row] = await t.db.query(`SELECT assignee_id FROM reports WHERE id = $1`, [moved.id]);
    expect(row.assignee_id).toBeNull();
  });

  it("reaches the officer given the case (inbox and socket), not the agency's other people", async () => {
    const r = await held();
    const socket = await connect(url, officerA2.token);
    sockets.push(socket);
    const res = await act(c.leaderA.token, r.id, 'delegate', { assigneeId: officerA2.id, note: 'Ưu tiên xử lý' });
    expect(res.status).toBe(200);
    const message = await socket.waitFor('notification', (p) => p.reportId === r.id && p.type === 'report.delegated');
    expect(message.payload).toMatchObject({ title: `Được giao xử lý: ${r.code}` });
    const line = await eventually(async () => {
      const inbox = await get(officerA2.token, '/api/v1/notifications').expect(200);
      return inbox.body.items.find(
        (n: { reportId: string; type: string }) => n.reportId === r.id && n.type === 'report.delegated',
      );
    });
    expect(line.body).toContain(`Lãnh đạo đơn vị giao bạn xử lý phản ánh ${r.code}.`);
    expect(line.body).toContain('Ưu tiên xử lý');
    // Dispatched: the others of the agency got no line for it.
    await eventually(async () => {
      const [e] = await t.db.query(
        `SELECT dispatched_at FROM report_events WHERE report_id = $1 AND type = 'report.delegated'`,
        [r.id],
      );
      return e?.dispatched_at;
    });
    for (const other of [c.officerA, c.leaderA, leaderA2]) {
      const inbox = await get(other.token, '/api/v1/notifications').expect(200);
      const lines = inbox.body.items.filter((n: { reportId: string; type: string }) => n.reportId === r.id);
      expect(lines.map((n: { type: string }) => n.type)).not.toContain('report.delegated');
    }
    // Given to another officer: the one replaced hears that it is no longer theirs.
    await act(c.leaderA.token, r.id, 'delegate', { assigneeId: c.officerA.id }).expect(200);
    const off = await socket.waitFor('notification', (p) => p.reportId === r.id && p.title !== message.payload.title);
    expect(off.payload).toMatchObject({
      title: `Thôi giao xử lý: ${r.code}`,
      body: `Phản ánh ${r.code} không còn giao cho bạn xử lý.`,
    });
  });

  describe('load per officer and the "mine" filter', () => {
    let agencyC: { id: string };
    let headC: Awaited<ReturnType<typeof staff>>;
    let one: Awaited<ReturnType<typeof staff>>;
    let two: Awaited<ReturnType<typeof staff>>;
    let idle: Awaited<ReturnType<typeof staff>>;
    const cases: Record<string, string> = {};

    beforeAll(async () => {
      agencyC = await agency(t, 'UBND phường Gia Sàng');
      [headC, one, two, idle] = await Promise.all([
        staff(t, ['agency_leader'], agencyC.id),
        staff(t, ['agency_officer'], agencyC.id),
        staff(t, ['agency_officer'], agencyC.id),
        staff(t, ['agency_officer'], agencyC.id),
      ]);
      for (const name of ['oneLate', 'oneOnTime', 'twoOpen', 'twoDone', 'nobody']) {
        cases[name] = (await held(agencyC.id, one.token)).id;
      }
      await act(headC.token, cases.oneLate, 'delegate', { assigneeId: one.id }).expect(200);
      await act(headC.token, cases.oneOnTime, 'delegate', { assigneeId: one.id }).expect(200);
      await act(headC.token, cases.twoOpen, 'delegate', { assigneeId: two.id }).expect(200);
      await act(headC.token, cases.twoDone, 'delegate', { assigneeId: two.id }).expect(200);
      // One of officer one's cases is overdue (its deadline passed an hour ago); one of two's is resolved.
      await t.db.query(`UPDATE reports SET due_at = now() - interval '1 hour' WHERE id = $1`, [cases.oneLate]);
      await act(two.token, cases.twoDone, 'submit-result', { text: 'Đã xử lý' }).expect(200);
      await act(c.screener.token, cases.twoDone, 'approve-result', {}).expect(200);
    });

    it('gives the agency leader open and overdue cases per officer, the idle ones and the undelegated ones too', async () => {
      const res = await get(headC.token, '/api/v1/reports/workload').expect(200);
      expect(res.body.agencyId).toBe(agencyC.id);
      const byId = Object.fromEntries(
        res.body.officers.map((o: { id: string; open: number; overdue: number; active: boolean }) => [
          o.id,
          [o.open, o.overdue, o.active],
        ]),
      );
      expect(byId).toEqual({ [one.id]: [2, 1, true], [two.id]: [1, 0, true], [idle.id]: [0, 0, true] });
      expect(res.body.officers[0].id).toBe(one.id);
      expect(res.body.unassigned).toEqual({ open: 1, overdue: 0 });

      // An officer moved to another agency still holds a case: listed, not active, for the leader to redo.
      await http()
        .patch(`/api/v1/admin/users/${two.id}`)
        .auth(c.admin.token, { type: 'bearer' })
        .send({ agencyId: c.agencyB.id })
        .expect(200);
      const after = await get(headC.token, '/api/v1/reports/workload').expect(200);
      expect(after.body.officers.find((o: { id: string }) => o.id === two.id)).toMatchObject({
        open: 1,
        active: false,
      });
      await http()
        .patch(`/api/v1/admin/users/${two.id}`)
        .auth(c.admin.token, { type: 'bearer' })
        .send({ agencyId: agencyC.id })
        .expect(200);
    });

    it("is the agency leader's for their own agency, and the centre's for the agency it names", async () => {
      const other = await get(headC.token, `/api/v1/reports/workload?agencyId=${c.agencyA.id}`);
      expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await get(one.token, '/api/v1/reports/workload')).status).toBe(403);
      expect((await get(c.reporter.token, '/api/v1/reports/workload')).status).toBe(403);
      expect((await get(c.screener.token, '/api/v1/reports/workload')).status).toBe(400);
      const centre = await get(c.screener.token, `/api/v1/reports/workload?agencyId=${agencyC.id}`).expect(200);
      expect(centre.body.unassigned).toEqual({ open: 1, overdue: 0 });
    });

    it("lists \"mine\" for an officer, anyone's or nobody's for the leader, and refuses an officer another's", async () => {
      const ids = async (token: string, query: string) =>
        ((await get(token, `/api/v1/reports?${query}`).expect(200)).body.items as Array<{ id: string }>)
          .map((r) => r.id)
          .sort();
      expect(await ids(one.token, 'assignee=me')).toEqual([cases.oneLate, cases.oneOnTime].sort());
      expect(await ids(one.token, 'assignee=me&overdue=true')).toEqual([cases.oneLate]);
      expect(await ids(headC.token, `assignee=${one.id}`)).toEqual([cases.oneLate, cases.oneOnTime].sort());
      expect(await ids(headC.token, 'assignee=none')).toEqual([cases.nobody]);
      expect(await ids(idle.token, 'assignee=me')).toEqual([]);
      // An agency leader's filter never reaches beyond their agency.
      expect(await ids(c.leaderA.token, `assignee=${one.id}`)).toEqual([]);
      const refused = await get(one.token, `/api/v1/reports?assignee=${idle.id}`);
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await get(one.token, '/api/v1/reports?assignee=everyone')).status).toBe(400);
      // The list shows each case's assignee.
      const listed = (await get(headC.token, `/api/v1/reports?assignee=${one.id}`).expect(200)).body.items;
      expect(listed.map((r: { assignee: { id: string } }) => r.assignee.id)).toEqual([one.id, one.id]);
    });
  });

  it('two leaders delegating at once: exactly one wins, the other gets 409', async () => {
    const r = await held();
    const { version } = (await get(c.leaderA.token, `/api/v1/reports/${r.id}`).expect(200)).body;
    // With the version they saw: the second finds it changed.
    const raced = await Promise.all([
      act(c.leaderA.token, r.id, 'delegate', { assigneeId: c.officerA.id, expectedVersion: version }),
      act(leaderA2.token, r.id, 'delegate', { assigneeId: officerA2.id, expectedVersion: version }),
    ]);
    expect(raced.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(raced.find((x) => x.status === 409)!.body.code).toBe('VERSION_CONFLICT');
    const winner = raced.find((x) => x.status === 200)!.body.assignee.id;
    expect((await get(c.leaderA.token, `/api/v1/reports/${r.id}`).expect(200)).body.assignee.id).toBe(winner);

    // Both giving it to the same officer without a version: the second finds it done.
    const s = await held();
    const same = await Promise.all([
      act(c.leaderA.token, s.id, 'delegate', { assigneeId: officerA2.id }),
      act(leaderA2.token, s.id, 'delegate', { assigneeId: officerA2.id }),
    ]);
    expect(same.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(same.find((x) => x.status === 409)!.body.details.reason).toBe('already_delegated');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM report_events WHERE report_id = $1 AND type = 'report.delegated'`,
      [s.id],
    );
    expect(n).toBe(1);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { localYmd } from '@app/common/vietnam-time';
import { AgenciesService } from '@app/reference';
import { cast, reportBody, staff, type Login } from './support/fixtures';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

// The agency tree (docs/domain.md#agency-tree) through the real routes and the real worker: levels set by the
// admin, a case handed down to a unit within the deadline given or a shorter one (never longer), handed back up with
// a reason or pulled back by the parent, each step on the timeline and heard by the unit, exactly one of two
// concurrent moves winning; and oversight: the parent's leader sees its units' cases, siblings and others nothing.

jest.setTimeout(120_000);

type Timeline = Array<{ type: string; internal: boolean; data: Record<string, unknown> }>;

describe('agency tree: passing a case down and back, oversight (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  /** Agency A's units U (with an officer and a leader) and S (a sibling, with a leader). */
  let unitU: { id: string };
  let unitS: { id: string };
  let officerU: Login;
  let leaderU: Login;
  let leaderS: Login;
  let leaderB: Login;

  const http = () => t.http();
  const act = (who: Login, id: string, slug: string, body: object) =>
    http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(who.token, { type: 'bearer' }).send(body);
  const get = (who: Login, path: string) => http().get(path).auth(who.token, { type: 'bearer' });
  /** A case agency A holds, acknowledged, with the deadline it was given. */
  const held = async () => {
    const r = (
      await http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body as { id: string; code: string };
    await act(c.screener, r.id, 'assign', { agencyId: c.agencyA.id }).expect(200);
    const view = await act(c.officerA, r.id, 'acknowledge', {}).expect(200);
    return { ...r, resolutionDueAt: view.body.resolutionDueAt as string };
  };
  const down = async () => {
    const r = await held();
    await act(c.leaderA, r.id, 'hand-down', { agencyId: unitU.id }).expect(200);
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    const agencies = t.app.get(AgenciesService);
    const code = () => `u-${Math.random().toString(36).slice(2, 10)}`;
    [unitU, unitS] = await Promise.all([
      agencies.create({ code: code(), name: 'Tổ Quản lý đô thị', parentId: c.agencyA.id, level: 'unit' }),
      agencies.create({ code: code(), name: 'Đội Thanh tra', parentId: c.agencyA.id, level: 'unit' }),
    ]);
    [officerU, leaderU, leaderS, leaderB] = await Promise.all([
      staff(t, ['agency_officer'], unitU.id),
      staff(t, ['agency_leader'], unitU.id),
      staff(t, ['agency_leader'], unitS.id),
      staff(t, ['agency_leader'], c.agencyB.id),
    ]);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it("lets the admin set an agency's level and parent; a unit needs a parent", async () => {
    const admin = (method: 'post' | 'patch', path: string, body: object) =>
      http()[method](`/api/v1/admin/agencies${path}`).auth(c.admin.token, { type: 'bearer' }).send(body);
    const orphan = await admin('post', '', { code: 'to-mo-coi', name: 'Tổ mồ côi', level: 'unit' });
    expect([orphan.status, orphan.body.code, orphan.body.details.reason]).toEqual([
      400,
      'VALIDATION_FAILED',
      'unit_needs_parent',
    ]);
    const team = await admin('post', '', {
      code: 'to-cay-xanh',
      name: 'Tổ Cây xanh',
      level: 'unit',
      parentId: c.agencyA.id,
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ level: 'unit', parentId: c.agencyA.id });
    expect((await admin('patch', `/${c.agencyB.id}`, { level: 'unit' })).body.details.reason).toBe('unit_needs_parent');
    const commune = await admin('patch', `/${c.agencyB.id}`, { level: 'commune' }).expect(200);
    expect(commune.body.level).toBe('commune');
    await admin('patch', `/${c.agencyB.id}`, { level: 'district' }).expect(400);
    const listed = await get(c.screener, '/api/v1/agencies').expect(200);
    expect(listed.body.find((a: { id: string }) => a.id === unitU.id)).toMatchObject({
      level: 'unit',
      parentId: c.agencyA.id,
    });
  });

  it('hands a case down within the deadline given or a shorter one, never longer, and back up with a reason', async () => {
    const r = await held();
    const given = new Date(r.resolutionDueAt).getTime();
    // Longer than the agency was given: 400 with a stable reason; to another agency's unit or a sibling agency: 400.
    const longer = await act(c.leaderA, r.id, 'hand-down', { agencyId: unitU.id, workingDays: 60 });
    expect([longer.status, longer.body.code, longer.body.details.reason]).toEqual([
      400,
      'VALIDATION_FAILED',
      'deadline_beyond_given',
    ]);
    const notChild = await act(c.leaderA, r.id, 'hand-down', { agencyId: c.agencyB.id });
    expect([notChild.status, notChild.body.details.reason]).toEqual([400, 'not_child_unit']);
    const byOfficer = await act(c.officerA, r.id, 'hand-down', { agencyId: unitU.id });
    expect([byOfficer.status, byOfficer.body.code]).toEqual([403, 'FORBIDDEN']);

    const handed = await act(c.leaderA, r.id, 'hand-down', {
      agencyId: unitU.id,
      workingDays: 1,
      note: 'Tổ xử lý gấp',
    });
    expect(handed.status).toBe(200);
    const shorter = new Date(handed.body.resolutionDueAt).getTime();
    expect(shorter).toBeLessThan(given);
    expect(handed.body.agencyId).toBe(unitU.id);
    // The unit sees it and its people hear it (the inbox line names the deadline).
    const unitView = await get(officerU, `/api/v1/reports/${r.id}`).expect(200);
    expect(unitView.body.allowedActions).toEqual(expect.arrayContaining(['hand-up', 'submit-result']));
    const line = await eventually(async () => {
      const inbox = await get(officerU, '/api/v1/notifications').expect(200);
      return inbox.body.items.find(
        (n: { reportId: string; type: string }) => n.reportId === r.id && n.type === 'report.handed_down',
      );
    }, 20_000);
    expect(line).toMatchObject({ title: `Nhận phản ánh từ cấp trên: ${r.code}` });
    expect(line.body).toContain('Tổ xử lý gấp');
    // The parent no longer holds it; the unit, holding a case handed down, does not hand it further.
    const parent = await act(c.leaderA, r.id, 'hand-down', { agencyId: unitS.id });
    expect([parent.status, parent.body.details.reason]).toEqual([403, 'not_case_agency']);
    const twice = await act(leaderU, r.id, 'hand-down', { agencyId: unitS.id });
    expect([twice.status, twice.body.details.reason]).toEqual([409, 'already_handed_down']);

    const up = await act(officerU, r.id, 'hand-up', { reason: 'Vượt thẩm quyền của tổ' });
    expect(up.status).toBe(200);
    expect(up.body.agencyId).toBe(c.agencyA.id);
    // The agency's own deadline is back.
    expect(new Date(up.body.resolutionDueAt).getTime()).toBe(given);
    const again = await act(officerU, r.id, 'hand-up', { reason: 'x' });
    expect(again.status).toBe(404); // the unit no longer sees the case
    const timeline = (await get(c.leaderA, `/api/v1/reports/${r.id}/timeline`).expect(200)).body as Timeline;
    expect(timeline.filter((e) => e.type.startsWith('report.handed')).map((e) => [e.type, e.internal, e.data])).toEqual(
      [
        [
          'report.handed_down',
          true,
          {
            agencyId: unitU.id,
            previousAgencyId: c.agencyA.id,
            resolutionDueAt: new Date(shorter).toISOString(),
            note: 'Tổ xử lý gấp',
          },
        ],
        [
          'report.handed_up',
          true,
          { agencyId: c.agencyA.id, previousAgencyId: unitU.id, reason: 'Vượt thẩm quyền của tổ' },
        ],
      ],
    );
    // Internal: the reporter reads none of it.
    const theirs = (await get(c.reporter, `/api/v1/reports/${r.id}/timeline`).expect(200)).body as Timeline;
    expect(theirs.map((e) => e.type).filter((x) => x.startsWith('report.handed'))).toEqual([]);
    // The parent's people hear the case come back.
    await eventually(async () => {
      const inbox = await get(c.officerA, '/api/v1/notifications').expect(200);
      return inbox.body.items.find(
        (n: { reportId: string; type: string }) => n.reportId === r.id && n.type === 'report.handed_up',
      );
    }, 20_000);
  });

  it("shows the parent's leader its units' cases (view and register), a sibling and another agency nothing", async () => {
    const r = await down();
    const view = await get(c.leaderA, `/api/v1/reports/${r.id}`).expect(200);
    expect(view.body).toMatchObject({ agencyId: unitU.id, status: 'in_progress' });
    expect(view.body.allowedActions).toEqual(['pull-back']);
    const register = await get(c.leaderA, `/api/v1/reports?agencyId=${unitU.id}&pageSize=100`).expect(200);
    expect(register.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
    // The unit's own leader sees it too; the parent's officer, the sibling unit and another agency do not.
    await get(leaderU, `/api/v1/reports/${r.id}`).expect(200);
    for (const who of [c.officerA, leaderS, leaderB, c.officerB]) {
      await get(who, `/api/v1/reports/${r.id}`).expect(404);
      const list = await get(who, '/api/v1/reports?pageSize=100').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    }
    // The unit's leader does not oversee its parent's own cases.
    const parents = await held();
    await get(leaderU, `/api/v1/reports/${parents.id}`).expect(404);

    // Overdue lists: the parent's covers its units (or one of them, named); a sibling's and another agency's do not.
    await t.db.query(`UPDATE reports SET due_at = now() - interval '2 days' WHERE id = $1`, [r.id]);
    const lateIds = async (who: Login, query = '') =>
      (
        (await get(who, `/api/v1/overdue?pageSize=100${query}`).expect(200)).body.items as Array<{ reportId: string }>
      ).map((x) => x.reportId);
    expect(await lateIds(c.leaderA)).toContain(r.id);
    expect(await lateIds(c.leaderA, `&agencyId=${unitU.id}`)).toContain(r.id);
    expect(await lateIds(c.leaderA, `&agencyId=${c.agencyA.id}`)).not.toContain(r.id);
    expect(await lateIds(leaderU)).toContain(r.id);
    expect(await lateIds(leaderS)).not.toContain(r.id);
    await get(c.leaderA, `/api/v1/overdue?agencyId=${c.agencyB.id}`).expect(404);
    await get(leaderU, `/api/v1/overdue?agencyId=${c.agencyA.id}`).expect(404);
    // So too the reminder letter: the parent's leader may read its unit's, the unit's leader not its parent's.
    const letter = await get(c.leaderA, `/api/v1/reminders/agencies/${unitU.id}/letter?format=html`).expect(200);
    expect(letter.text).toContain(r.code);
    await get(leaderU, `/api/v1/reminders/agencies/${c.agencyA.id}/letter?format=html`).expect(404);
    await get(leaderS, `/api/v1/reminders/agencies/${unitU.id}/letter?format=html`).expect(404);
  });

  it('counts a case in the statistics against the unit that held it when it was received and handled', async () => {
    const today = localYmd(new Date());
    const figures = async () =>
      (
        (await get(c.leader, `/api/v1/stats/agencies?from=${today}&to=${today}`).expect(200)).body as Array<{
          agencyId: string;
          received: number;
          handled: number;
        }>
      ).find((a) => a.agencyId === unitU.id) ?? { received: 0, handled: 0 };
    const before = await figures();
    const r = await down();
    await act(officerU, r.id, 'submit-result', { text: 'Tổ đã xử lý xong' }).expect(200);
    await act(c.screener, r.id, 'approve-result', {}).expect(200);
    const after = await figures();
    expect([after.received - before.received, after.handled - before.handled]).toEqual([1, 1]);
  });

  it('lets the parent pull a case back; with the unit handing it up at the same moment, exactly one wins', async () => {
    const r = await down();
    const pulled = await act(c.leaderA, r.id, 'pull-back', { reason: 'Lãnh đạo trực tiếp xử lý' });
    expect([pulled.status, pulled.body.agencyId]).toEqual([200, c.agencyA.id]);
    // The unit, which lost the case without acting, hears it.
    const line = await eventually(async () => {
      const inbox = await get(officerU, '/api/v1/notifications').expect(200);
      return inbox.body.items.find(
        (n: { reportId: string; type: string }) => n.reportId === r.id && n.type === 'report.pulled_back',
      );
    }, 20_000);
    expect(line.body).toContain('Lãnh đạo trực tiếp xử lý');
    // Another agency's leader cannot pull back what it did not hand down (it does not even see it).
    const other = await down();
    expect((await act(leaderB, other.id, 'pull-back', { reason: 'x' })).status).toBe(404);

    const raced = await down();
    const answers = await Promise.all([
      act(c.leaderA, raced.id, 'pull-back', { reason: 'Rút về' }),
      act(officerU, raced.id, 'hand-up', { reason: 'Trả lên' }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    // The second decides against the first's result: not handed down any more (409), or no longer the unit's (404).
    expect(statuses[0]).toBe(200);
    expect([404, 409]).toContain(statuses[1]);
    const timeline = (await get(c.leaderA, `/api/v1/reports/${raced.id}/timeline`).expect(200)).body as Timeline;
    expect(timeline.filter((e) => e.type === 'report.pulled_back' || e.type === 'report.handed_up')).toHaveLength(1);

    // Two leaders of the agency above pulling back the version they saw: one wins, the other 409 VERSION_CONFLICT.
    const twice = await down();
    const leaderA2 = await staff(t, ['agency_leader'], c.agencyA.id);
    const { version } = (await get(c.leaderA, `/api/v1/reports/${twice.id}`).expect(200)).body as { version: number };
    const both = await Promise.all(
      [c.leaderA, leaderA2].map((who) =>
        act(who, twice.id, 'pull-back', { reason: 'Rút về', expectedVersion: version }),
      ),
    );
    expect(both.map((a) => (a.status === 200 ? 'ok' : `${a.status} ${a.body.code}`)).sort()).toEqual([
      '409 VERSION_CONFLICT',
      'ok',
    ]);
  });
});

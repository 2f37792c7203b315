import { cast, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('handling workflow (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;

  const file = async (token = c.reporter.token, over: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send(reportBody(c.category.id, over))
        .expect(201)
    ).body;
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body);
  const timeline = async (token: string, id: string) =>
    (await t.http().get(`/api/v1/reports/${id}/timeline`).auth(token, { type: 'bearer' }).expect(200)).body as Array<{
      type: string;
      fromStatus: string;
      toStatus: string;
      internal: boolean;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('walks the happy path received → assigned → in_progress → pending_review → resolved → rated → closed', async () => {
    const r = await file();
    expect(r).toMatchObject({ status: 'received', channel: 'app', version: 1 });
    expect(r.code).toMatch(/^PA-\d{4}-\d{6}$/);
    expect(new Date(r.dueAt).getTime()).toBeGreaterThan(Date.now());

    const assigned = await act(c.screener.token, r.id, 'assign', {
      agencyId: c.agencyA.id,
      note: 'Chuyển Sở Xây dựng',
    }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', agencyId: c.agencyA.id, version: 2 });
    await act(c.officerA.token, r.id, 'acknowledge').expect(200);
    await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã vá ổ gà ngày 23/11' }).expect(200);
    const resolved = await act(c.screener.token, r.id, 'approve-result').expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', result: { text: 'Đã vá ổ gà ngày 23/11' } });
    const rated = await act(c.reporter.token, r.id, 'rate', { satisfied: true, comment: 'Cảm ơn' }).expect(200);
    expect(rated.body).toMatchObject({ status: 'resolved', rating: { satisfied: true, comment: 'Cảm ơn' } });
    const closed = await act(c.screener.token, r.id, 'close').expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', dueAt: null });

    const events = await timeline(c.screener.token, r.id);
    expect(events.map((e) => e.type)).toEqual([
      'report.created',
      'report.assigned',
      'report.acknowledged',
      'report.result_submitted',
      'report.result_approved',
      'report.rated',
      'report.closed',
    ]);
    expect(events[1]).toMatchObject({ fromStatus: 'received', toStatus: 'assigned', data: { agencyId: c.agencyA.id } });
    // A second rating is refused.
    const again = await act(c.reporter.token, r.id, 'rate', { satisfied: false }).expect(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('pauses the clock in need_info and resumes it with the remaining time', async () => {
    const r = await file();
    const asked = await act(c.screener.token, r.id, 'request-info', { question: 'Xin vị trí cụ thể hơn?' }).expect(200);
    expect(asked.body).toMatchObject({ status: 'need_info', dueAt: null });
    const [row] = await t.db.query(`SELECT paused_remaining_minutes FROM reports WHERE id = $1`, [r.id]);
    expect(row.paused_remaining_minutes).toBeGreaterThan(0);
    const back = await act(c.reporter.token, r.id, 'provide-info', { text: 'Trước số nhà 12' }).expect(200);
    expect(back.body.status).toBe('received');
    expect(back.body.dueAt).not.toBeNull();
  });

  it('returns a case to screening with the reason and the returning agency, then reassigns it', async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id }).expect(200);
    const returned = await act(c.officerA.token, r.id, 'return', { reason: 'Không thuộc thẩm quyền' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'received', agencyId: null });
    const events = await timeline(c.screener.token, r.id);
    expect(events.at(-1)).toMatchObject({
      type: 'report.returned',
      data: { reason: 'Không thuộc thẩm quyền', returnedByAgencyId: c.agencyA.id },
    });
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyB.id }).expect(200);
    await act(c.officerB.token, r.id, 'acknowledge').expect(200);
    // The agency that returned it no longer sees it.
    await t.http().get(`/api/v1/reports/${r.id}`).auth(c.officerA.token, { type: 'bearer' }).expect(404);
  });

  it('sends back a weak result and reopens a resolved case', async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id }).expect(200);
    await act(c.officerA.token, r.id, 'acknowledge').expect(200);
    await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã xử lý' }).expect(200);
    const sentBack = await act(c.screener.token, r.id, 'send-back', { reason: 'Thiếu ảnh hiện trường' }).expect(200);
    expect(sentBack.body.status).toBe('in_progress');
    await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã xử lý, kèm ảnh' }).expect(200);
    await act(c.screener.token, r.id, 'approve-result').expect(200);
    const reopened = await act(c.reporter.token, r.id, 'reopen', { reason: 'Ổ gà lại xuất hiện' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'in_progress', agencyId: c.agencyA.id });
  });

  it('marks a duplicate (reporter follows the master) and unmarks it', async () => {
    const master = await file();
    const dup = await file(c.otherCitizen.token);
    const self = await act(c.screener.token, dup.id, 'mark-duplicate', { duplicateOfId: dup.id }).expect(400);
    expect(self.body.code).toBe('VALIDATION_FAILED');
    const marked = await act(c.screener.token, dup.id, 'mark-duplicate', { duplicateOfId: master.id }).expect(200);
    expect(marked.body).toMatchObject({ status: 'cancelled', cancelReason: 'duplicate', duplicateOfId: master.id });
    const mine = await t.http().get('/api/v1/reports/mine').auth(c.otherCitizen.token, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([master.id, dup.id]));
    // A master that has duplicates cannot itself become a duplicate.
    const third = await file();
    await act(c.screener.token, master.id, 'mark-duplicate', { duplicateOfId: third.id }).expect(409);
    const unmarked = await act(c.screener.token, dup.id, 'unmark-duplicate').expect(200);
    expect(unmarked.body).toMatchObject({ status: 'received', duplicateOfId: null, cancelReason: null });
  });

  it('lets the reporter withdraw and the screener reject with a reason', async () => {
    const a = await file();
    const withdrawn = await act(c.reporter.token, a.id, 'withdraw').expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'cancelled', cancelReason: 'withdrawn' });
    const b = await file();
    const noReason = await act(c.screener.token, b.id, 'reject', { reason: 'not_eligible' }).expect(400);
    expect(noReason.body.details.fields.note).toBeDefined();
    const rejected = await act(c.screener.token, b.id, 'reject', {
      reason: 'not_eligible',
      note: 'Khiếu nại, đề nghị gửi Ban Tiếp công dân',
    }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'cancelled', cancelReason: 'not_eligible' });
  });

  it('lets exactly one of 20 concurrent assigns win; the rest get 409', async () => {
    const r = await file();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id })),
    );
    const statuses = results.map((x) => x.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.filter((x) => x.status === 409).every((x) => x.body.code === 'INVALID_TRANSITION')).toBe(true);
    const events = await timeline(c.screener.token, r.id);
    expect(events.filter((e) => e.type === 'report.assigned')).toHaveLength(1);
  });

  it('refuses a stale expectedVersion with 409 VERSION_CONFLICT', async () => {
    const r = await file();
    const res = await act(c.screener.token, r.id, 'request-info', {
      question: 'Ảnh rõ hơn?',
      expectedVersion: 7,
    }).expect(409);
    expect(res.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1 } });
    await act(c.screener.token, r.id, 'request-info', { question: 'Ảnh rõ hơn?', expectedVersion: 1 }).expect(200);
  });

  it("answers another agency's officer with 404 and a citizen acting as screener with 403", async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id }).expect(200);
    const other = await act(c.officerB.token, r.id, 'acknowledge').expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const b = await file();
    const forbidden = await act(c.reporter.token, b.id, 'assign', { agencyId: c.agencyA.id }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    // Another citizen may not act on it at all, and cannot tell it exists.
    await act(c.otherCitizen.token, b.id, 'withdraw').expect(404);
    await act(c.screener.token, b.id, 'fly-away').expect(400);
  });

  it('keeps internal notes from the citizen and shows public ones', async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'note', { text: 'Ghi chú nội bộ', internal: true }).expect(200);
    await act(c.screener.token, r.id, 'note', { text: 'Đã tiếp nhận, đang xác minh', internal: false }).expect(200);
    const citizenView = await timeline(c.reporter.token, r.id);
    expect(citizenView.map((e) => e.data.text)).toEqual([undefined, 'Đã tiếp nhận, đang xác minh']);
    const staffView = await timeline(c.screener.token, r.id);
    expect(staffView.filter((e) => e.type === 'report.note_added')).toHaveLength(2);
  });

  it('handles extensions: once, within the limit, moving the resolution deadline', async () => {
    const r = await file();
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id }).expect(200);
    await act(c.officerA.token, r.id, 'acknowledge').expect(200);
    const before = (await t.http().get(`/api/v1/reports/${r.id}`).auth(c.screener.token, { type: 'bearer' })).body;
    await act(c.officerA.token, r.id, 'request-extension', { workingDays: 9, reason: 'Chờ vật tư' }).expect(400);
    await act(c.officerA.token, r.id, 'request-extension', { workingDays: 3, reason: 'Chờ vật tư' }).expect(200);
    const approved = await act(c.leader.token, r.id, 'approve-extension').expect(200);
    expect(new Date(approved.body.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    await act(c.officerA.token, r.id, 'request-extension', { workingDays: 1, reason: 'Lần nữa' }).expect(409);
  });
});

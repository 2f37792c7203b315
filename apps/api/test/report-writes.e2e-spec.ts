import { randomUUID } from 'node:crypto';
import { Report } from '@app/database';
import { ReportsService } from '@app/reports';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

// Filing and acting are single hand-written statements (the report with its first event; a change with its
// events) that return the row instead of re-reading it. These tests hold them to what TypeORM itself reads.
describe('report writes in one statement (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;

  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  const get = async (token: string, id: string) =>
    (await t.http().get(`/api/v1/reports/${id}`).auth(token, { type: 'bearer' }).expect(200)).body;
  const newReport = (actorId: string, over: Record<string, unknown> = {}) =>
    t.app
      .get(ReportsService)
      .createIn(
        t.db.manager,
        { ...reportBody(c.category.id), title: 'Ổ gà', ...over } as Parameters<ReportsService['createIn']>[1],
        { actor: { id: actorId, roles: ['citizen'] } as never, channel: 'app', reporterId: c.reporter.id },
      );

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('returns a new report exactly as TypeORM reads it back, with the id of its first event', async () => {
    const filed = await newReport(c.reporter.id, { hideIdentity: true, priority: 'urgent' });
    const stored = await t.db.manager.findOneByOrFail(Report, { id: filed.report.id });
    expect(filed.report).toEqual(stored);
    expect(filed.report).toBeInstanceOf(Report);
    expect(stored).toMatchObject({
      status: 'received',
      priority: 'urgent',
      hideIdentity: true,
      title: 'Ổ gà',
      stage: 'screening',
    });
    expect(stored.location?.coordinates).toEqual([105.8482, 21.5942]);
    const events = await t.db.query(`SELECT id, type FROM report_events WHERE report_id = $1`, [filed.report.id]);
    expect(events).toEqual([{ id: filed.eventIds[0], type: 'report.created' }]);
  });

  it('writes no report when its first event cannot be written (one statement, all or nothing)', async () => {
    const description = `Không có người gửi ${randomUUID()}`;
    // An actor that is no user breaks the event's foreign key, which is checked when the statement ends.
    await expect(newReport(randomUUID(), { description })).rejects.toThrow(/foreign key/);
    expect(await t.db.query(`SELECT id FROM reports WHERE description = $1`, [description])).toEqual([]);
  });

  it('answers each action with the report as it is then stored, its events in the timeline in order', async () => {
    const { report } = await newReport(c.reporter.id);
    const steps: Array<[string, string, Record<string, unknown>]> = [
      [c.screener.token, 'assign', { agencyId: c.agencyA.id }],
      [c.officerA.token, 'acknowledge', {}],
      [c.officerA.token, 'request-extension', { workingDays: 2, reason: 'Chờ vật tư' }],
      [c.screener.token, 'approve-extension', {}],
      [c.officerA.token, 'submit-result', { text: 'Đã vá xong' }],
      [c.screener.token, 'approve-result', {}],
      [c.reporter.token, 'reopen', { reason: 'Lại hỏng' }],
    ];
    let version = 1;
    for (const [token, action, body] of steps) {
      const answer = (await act(token, report.id, action, body)).body;
      expect({ action, answer }).toEqual({ action, answer: await get(token, report.id) });
      expect(answer.version).toBe(++version);
    }
    const stored = await t.db.manager.findOneByOrFail(Report, { id: report.id });
    // The reopen started the extension allowance again (docs/domain.md, 3985f0e).
    expect(stored).toMatchObject({ status: 'in_progress', reopened: true, extensionCount: 0, version });
    const types = (
      await t.db.query(`SELECT type FROM report_events WHERE report_id = $1 ORDER BY seq`, [report.id])
    ).map((e: { type: string }) => e.type);
    expect(types.slice(0, 3)).toEqual(['report.created', 'report.assigned', 'report.acknowledged']);
    expect(types.at(-1)).toBe('report.reopened');
  });

  it('applies an admin edit of a category to the next report at once (categories are held in memory)', async () => {
    const body = reportBody(c.category.id);
    await t.http().post('/api/v1/reports').auth(c.reporter.token, { type: 'bearer' }).send(body).expect(201);
    await t
      .http()
      .patch(`/api/v1/admin/categories/${c.category.id}`)
      .auth(c.admin.token, { type: 'bearer' })
      .send({ isActive: false })
      .expect(200);
    const refused = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(body)
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .patch(`/api/v1/admin/categories/${c.category.id}`)
      .auth(c.admin.token, { type: 'bearer' })
      .send({ isActive: true })
      .expect(200);
    await t.http().post('/api/v1/reports').auth(c.reporter.token, { type: 'bearer' }).send(body).expect(201);
  });

  it('files into a category another process created a moment ago (not yet in memory)', async () => {
    const [{ id }] = await t.db.query(
      `INSERT INTO categories (code, name, sla, escalation) SELECT 'khac-' || $1, 'Khác', sla, escalation FROM categories WHERE id = $2 RETURNING id`,
      [randomUUID().slice(0, 8), c.category.id],
    );
    const res = await t
      .http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(id))
      .expect(201);
    expect(res.body.categoryId).toBe(id);
  });
});

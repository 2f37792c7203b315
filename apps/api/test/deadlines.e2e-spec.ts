import type { INestApplicationContext } from '@nestjs/common';
import { cast, category, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

// A 24x7 category with limits of seconds, so the whole ladder runs in under half a minute with the real
// worker, real Bull delayed jobs and the real sweep.
const SECONDS = (s: number) => s / 60;

describe('deadlines, reminders and escalation (e2e, worker running)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let c: Awaited<ReturnType<typeof cast>>;
  let fastCategoryId: string;
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  const deadlineEvents = async (id: string) =>
    (await t.db.query(
      `SELECT type, data->>'level' AS level FROM report_events
        WHERE report_id = $1 AND type IN ('report.reminder', 'report.overdue') ORDER BY seq`,
      [id],
    )) as Array<{ type: string; level: string | null }>;

  beforeAll(async () => {
    t = await createTestApp({ SWEEP_INTERVAL_SECONDS: '1' });
    c = await cast(t);
    const stage = {
      screeningMinutes: SECONDS(8),
      acknowledgeMinutes: SECONDS(8),
      resolutionMinutes: SECONDS(8),
      reviewMinutes: SECONDS(8),
    };
    const fast = await category(t, {
      name: 'Thiên tai – khẩn cấp',
      calendar: '24x7',
      defaultAgencyId: c.agencyA.id,
      sla: { normal: stage, urgent: stage },
      escalation: { reminderAtFraction: 0.5, level2AfterMinutes: SECONDS(6), level3AfterMinutes: SECONDS(600) },
    });
    fastCategoryId = fast.id;
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('fires the reminder, then levels 1 and 2 in order, each once, across a worker restart', async () => {
    const r = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(fastCategoryId))
        .expect(201)
    ).body;
    await eventually(async () => (await deadlineEvents(r.id)).length >= 1, 15_000);
    expect(await deadlineEvents(r.id)).toEqual([{ type: 'report.reminder', level: null }]);

    // The worker goes away while level 1 comes due; nothing is lost when it comes back.
    await worker.close();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    worker = await startWorker();

    await eventually(async () => (await deadlineEvents(r.id)).length >= 3, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await deadlineEvents(r.id)).toEqual([
      { type: 'report.reminder', level: null },
      { type: 'report.overdue', level: '1' },
      { type: 'report.overdue', level: '2' },
    ]);
    const [row] = await t.db.query(`SELECT escalation_level, was_overdue FROM reports WHERE id = $1`, [r.id]);
    expect(row).toEqual({ escalation_level: 2, was_overdue: true });
    // Level 2 is the province's leadership's: a line in each leader's inbox (level 1 gave them none).
    const leaderLines = async () =>
      (
        await t.http().get('/api/v1/notifications').auth(c.leader.token, { type: 'bearer' }).expect(200)
      ).body.items.filter((n: { data: { reportId?: string } }) => n.data.reportId === r.id);
    await eventually(async () => (await leaderLines()).length >= 1, 10_000);
    expect((await leaderLines()).map((n: { type: string; title: string }) => [n.type, n.title])).toEqual([
      ['report.overdue', `Quá hạn (mức 2): ${r.code}`],
    ]);
    const timeline = await t
      .http()
      .get(`/api/v1/reports/${r.id}/timeline`)
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
    expect(timeline.body.filter((e: { type: string }) => e.type === 'report.overdue')).toHaveLength(2);
    // Escalation is staff business: the reporter's timeline does not show it.
    const citizenTimeline = await t
      .http()
      .get(`/api/v1/reports/${r.id}/timeline`)
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(200);
    expect(citizenTimeline.body.map((e: { type: string }) => e.type)).toEqual(['report.created']);
  }, 60_000);

  it('cancels the pending escalation of a case handled before its deadline', async () => {
    const r = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(fastCategoryId))
        .expect(201)
    ).body;
    await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA.token, r.id, 'acknowledge');
    await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã khắc phục' });
    await act(c.screener.token, r.id, 'approve-result');
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(await deadlineEvents(r.id)).toEqual([]);
    const [row] = await t.db.query(`SELECT status, next_check_at, was_overdue FROM reports WHERE id = $1`, [r.id]);
    expect(row).toEqual({ status: 'resolved', next_check_at: null, was_overdue: false });
  }, 30_000);
});

import type { INestApplicationContext } from '@nestjs/common';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

// The worker runs for real (Bull repeatable jobs on real Redis); only the delays are shortened.
describe('timed system actions (e2e, worker running)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let c: Awaited<ReturnType<typeof cast>>;
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  const statusOf = async (id: string) =>
    (await t.db.query(`SELECT status, cancel_reason FROM reports WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await createTestApp({
      AUTO_CLOSE_AFTER_SECONDS: '2',
      NO_RESPONSE_AFTER_SECONDS: '2',
      SWEEP_INTERVAL_SECONDS: '1',
    });
    c = await cast(t);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('closes a resolved report and cancels an unanswered info request, once each, as the system', async () => {
    const resolved = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    await act(c.screener.token, resolved.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA.token, resolved.id, 'acknowledge');
    await act(c.officerA.token, resolved.id, 'submit-result', { text: 'Đã xử lý' });
    await act(c.screener.token, resolved.id, 'approve-result');

    const waiting = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    await act(c.screener.token, waiting.id, 'request-info', { question: 'Ảnh rõ hơn?' });

    await eventually(async () => (await statusOf(resolved.id)).status === 'closed');
    await eventually(async () => (await statusOf(waiting.id)).status === 'cancelled');
    expect(await statusOf(waiting.id)).toEqual({ status: 'cancelled', cancel_reason: 'no_response' });

    // Let a few more sweeps pass: each action still happened exactly once.
    await new Promise((r) => setTimeout(r, 2500));
    const events = await t.db.query(
      `SELECT report_id, type, actor_id, actor_roles FROM report_events WHERE type IN ('report.closed', 'report.cancelled_no_response')`,
    );
    expect(events).toHaveLength(2);
    expect(
      events.every(
        (e: { actor_id: string | null; actor_roles: string[] }) => e.actor_id === null && e.actor_roles[0] === 'system',
      ),
    ).toBe(true);
  }, 30_000);
});

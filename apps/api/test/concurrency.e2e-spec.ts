import { replay, type ReportState, type WorkflowEvent } from '@app/workflow';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Many clients acting on the same reports at once: whatever interleaving happens, every report ends in a
 * state the workflow allows, its timeline replays to exactly that state, and its version counts its changes.
 */
describe('conflicting concurrent actions (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('keeps every report consistent with its timeline', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        (
          await t
            .http()
            .post('/api/v1/reports')
            .auth(c.reporter.token, { type: 'bearer' })
            .send(reportBody(c.category.id))
            .expect(201)
        ).body.id,
      );
    }
    const moves: Array<[string, string, Record<string, unknown>]> = [
      [c.screener.token, 'assign', { agencyId: c.agencyA.id }],
      [c.screener.token, 'assign', { agencyId: c.agencyB.id }],
      [c.screener.token, 'request-info', { question: 'Ảnh?' }],
      [c.screener.token, 'reject', { reason: 'spam', note: 'Trùng lặp quảng cáo' }],
      [c.reporter.token, 'withdraw', {}],
      [c.reporter.token, 'provide-info', { text: 'Đây ạ' }],
      [c.officerA.token, 'acknowledge', {}],
      [c.officerB.token, 'acknowledge', {}],
      [c.officerA.token, 'return', { reason: 'Sai thẩm quyền' }],
      [c.officerA.token, 'submit-result', { text: 'Xong' }],
      [c.screener.token, 'approve-result', {}],
    ];
    const statuses = new Map<number, number>();
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        ids.flatMap((id) =>
          moves.map(([token, action, body]) =>
            t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body),
          ),
        ),
      );
      for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    // Conflicts are refused cleanly; nothing crashes.
    expect([...statuses.keys()].every((s) => [200, 400, 403, 404, 409].includes(s))).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(8);

    for (const id of ids) {
      const [row] = await t.db.query(`SELECT status, version FROM reports WHERE id = $1`, [id]);
      const events: Array<WorkflowEvent & { type: string }> = await t.db.query(
        `SELECT type, from_status AS "fromStatus", to_status AS "toStatus", internal, data FROM report_events
            WHERE report_id = $1 AND type NOT IN ('report.reminder', 'report.overdue') ORDER BY seq`,
        [id],
      );
      expect(events[0].type).toBe('report.created');
      const initial = { status: 'received' } as ReportState;
      expect(replay(initial, events.slice(1))).toBe(row.status);
      // Version 1 at creation, +1 for every action recorded.
      expect(row.version).toBe(events.length);
    }
  }, 60_000);
});

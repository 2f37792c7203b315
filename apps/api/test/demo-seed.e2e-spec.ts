import { seed } from '@app/database/seed/seed';
import { DEMO_REPORT_COUNT } from '@app/database/seed/demo-reports';
import { REPORT_STATUSES, replay, type ReportStatus, type WorkflowEvent } from '@app/workflow';
import { staff } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

// The demo seed's reports (libs/database/src/seed/demo-reports.ts) in a fresh database: every status and the
// states each desk shows (overdue at each level, returned, rated, reopened, duplicates), timelines that replay to
// the status the report has, statistics with something to show, and a second run that adds nothing.

jest.setTimeout(180_000);

const ENV = { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'Admin@12345', DEMO_PASSWORD: 'Demo@12345' };
const localDay = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('demo seed with reports (e2e)', () => {
  let t: TestApp;
  const count = async (sql: string) => (await t.db.query(`SELECT count(*)::int AS n FROM (${sql}) x`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.db, ENV);
  });
  afterAll(() => t.close());

  it('files the demo cases in every status, with the states every desk shows', async () => {
    expect(await count(`SELECT 1 FROM reports`)).toBe(DEMO_REPORT_COUNT);
    const statuses: Array<{ status: ReportStatus }> = await t.db.query(`SELECT DISTINCT status FROM reports`);
    expect(statuses.map((s) => s.status).sort()).toEqual([...REPORT_STATUSES].sort());
    // Open cases past their deadline, at each escalation level, with the overdue events that say so.
    for (const level of [1, 2, 3]) {
      expect(await count(`SELECT 1 FROM reports WHERE due_at < now() AND escalation_level = ${level}`)).toBeGreaterThan(
        0,
      );
      expect(
        await count(`SELECT 1 FROM report_events WHERE type = 'report.overdue' AND (data->>'level')::int = ${level}`),
      ).toBeGreaterThan(0);
    }
    expect(await count(`SELECT 1 FROM reports WHERE status = 'received' AND due_at < now()`)).toBeGreaterThan(0);
    expect(await count(`SELECT DISTINCT report_id FROM report_events WHERE type = 'report.returned'`)).toBeGreaterThan(
      0,
    );
    expect(await count(`SELECT 1 FROM reports WHERE extension_request IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM reports WHERE rated AND rating_satisfied`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM reports WHERE rated AND NOT rating_satisfied`)).toBeGreaterThan(0);
    expect(await count(`SELECT 1 FROM reports WHERE reopened`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT 1 FROM reports d JOIN reports m ON m.id = d.duplicate_of_id WHERE d.cancel_reason = 'duplicate'
                     AND m.category_id = d.category_id AND m.status <> 'cancelled'`),
    ).toBeGreaterThan(0);
    // Channels and agencies vary; points are inside Thái Nguyên; nothing waits in the outbox.
    expect(await count(`SELECT DISTINCT channel FROM reports`)).toBeGreaterThanOrEqual(4);
    expect(await count(`SELECT DISTINCT agency_id FROM reports WHERE agency_id IS NOT NULL`)).toBeGreaterThanOrEqual(8);
    expect(
      await count(
        `SELECT 1 FROM reports WHERE NOT ST_Intersects(location, ST_MakeEnvelope(105.4, 21.3, 106.3, 22.1, 4326)::geography)`,
      ),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM report_events WHERE dispatched_at IS NULL`)).toBe(0);
  });

  it('gives every case a timeline that replays to its status, in order of time', async () => {
    const rows: Array<{ id: string; status: ReportStatus; events: WorkflowEvent[]; ordered: boolean }> = await t.db
      .query(`
        SELECT r.id, r.status,
               json_agg(json_build_object('type', e.type, 'fromStatus', e.from_status, 'toStatus', e.to_status)
                        ORDER BY e.seq) AS events,
               bool_and(e.created_at >= r.created_at AND e.created_at <= now()) AS ordered
          FROM reports r JOIN report_events e ON e.report_id = r.id
         GROUP BY r.id`);
    expect(rows).toHaveLength(DEMO_REPORT_COUNT);
    for (const r of rows) {
      const [created, ...rest] = r.events;
      expect({ id: r.id, first: created.type }).toEqual({ id: r.id, first: 'report.created' });
      expect({ id: r.id, status: replay({ status: 'received' } as never, rest) }).toEqual({
        id: r.id,
        status: r.status,
      });
      expect({ id: r.id, ordered: r.ordered }).toEqual({ id: r.id, ordered: true });
    }
  });

  it('gives the statistics non-zero figures', async () => {
    const leader = await staff(t, ['leader']);
    const period = { from: localDay(-130), to: localDay(0) };
    const overview = await t
      .http()
      .get('/api/v1/stats/overview')
      .query(period)
      .auth(leader.token, { type: 'bearer' })
      .expect(200);
    expect(overview.body.total).toBe(DEMO_REPORT_COUNT);
    expect(overview.body.handled).toBeGreaterThan(50);
    expect(overview.body.onTime).toBeGreaterThan(0);
    expect(overview.body.onTimeRate).toBeGreaterThan(0);
    expect(overview.body.satisfactionRate).toBeGreaterThan(0);
    expect(overview.body.overdueNow).toBeGreaterThan(0);
    expect(overview.body.trend.some((b: { received: number }) => b.received > 0)).toBe(true);
    const agencies = await t
      .http()
      .get('/api/v1/stats/agencies')
      .query(period)
      .auth(leader.token, { type: 'bearer' })
      .expect(200);
    expect(agencies.body.filter((a: { received: number }) => a.received > 0).length).toBeGreaterThanOrEqual(8);
    const overdue = await t.http().get('/api/v1/overdue').auth(leader.token, { type: 'bearer' }).expect(200);
    expect(overdue.body.total).toBeGreaterThan(0);
  });

  it('adds nothing when run again', async () => {
    const before = await t.db.query(
      `SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_events) AS events,
              (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM hotline_calls) AS calls,
              (SELECT max(updated_at) FROM reports) AS updated`,
    );
    await seed(t.db, ENV);
    const after = await t.db.query(
      `SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_events) AS events,
              (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM hotline_calls) AS calls,
              (SELECT max(updated_at) FROM reports) AS updated`,
    );
    expect(after).toEqual(before);
  });
});

import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { QUEUES } from '@app/queue';
import { DeadlinesService } from '@app/reports';
import { cast, category, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const MIN = 60_000;

/**
 * A report's deadline state, set in SQL (the workflow that normally gets reports there is not under test).
 * `expect` is the hand-computed outcome at `now` in the 24x7 category (level 2 after 60 min, level 3 after 180).
 */
interface Case {
  name: string;
  state: { due: number; next: number | null; reminded?: number; level?: number; stage?: null };
  expect?: {
    levels: Array<number | 'reminder'>;
    next: number | null;
    level: number;
    overdue: boolean;
    reminded: number | null;
  };
}
const H24_CASES: Case[] = [
  {
    name: 'at its reminder',
    state: { due: 60, next: -1 },
    expect: { levels: ['reminder'], next: 60, level: 0, overdue: false, reminded: 0 },
  },
  {
    name: 'already reminded',
    state: { due: 60, next: -1, reminded: -30 },
    expect: { levels: [], next: 60, level: 0, overdue: false, reminded: -30 },
  },
  {
    name: 'at its deadline',
    state: { due: 0, next: 0 },
    expect: { levels: [1], next: 60, level: 1, overdue: true, reminded: null },
  },
  {
    name: '30 min late',
    state: { due: -30, next: -30 },
    expect: { levels: [1], next: 30, level: 1, overdue: true, reminded: null },
  },
  {
    name: 'exactly at level 2',
    state: { due: -60, next: -60 },
    expect: { levels: [1, 2], next: 120, level: 2, overdue: true, reminded: null },
  },
  {
    name: '90 min late, nothing recorded',
    state: { due: -90, next: -90 },
    expect: { levels: [1, 2], next: 90, level: 2, overdue: true, reminded: null },
  },
  {
    name: '5 h late, nothing recorded',
    state: { due: -300, next: -300 },
    expect: { levels: [1, 2, 3], next: null, level: 3, overdue: true, reminded: null },
  },
  {
    name: '90 min late at level 1',
    state: { due: -90, next: -30, level: 1 },
    expect: { levels: [2], next: 90, level: 2, overdue: true, reminded: null },
  },
  {
    name: '5 h late at level 2',
    state: { due: -300, next: -120, level: 2, reminded: -400 },
    expect: { levels: [3], next: null, level: 3, overdue: true, reminded: -400 },
  },
];
// Not due: untouched by both. Stage gone (e.g. a leftover checkpoint): looked at, nothing done.
const H24_IDLE: Case[] = [
  { name: 'not due yet', state: { due: 60, next: 10 } },
  { name: 'without a stage', state: { due: -300, next: -5, stage: null } },
];
// The office calendar (levels 2 and 3 one and three working days late): compared with check() only.
const DAY = 24 * 60;
const OFFICE_CASES: Case[] = [
  { name: 'office, at its reminder', state: { due: DAY, next: -1 } },
  { name: 'office, 1 h late', state: { due: -60, next: -60 } },
  { name: 'office, 2 days late', state: { due: -2 * DAY, next: -2 * DAY } },
  { name: 'office, 10 days late at level 1', state: { due: -10 * DAY, next: -9 * DAY, level: 1 } },
];

interface Row {
  id: string;
  status: string;
  stage: string | null;
  stage_version: number;
  version: number;
  reminded_at: Date | null;
  escalation_level: number;
  was_overdue: boolean;
  next_check_at: Date | null;
}
interface EventRow {
  id: string;
  report_id: string;
  type: string;
  from_status: string;
  to_status: string;
  internal: boolean;
  actor_id: string | null;
  actor_roles: string[];
  data: Record<string, unknown>;
}

describe('deadline sweep, set-based (e2e)', () => {
  let t: TestApp;
  let deadlines: DeadlinesService;
  let c: Awaited<ReturnType<typeof cast>>;
  let cat24: { id: string };
  let now: Date;
  const at = (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined ? null : new Date(now.getTime() + minutes * MIN);

  const file = async (categoryId: string): Promise<string> =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(categoryId))
        .expect(201)
    ).body.id;
  const fileMany = async (categoryId: string, n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 8)
      ids.push(...(await Promise.all(Array.from({ length: Math.min(8, n - i) }, () => file(categoryId)))));
    return ids;
  };
  const setState = (ids: string[], s: Case['state']) =>
    t.db.query(
      `UPDATE reports SET due_at = $2, next_check_at = $3, reminded_at = $4, escalation_level = $5, was_overdue = $6,
              stage = CASE WHEN $7 THEN stage ELSE NULL END
        WHERE id = ANY($1::uuid[])`,
      [ids, at(s.due), at(s.next), at(s.reminded), s.level ?? 0, (s.level ?? 0) > 0, s.stage !== null],
    );
  const rows = async (ids: string[]): Promise<Map<string, Row>> =>
    new Map(
      (
        (await t.db.query(
          `SELECT id, status, stage, stage_version, version, reminded_at, escalation_level, was_overdue, next_check_at FROM reports WHERE id = ANY($1::uuid[])`,
          [ids],
        )) as Row[]
      ).map((r) => [r.id, r]),
    );
  const deadlineEvents = async (ids: string[]): Promise<EventRow[]> =>
    t.db.query(
      `SELECT id, report_id, type, from_status, to_status, internal, actor_id, actor_roles, data FROM report_events
        WHERE report_id = ANY($1::uuid[]) AND type IN ('report.reminder', 'report.overdue') ORDER BY seq`,
      [ids],
    );
  const dueCount = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM reports WHERE next_check_at <= $1`, [now]))[0].n);
  // An event as the sweep and check() should both write it, without what differs between two reports.
  const comparable = (e: EventRow) => ({
    type: e.type,
    from: e.from_status,
    to: e.to_status,
    internal: e.internal,
    actor: e.actor_id,
    roles: e.actor_roles,
    data: e.data,
  });
  const state = (r: Row) => ({
    status: r.status,
    stage: r.stage,
    stageVersion: r.stage_version,
    version: r.version,
    remindedAt: r.reminded_at,
    level: r.escalation_level,
    overdue: r.was_overdue,
    next: r.next_check_at,
  });

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000' });
    deadlines = t.app.get(DeadlinesService);
    c = await cast(t);
    cat24 = await category(t, {
      name: 'Thiên tai – khẩn cấp',
      calendar: '24x7',
      defaultAgencyId: c.agencyA.id,
      escalation: { reminderAtFraction: 0.75, level2AfterMinutes: 60, level3AfterMinutes: 180 },
    });
  });
  afterAll(() => t.close());

  it('records for each due report exactly what check() records on an identical copy, once, and queues its events and next check', async () => {
    // Three swept reports per case and one copy that check() handles.
    const groups = [
      ...[...H24_CASES, ...H24_IDLE].map((k) => ({ k, categoryId: cat24.id })),
      ...OFFICE_CASES.map((k) => ({ k, categoryId: c.category.id })),
    ];
    const made = [];
    for (const g of groups) made.push({ ...g, swept: await fileMany(g.categoryId, 3), copy: await file(g.categoryId) });
    // Some reports assigned: the events carry the agency, and status is from/to.
    const assigned = made.filter((_, i) => i % 2 === 0);
    for (const g of assigned) {
      for (const id of [...g.swept, g.copy]) {
        await t
          .http()
          .post(`/api/v1/reports/${id}/actions/assign`)
          .auth(c.screener.token, { type: 'bearer' })
          .send({ agencyId: c.agencyA.id })
          .expect(200);
      }
    }
    now = new Date();
    for (const g of made) await setState([...g.swept, g.copy], g.k.state);
    const allSwept = made.flatMap((g) => g.swept);
    const allIds = made.flatMap((g) => [...g.swept, g.copy]);

    for (const g of made) await deadlines.check(g.copy, undefined, now);
    const eventsBefore = (await deadlineEvents(allSwept)).length;
    expect(eventsBefore).toBe(0);
    const due = await dueCount();
    // Every swept report but the not-due ones, plus the stage-less copy check() left due.
    expect(due).toBe(allSwept.length - 3 + 1);

    expect(await deadlines.sweep(now)).toBe(due);

    const after = await rows(allIds);
    const events = await deadlineEvents(allIds);
    for (const g of made) {
      const copy = after.get(g.copy)!;
      const copyEvents = events.filter((e) => e.report_id === g.copy).map(comparable);
      for (const id of g.swept) {
        expect({ name: g.k.name, ...state(after.get(id)!) }).toEqual({ name: g.k.name, ...state(copy) });
        expect({ name: g.k.name, events: events.filter((e) => e.report_id === id).map(comparable) }).toEqual({
          name: g.k.name,
          events: copyEvents,
        });
      }
      if (!g.k.expect) continue;
      // And both are what the rules say, by hand.
      const x = g.k.expect;
      expect({ name: g.k.name, ...state(copy) }).toMatchObject({
        name: g.k.name,
        remindedAt: at(x.reminded),
        level: x.level,
        overdue: x.overdue,
        next: at(x.next),
      });
      expect({
        name: g.k.name,
        events: copyEvents.map((e) => (e.type === 'report.reminder' ? 'reminder' : e.data.level)),
      }).toEqual({ name: g.k.name, events: x.levels });
      const agencyId = assigned.includes(g) ? c.agencyA.id : null;
      for (const e of copyEvents) {
        expect(e).toEqual({
          type: e.type,
          from: copy.status,
          to: copy.status,
          internal: true,
          actor: null,
          roles: ['system'],
          data:
            e.type === 'report.reminder'
              ? { stage: copy.stage, dueAt: at(g.k.state.due)!.toISOString() }
              : { level: e.data.level, stage: copy.stage, dueAt: at(g.k.state.due)!.toISOString(), agencyId },
        });
      }
    }
    // The idle ones are untouched.
    for (const g of made.filter((m) => H24_IDLE.includes(m.k))) {
      for (const id of g.swept)
        expect(after.get(id)).toMatchObject({
          next_check_at: at(g.k.state.next),
          escalation_level: 0,
          reminded_at: null,
        });
    }

    // The outbox has every event, and each report with a next checkpoint its delayed check (same id as schedule()).
    const eventsQueue = t.app.get<Queue>(getQueueToken(QUEUES.events), { strict: false });
    const deadlinesQueue = t.app.get<Queue>(getQueueToken(QUEUES.deadlines), { strict: false });
    const sweptEvents = events.filter((e) => allSwept.includes(e.report_id));
    expect(sweptEvents.length).toBe(3 * events.filter((e) => !allSwept.includes(e.report_id)).length);
    for (const e of sweptEvents) expect((await eventsQueue.getJob(e.id))?.data).toEqual({ eventId: e.id });
    let scheduled = 0;
    for (const id of made.filter((g) => !H24_IDLE.includes(g.k)).flatMap((g) => g.swept)) {
      const r = after.get(id)!;
      if (!r.next_check_at) continue;
      const job = await deadlinesQueue.getJob(`${id}:${r.stage_version}:${r.next_check_at.getTime()}`);
      expect(job?.name).toBe('check-deadline');
      expect(job?.data).toEqual({ reportId: id, stageVersion: r.stage_version });
      // Due when the checkpoint comes.
      expect(Math.abs(job!.timestamp + (job!.opts.delay ?? 0) - r.next_check_at.getTime())).toBeLessThan(1000);
      scheduled++;
    }
    expect(scheduled).toBeGreaterThanOrEqual(3 * H24_CASES.filter((k) => k.expect!.next !== null).length);

    // A second sweep looks at the stage-less ones again and records nothing.
    expect(await deadlines.sweep(now)).toBe(4);
    expect(await deadlineEvents(allIds)).toEqual(events);
    expect(await rows(allIds)).toEqual(after);
    // check() agrees: nothing more is due for any of them.
    for (const id of allSwept) await deadlines.check(id, undefined, now);
    expect((await deadlineEvents(allIds)).length).toBe(events.length);
  }, 60_000);

  it('skips a report locked by another transaction without waiting, and takes it in the next sweep', async () => {
    // Only these three are due.
    await t.db.query(`UPDATE reports SET next_check_at = NULL`);
    const ids = await fileMany(cat24.id, 3);
    now = new Date();
    await setState(ids, { due: -30, next: -30 });
    const [locked, ...free] = ids;
    const other = new Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // E.g. a workflow action on that report, still in its transaction.
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM reports WHERE id = $1 FOR UPDATE', [locked]);
      const started = Date.now();
      const looked = await Promise.race([
        deadlines.sweep(now),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the sweep waited for the locked report')), 5000),
        ),
      ]);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(looked).toBe(2);
      expect((await deadlineEvents(free)).map((e) => [e.report_id, e.data.level]).sort()).toEqual(
        free.map((id) => [id, 1]).sort(),
      );
      expect(await deadlineEvents([locked])).toEqual([]);
      expect((await rows([locked])).get(locked)).toMatchObject({ escalation_level: 0, next_check_at: at(-30) });
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await deadlines.sweep(now)).toBe(1);
    expect((await deadlineEvents([locked])).map((e) => e.data.level)).toEqual([1]);
    expect((await rows([locked])).get(locked)).toMatchObject({
      escalation_level: 1,
      was_overdue: true,
      next_check_at: at(30),
    });
    expect(await deadlines.sweep(now)).toBe(0);
    expect((await deadlineEvents(ids)).length).toBe(3);
  }, 30_000);
});

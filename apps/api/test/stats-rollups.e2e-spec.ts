import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { JOBS, QUEUES } from '@app/queue';
import { ALL_STATUSES, isComplainedLate, isHandled, isNotSatisfied, isOnTime, isRated, median } from '@app/stats';
import { agency, category, staff } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

const DAY = 86_400_000;
const STATUSES = ALL_STATUSES;
/** Local date computed with the tz database, not with the code under test. */
const localYmd = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(d);

type Figures = Record<string, number[]>;

/**
 * The daily rollups (migration 1763900000800) are kept by triggers and folded by the worker. Whatever writes the
 * reports, concurrently and with rollbacks, the rollups must equal the figures computed from scratch here, in JS,
 * with the pure definitions of indicators.ts (not with the SQL under test).
 */
describe('statistics rollups (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  let agencies: string[];
  let categories: string[];
  let leaderToken: string;

  const fromScratch = async (): Promise<{ received: Figures; handled: Figures }> => {
    const rows: Array<Record<string, any>> = await t.db.query(
      `SELECT created_at, agency_id, category_id, status, resolved_at, handled_at, resolution_due_at, was_overdue,
              rating_satisfied, reopened, handling_minutes FROM reports`,
    );
    const received: Figures = {};
    const handled: Figures = {};
    const add = (into: Figures, key: string, values: number[]) => {
      const sum = (into[key] ??= values.map(() => 0));
      values.forEach((v, i) => (sum[i] += v));
    };
    for (const r of rows) {
      add(received, [localYmd(r.created_at), r.agency_id, r.category_id, r.status].join('|'), [1]);
      const facts = {
        status: r.status,
        handledAt: r.handled_at,
        resolutionDueAt: r.resolution_due_at,
        wasOverdue: r.was_overdue,
        ratingSatisfied: r.rating_satisfied,
        reopened: r.reopened,
      };
      if (!isHandled(facts) || !r.resolved_at) continue;
      add(handled, [localYmd(r.resolved_at), r.agency_id, r.category_id].join('|'), [
        1,
        +isOnTime(facts),
        +isNotSatisfied(facts),
        +isComplainedLate(facts),
        r.handling_minutes === null ? 0 : 1,
        r.handling_minutes ?? 0,
        +isRated(facts),
      ]);
    }
    return { received, handled };
  };

  const fromRollups = async (): Promise<{ received: Figures; handled: Figures }> => {
    const received: Array<Record<string, any>> = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, agency_id, category_id, status, sum(n)::int AS n
         FROM stats_received_daily GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    );
    const handled: Array<Record<string, any>> = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, agency_id, category_id, sum(handled)::int AS h, sum(on_time)::int AS o,
              sum(not_satisfied)::int AS ns, sum(complained_late)::int AS cl, sum(timed)::int AS tm, sum(minutes) AS m,
              sum(rated)::int AS ra
         FROM stats_handled_daily GROUP BY 1, 2, 3 HAVING sum(handled) <> 0`,
    );
    return {
      received: Object.fromEntries(
        received.map((r) => [[r.day, r.agency_id, r.category_id, r.status].join('|'), [r.n]]),
      ),
      handled: Object.fromEntries(
        handled.map((r) => [[r.day, r.agency_id, r.category_id].join('|'), [r.h, r.o, r.ns, r.cl, r.tm, r.m, r.ra]]),
      ),
    };
  };

  /** Both sides with minutes rounded (float sums of ± deltas differ in the last bits). */
  const expectRollupsExact = async () => {
    const round = (f: Figures) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.map((x) => Math.round(x * 1e6) / 1e6)]));
    const [want, have] = [await fromScratch(), await fromRollups()];
    expect(Object.keys(want.received).length).toBeGreaterThan(0);
    expect(round(have.received)).toEqual(round(want.received));
    expect(round(have.handled)).toEqual(round(want.handled));
  };

  beforeAll(async () => {
    t = await createTestApp();
    agencies = [(await agency(t, 'Sở Xây dựng')).id, (await agency(t, 'UBND phường Gia Sàng')).id];
    categories = [
      (await category(t, { name: 'Giao thông' })).id,
      (await category(t, { name: 'Điện', calendar: '24x7' })).id,
    ];
    leaderToken = (await staff(t, ['leader'])).token;
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('follows every change of every report exactly, with concurrent writers, rollbacks and folding', async () => {
    let seed = 20261123;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const ago = () => new Date(Date.now() - rand() * 40 * DAY);
    await t.db.query(
      `INSERT INTO reports (code, status, category_id, channel, description, location, created_at, updated_at)
       SELECT 'PA-ROLLUP-' || g, 'received', $1, 'web', 'Đèn đường hỏng', ST_GeogFromText('POINT(105.84 21.59)'),
              now() - g * interval '7 hours', now()
         FROM generate_series(1, 150) g`,
      [categories[0]],
    );
    const ids: string[] = (await t.db.query(`SELECT id FROM reports WHERE code LIKE 'PA-ROLLUP-%'`)).map(
      (r: { id: string }) => r.id,
    );

    // One random change of one report, as a single statement (the trigger sees exactly what commits).
    const change = (): [string, unknown[]] => {
      const id = pick(ids);
      switch (Math.floor(rand() * 8)) {
        case 0: {
          const status = pick(STATUSES);
          const handled = status === 'resolved' || status === 'closed' || status === 'pending_review';
          const assigned = ago();
          return [
            `UPDATE reports SET status = $2, agency_id = $3, first_assigned_at = $4, handled_at = $5, resolved_at = $6
                    WHERE id = $1`,
            [
              id,
              status,
              status === 'received' ? null : pick(agencies),
              assigned,
              handled ? new Date(assigned.getTime() + rand() * 9 * DAY) : null,
              handled && status !== 'pending_review' ? ago() : null,
            ],
          ];
        }
        case 1:
          return [`UPDATE reports SET agency_id = $2 WHERE id = $1`, [id, pick([null, ...agencies])]];
        case 2:
          return [`UPDATE reports SET category_id = $2 WHERE id = $1`, [id, pick(categories)]];
        case 3:
          return [`UPDATE reports SET created_at = $2 WHERE id = $1`, [id, ago()]];
        case 4:
          return [`UPDATE reports SET rating_satisfied = $2 WHERE id = $1`, [id, pick([true, false, null])]];
        case 5:
          return [`UPDATE reports SET was_overdue = NOT was_overdue, reopened = $2 WHERE id = $1`, [id, rand() < 0.5]];
        case 6:
          return [`UPDATE reports SET resolution_due_at = $2 WHERE id = $1`, [id, ago()]];
        default:
          return [`UPDATE reports SET next_check_at = now(), version = version + 1 WHERE id = $1`, [id]];
      }
    };

    const connections = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        return client;
      }),
    );
    let writing = true;
    let folds = 0;
    try {
      const folder = (async () => {
        while (writing) {
          await connections[4].query(`SELECT pa_stats_compact()`);
          folds++;
        }
      })();
      await Promise.all(
        connections.slice(0, 4).map(async (client, k) => {
          for (let i = 0; i < 150; i++) {
            const [sql, params] = change();
            if (i % 10 === k) {
              // A change that rolls back leaves no trace in the rollups.
              await client.query('BEGIN');
              await client.query(sql, params);
              await client.query('ROLLBACK');
            } else if (i % 37 === 0) {
              await client.query(`DELETE FROM reports WHERE id = $1`, [pick(ids)]);
            } else {
              await client.query(sql, params);
            }
          }
        }),
      );
      writing = false;
      await folder;
    } finally {
      writing = false;
      await Promise.all(connections.map((c) => c.end()));
    }
    expect(folds).toBeGreaterThan(1);
    for (let i = 0; i < 20; i++) await t.db.query(...change());
    await t.db.query(`UPDATE reports SET created_at = created_at - interval '3 days'
                       WHERE id = (SELECT id FROM reports WHERE code LIKE 'PA-ROLLUP-%' LIMIT 1)`);
    const [{ pending }] = await t.db.query(
      `SELECT count(*)::int AS pending FROM stats_received_daily WHERE NOT compact`,
    );
    expect(pending).toBeGreaterThan(0); // the last changes are not folded yet, and the sums are exact anyway
    await expectRollupsExact();

    await t.db.query(`SELECT pa_stats_compact()`);
    await expectRollupsExact();
    const [{ dup }] = await t.db.query(
      `SELECT count(*)::int AS dup FROM (SELECT 1 FROM stats_received_daily GROUP BY day, agency_id, category_id, status HAVING count(*) > 1) x`,
    );
    expect(dup).toBe(0);
    // Handling time follows the category's calendar: the same interval counts more minutes around the clock.
    const [timed] = await t.db.query(
      `SELECT count(*)::int AS n FROM reports WHERE handled_at > first_assigned_at AND handling_minutes IS NULL`,
    );
    expect(timed.n).toBe(0);
  });

  it('gives the same rollups when rebuilt from the reports', async () => {
    const before = await fromRollups();
    await t.db.query(`SELECT pa_stats_rebuild()`);
    expect(await fromRollups()).toEqual(before);
    const [{ pending }] = await t.db.query(
      `SELECT count(*)::int AS pending FROM stats_received_daily WHERE NOT compact`,
    );
    expect(pending).toBe(0);
  });

  it('answers a period with partial first and last days exactly as counting the reports', async () => {
    const from = new Date(Date.now() - 20 * DAY - 5 * 3_600_000);
    const to = new Date(Date.now() - 2 * DAY + 3 * 3_600_000);
    // Reports received and handled a minute inside and a minute outside each bound, besides the random ones.
    const ids: string[] = (
      await t.db.query(`SELECT id FROM reports WHERE code LIKE 'PA-ROLLUP-%' ORDER BY code LIMIT 8`)
    ).map((r: { id: string }) => r.id);
    const at = [from.getTime() - 60_000, from.getTime() + 60_000, to.getTime() - 60_000, to.getTime() + 60_000];
    for (const [k, id] of ids.entries()) {
      const moment = new Date(at[k % 4]);
      const [created, resolved] =
        k < 4 ? [moment, new Date(moment.getTime() - DAY)] : [new Date(moment.getTime() - DAY), moment];
      await t.db.query(
        `UPDATE reports SET status = 'closed', agency_id = $2, created_at = $3, first_assigned_at = $3, handled_at = $4, resolved_at = $4,
                resolution_due_at = $4 WHERE id = $1`,
        [id, agencies[0], created, resolved],
      );
    }
    const res = await t
      .http()
      .get('/api/v1/stats/overview')
      .auth(leaderToken, { type: 'bearer' })
      .query({ from: from.toISOString(), to: to.toISOString(), agencyId: agencies[0] })
      .expect(200);
    const rows: Array<Record<string, any>> = await t.db.query(
      `SELECT status, created_at, resolved_at, handled_at, resolution_due_at, was_overdue, rating_satisfied, reopened, handling_minutes
         FROM reports WHERE agency_id = $1`,
      [agencies[0]],
    );
    const received = rows.filter((r) => r.created_at >= from && r.created_at < to);
    expect(received.length).toBeGreaterThan(3);
    expect(res.body.total).toBe(received.length);
    for (const status of STATUSES)
      expect([status, res.body.byStatus[status]]).toEqual([status, received.filter((r) => r.status === status).length]);
    const handled = rows
      .filter((r) => r.resolved_at >= from && r.resolved_at < to)
      .map((r) => ({
        status: r.status,
        handledAt: r.handled_at,
        resolutionDueAt: r.resolution_due_at,
        wasOverdue: r.was_overdue,
        ratingSatisfied: r.rating_satisfied,
        reopened: r.reopened,
        minutes: r.handling_minutes as number | null,
      }))
      .filter(isHandled);
    const minutes = handled.map((h) => h.minutes).filter((m): m is number => m !== null);
    expect(minutes.length).toBeGreaterThan(1);
    expect(res.body.medianHandlingHours).toBeCloseTo(median(minutes)! / 60, 2);
    expect(res.body.avgHandlingHours).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length / 60, 2);
    expect(handled.length).toBeGreaterThan(0);
    expect(res.body).toMatchObject({
      handled: handled.length,
      onTime: handled.filter(isOnTime).length,
      notSatisfied: handled.filter(isNotSatisfied).length,
      complainedLate: handled.filter(isComplainedLate).length,
      rated: handled.filter(isRated).length,
    });
  });

  it('is folded by the worker through its Bull job', async () => {
    await t.db.query(`UPDATE reports SET created_at = created_at - interval '1 day' WHERE code LIKE 'PA-ROLLUP-%'`);
    const pending = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM stats_received_daily WHERE NOT compact`))[0].n;
    expect(await pending()).toBeGreaterThan(0);
    worker = await startWorker();
    const queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
    const job = await queue.add(JOBS.compactStats, {});
    expect(await job.finished()).toEqual({ days: expect.any(Number) });
    await eventually(async () => (await pending()) === 0);
    await expectRollupsExact();
  });
});

// The deadline safety-net sweep on the generated reports with a backlog of 1,000 due checkpoints (as if the
// worker had been down for a while): the sweep's query, then DeadlinesService.sweep() on that batch in a
// worker replica. Ceilings: a primary-key lookup for the query; for the batch, the same state change done by
// one set-based SQL statement (update + timeline rows) on a second, identical backlog. Target: < 2 s.
import { benchEnv } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock } from '../lib/external';
import { citizens, receivedReports } from '../lib/fixtures';
import { forkTs } from '../lib/procs';
import { round, summarize, type Figure } from '../lib/results';

const SWEEP_SQL = `SELECT id FROM reports WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT 1000`;

export const overdueSweepScenario: Scenario = {
  title: 'Overdue sweep: due-checkpoint query and a 1,000-report sweep batch',
  async run(ctx) {
    const reporters = (await citizens(ctx.pool, 200)).map((c) => c.id);
    // Backlog: half at their reminder (deadline still ahead), half past their deadline (level 1 to record).
    const backlog = async () => {
      const ids = (
        await receivedReports(ctx.pool, 1000, { categoryId: ctx.staff.categoryId, reporterIds: reporters })
      ).map((r) => r.id);
      await ctx.pool.query(
        `UPDATE reports SET
           due_at = CASE WHEN x.n % 2 = 0 THEN now() + interval '2 hours' ELSE now() - interval '2 hours' END,
           next_check_at = CASE WHEN x.n % 2 = 0 THEN now() - interval '1 minute' ELSE now() - interval '2 hours' END
          FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) WHERE reports.id = x.id`,
        [ids],
      );
      return ids;
    };
    await backlog();
    await ctx.pool.query('ANALYZE reports');

    const c = await ctx.pool.connect();
    let query;
    let pk;
    let plan: string;
    try {
      const { rows: sample } = await c.query(`SELECT id FROM reports TABLESAMPLE SYSTEM (1) LIMIT 50`);
      const q: number[] = [];
      const k: number[] = [];
      let rowsSeen = 0;
      for (let i = 0; i < 50; i++) {
        let t = performance.now();
        rowsSeen = (await c.query(SWEEP_SQL, [new Date()])).rowCount ?? 0;
        q.push(performance.now() - t);
        t = performance.now();
        await c.query('SELECT * FROM reports WHERE id = $1', [sample[i % sample.length].id]);
        k.push(performance.now() - t);
      }
      query = { ...summarize(q), rows: rowsSeen };
      pk = summarize(k);
      plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${SWEEP_SQL}`, [new Date()])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    } finally {
      c.release();
    }

    // DeadlinesService.sweep on the batch, in a worker replica (the real worker keeps running beside it).
    const { result } = forkTs<{ result: { seconds: number; checked: number } }>('bench/lib/sweep-child.ts', [], {
      env: benchEnv(),
      timeoutMs: 300_000,
    });
    const sweep = (await result).result;
    const { rows: recorded } = await ctx.pool.query(
      `SELECT type, count(*)::int AS n FROM report_events WHERE created_at > now() - interval '5 minutes' AND type IN ('report.reminder', 'report.overdue') GROUP BY 1`,
    );

    // Ceiling: the same changes as one statement on a fresh backlog.
    await backlog();
    const t = performance.now();
    await ctx.pool.query(
      `WITH due AS (
         SELECT id, due_at, status, stage, agency_id FROM reports WHERE next_check_at <= now() ORDER BY next_check_at LIMIT 1000 FOR UPDATE
       ), upd AS (
         UPDATE reports r SET
           reminded_at = CASE WHEN due.due_at > now() THEN now() ELSE r.reminded_at END,
           escalation_level = CASE WHEN due.due_at > now() THEN r.escalation_level ELSE 1 END,
           was_overdue = r.was_overdue OR due.due_at <= now(),
           next_check_at = CASE WHEN due.due_at > now() THEN due.due_at ELSE due.due_at + interval '1 day' END
           FROM due WHERE r.id = due.id
         RETURNING r.id, due.due_at, due.status, due.stage, due.agency_id
       )
       INSERT INTO report_events (report_id, type, from_status, to_status, actor_roles, internal, data)
       SELECT id, CASE WHEN due_at > now() THEN 'report.reminder' ELSE 'report.overdue' END, status, status, '{system}', true,
              jsonb_build_object('stage', stage, 'dueAt', due_at, 'level', 1, 'agencyId', agency_id)
         FROM upd`,
    );
    const setBased = (performance.now() - t) / 1000;

    const figures: Figure[] = [
      {
        scenario: 'sweep',
        name: `sweep query (${query.rows} due rows)`,
        value: query.p99,
        unit: 'ms',
        ceiling: pk.p99,
        ceilingLabel: 'PK lookup',
        target: '< 2,000',
        pass: query.p99 < 2000,
        better: 'lower',
      },
      {
        scenario: 'sweep',
        name: `DeadlinesService.sweep, batch of ${sweep.checked}`,
        value: sweep.seconds,
        unit: 's',
        ceiling: setBased,
        ceilingLabel: 'one set-based SQL statement',
        target: '< 2',
        pass: sweep.seconds < 2,
        better: 'lower',
      },
    ];
    return {
      figures,
      notes: [
        `Backlog: 1,000 open reports with a due checkpoint (500 at their reminder, 500 past their deadline) among the generated ones.`,
        `- query: p50 ${round(query.p50, 2)} ms, p99 ${round(query.p99, 2)} ms over 50 runs; PK lookup p99 ${round(pk.p99, 2)} ms.`,
        `- sweep: ${sweep.checked} reports checked in ${round(sweep.seconds, 2)} s = ${round((sweep.seconds * 1000) / Math.max(1, sweep.checked), 2)} ms a report` +
          ` (one transaction for the batch: due rows locked FOR UPDATE SKIP LOCKED, their categories, one UPDATE, one timeline INSERT; then one addBulk for the events and one for the next deadline jobs); recorded in the last 5 min: ${recorded.map((r: { type: string; n: number }) => `${r.type} ${r.n}`).join(', ')}.`,
        `- set-based ceiling on an identical backlog: ${round(setBased, 3)} s.`,
        '',
        codeBlock(plan, 20),
      ],
    };
  },
};

if (require.main === module) standalone(overdueSweepScenario);

// Workflow actions: `assign` (screener) on fresh received reports, then `acknowledge` (the agency's officer) on
// the same reports, each report acted on once, at a fixed concurrency. The ceiling is a bare node-postgres loop
// doing the same row lock, update and timeline insert in a transaction. Targets: ≥ 1,000 actions/s, p99 < 100 ms.
import { apiUrl, BENCH } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { citizens, receivedReports } from '../lib/fixtures';
import { describeLoad, describeRaw, runLoad, runRawPg } from '../lib/load';
import { round, type Figure } from '../lib/results';

export const actionsScenario: Scenario = {
  title: 'Workflow actions: assign then acknowledge vs raw pg',
  async run(ctx) {
    // Each side's two passes stay well inside a minute: the calendar cache expires every 60 s and its reload
    // inside a transaction can stall a saturated pool (FINDINGS F2).
    const n = ctx.quick ? 2000 : 4000;
    const connections = 32;
    const { staff } = ctx;
    const reporters = (await citizens(ctx.pool, 500)).map((c) => c.id);
    const rawIds = (await receivedReports(ctx.pool, n, { categoryId: staff.categoryId, reporterIds: reporters })).map((r) => r.id);
    const apiIds = (await receivedReports(ctx.pool, n, { categoryId: staff.categoryId, reporterIds: reporters })).map((r) => r.id);
    // A few warm-up actions on their own reports, so JIT and pools are warm as in the other scenarios.
    const warmIds = (await receivedReports(ctx.pool, 400, { categoryId: staff.categoryId, reporterIds: reporters })).map((r) => r.id);
    await ctx.pool.query('ANALYZE reports');

    const raw = await runRawPg({
      mode: 'actions', databaseUrl: BENCH.databaseUrl, poolSize: BENCH.poolSize, concurrency: connections, ids: rawIds,
      agencyId: staff.officer.agencyId, screenerId: staff.screener.id, officerId: staff.officer.id, categoryId: staff.categoryId, reporterIds: reporters,
    });

    const action = (ids: string[], name: string, token: string, body: object, conns = connections) =>
      runLoad({ url: apiUrl(), kind: 'action', connections: conns, amount: ids.length, data: { ids, action: name, token, body } });
    // Warm-up: one action alone (fills the lazily loaded caches), then a crowd on reports of their own.
    await action(warmIds.slice(0, 1), 'assign', staff.screener.token, { agencyId: staff.officer.agencyId }, 1);
    await action(warmIds.slice(1), 'assign', staff.screener.token, { agencyId: staff.officer.agencyId });
    const assign = await action(apiIds, 'assign', staff.screener.token, { agencyId: staff.officer.agencyId });
    const ack = await action(apiIds, 'acknowledge', staff.officer.token, {});
    const ok = assign.ok + ack.ok;
    const seconds = assign.durationSeconds + ack.durationSeconds;
    const rate = ok / seconds;
    const p99 = Math.max(assign.latency.p99, ack.latency.p99);
    const { rows } = await ctx.pool.query(`SELECT status, count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) GROUP BY 1`, [apiIds]);

    const figures: Figure[] = [
      { scenario: 'actions', name: 'actions (assign + acknowledge) throughput', value: rate, unit: 'actions/s', ceiling: raw.rate, ceilingLabel: 'raw pg', target: '≥ 1,000', pass: rate >= 1000 && assign.non2xx + ack.non2xx === 0, better: 'higher' },
      { scenario: 'actions', name: 'actions p99', value: p99, unit: 'ms', ceiling: raw.latency.p99, ceilingLabel: 'raw pg', target: '< 100', pass: p99 < 100, better: 'lower' },
    ];
    return {
      figures,
      notes: [
        `${n.toLocaleString('en-US')} received reports per side, each assigned once then acknowledged once; ${connections} connections.`,
        `- assign: ${describeLoad(assign)}`,
        `- acknowledge: ${describeLoad(ack)}`,
        `- statuses after: ${rows.map((r: { status: string; n: number }) => `${r.status} ${r.n}`).join(', ')}`,
        `- raw pg (BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT event; COMMIT), both passes: ${describeRaw(raw)}`,
        `- ratio ${round(rate / raw.rate, 2)}`,
      ],
    };
  },
};

if (require.main === module) standalone(actionsScenario);

// Workflow actions: `assign` (screener) on fresh received reports, then `acknowledge` (the agency's officer) on
// the same reports, each report acted on once, at a fixed concurrency. The ceiling is a bare node-postgres loop
// doing the same row lock, update and timeline insert in a transaction. Targets: ≥ 1,000 actions/s, p99 < 100 ms.
import { apiUrl, BENCH } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { citizens, receivedReports } from '../lib/fixtures';
import { describeLoad, describeRaw, runLoad, runRawPg } from '../lib/load';
import { cpuSecondsOf } from '../lib/procs';
import { round, type Figure } from '../lib/results';

export const actionsScenario: Scenario = {
  title: 'Workflow actions: assign then acknowledge vs raw pg',
  async run(ctx) {
    // Assign for a fixed time (each report once, from a list longer than that time needs), then acknowledge
    // exactly the reports that were assigned. Each side's two passes stay well inside a minute: the calendar
    // cache expires every 60 s and its reload inside a transaction can stall a saturated pool (FINDINGS F2).
    const duration = ctx.quick ? 5 : 10;
    const n = ctx.quick ? 6000 : 15000;
    const connections = 32;
    const { staff } = ctx;
    const reporters = (await citizens(ctx.pool, 500)).map((c) => c.id);
    const fixtures = (count: number) =>
      receivedReports(ctx.pool, count, { categoryId: staff.categoryId, reporterIds: reporters }).then((r) =>
        r.map((x) => x.id),
      );
    const rawIds = await fixtures(n);
    const apiIds = await fixtures(n);
    const warmIds = await fixtures(400);
    await ctx.pool.query('ANALYZE reports');

    const raw = await runRawPg({
      mode: 'actions',
      databaseUrl: BENCH.databaseUrl,
      poolSize: BENCH.poolSize,
      concurrency: connections,
      ids: rawIds,
      durationSeconds: duration,
      agencyId: staff.officer.agencyId,
      screenerId: staff.screener.id,
      officerId: staff.officer.id,
      categoryId: staff.categoryId,
      reporterIds: reporters,
    });

    const assignBody = { agencyId: staff.officer.agencyId };
    const load = (
      ids: string[],
      name: string,
      token: string,
      body: object,
      shape: { connections: number; amount?: number; durationSeconds?: number },
    ) => runLoad({ url: apiUrl(), kind: 'action', ...shape, data: { ids, action: name, token, body } });
    // Warm-up: one action alone (fills the lazily loaded caches), then a crowd on reports of their own.
    await load(warmIds.slice(0, 1), 'assign', staff.screener.token, assignBody, { connections: 1, amount: 1 });
    await load(warmIds.slice(1), 'assign', staff.screener.token, assignBody, {
      connections,
      amount: warmIds.length - 1,
    });
    const apiPid = ctx.app.api.pid!;
    const workerPid = ctx.app.worker.pid!;
    const cpu0 = { api: cpuSecondsOf(apiPid), worker: cpuSecondsOf(workerPid) };
    const assign = await load(apiIds, 'assign', staff.screener.token, assignBody, {
      connections,
      durationSeconds: duration,
    });
    const { rows: assignedRows } = await ctx.pool.query(
      `SELECT id FROM reports WHERE id = ANY($1::uuid[]) AND status = 'assigned'`,
      [apiIds],
    );
    const assigned = assignedRows.map((r: { id: string }) => r.id);
    const ack = await load(assigned, 'acknowledge', staff.officer.token, {}, { connections, amount: assigned.length });
    const ok = assign.ok + ack.ok;
    const cpuApi = ((cpuSecondsOf(apiPid) - cpu0.api) * 1000) / Math.max(1, ok);
    const cpuWorker = ((cpuSecondsOf(workerPid) - cpu0.worker) * 1000) / Math.max(1, ok);
    const seconds = assign.durationSeconds + ack.durationSeconds;
    const rate = ok / seconds;
    const p99 = Math.max(assign.latency.p99, ack.latency.p99);
    const { rows } = await ctx.pool.query(
      `SELECT status, count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) GROUP BY 1`,
      [assigned],
    );

    const figures: Figure[] = [
      {
        scenario: 'actions',
        name: 'actions (assign + acknowledge) throughput',
        value: rate,
        unit: 'actions/s',
        ceiling: raw.rate,
        ceilingLabel: 'raw pg',
        target: '≥ 1,000',
        pass: rate >= 1000 && assign.non2xx + ack.non2xx === 0,
        better: 'higher',
      },
      {
        scenario: 'actions',
        name: 'actions p99',
        value: p99,
        unit: 'ms',
        ceiling: raw.latency.p99,
        ceilingLabel: 'raw pg',
        target: '< 100',
        pass: p99 < 100,
        better: 'lower',
      },
    ];
    return {
      figures,
      notes: [
        `Fresh received reports; ${connections} connections; each side assigns for ${duration} s (each report once), then acknowledges every report it assigned.`,
        `- assign: ${describeLoad(assign)}`,
        `- acknowledge: ${describeLoad(ack)}`,
        `- statuses after: ${rows.map((r: { status: string; n: number }) => `${r.status} ${r.n}`).join(', ')}`,
        `- raw pg (BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT event; COMMIT), both passes: ${describeRaw(raw)}`,
        `- ratio ${round(rate / raw.rate, 2)}`,
        `- CPU per action: API ${round(cpuApi, 2)} ms + worker ${round(cpuWorker, 2)} ms (fan-out of the events, partly after the load), against ${round(raw.cpuMsPerOp, 2)} ms in the raw node-postgres process.`,
      ],
    };
  },
};

if (require.main === module) standalone(actionsScenario);

// POST /api/v1/reports at a fixed concurrency with many citizens' tokens: authentication, validation, routing,
// the insert, its timeline event, the outbox and the duplicate-scan hand-off, against a bare node-postgres loop
// writing the same two rows in a transaction with the same pool size. Also samples the API's RSS throughout
// (sustained-load memory, target < 300 MB). Targets: ≥ 2,000 reports/s, p99 < 100 ms.
import { apiUrl, BENCH } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { citizens } from '../lib/fixtures';
import { describeLoad, describeRaw, runLoad, runRawPg } from '../lib/load';
import { cpuSecondsOf, sampleRss, sleep } from '../lib/procs';
import { round, type Figure } from '../lib/results';

const MB = 1024 * 1024;

export const createReportScenario: Scenario = {
  title: 'Report intake: POST /api/v1/reports vs raw pg insert (and API memory under load)',
  async run(ctx) {
    const duration = ctx.quick ? 6 : 15;
    const connections = 32;
    const users = await citizens(ctx.pool, 2000);
    const { rows: cats } = await ctx.pool.query(`SELECT id FROM categories WHERE is_active ORDER BY sort_order`);
    const categoryIds = cats.map((c: { id: string }) => c.id);

    const raw = await runRawPg({
      mode: 'create',
      databaseUrl: BENCH.databaseUrl,
      poolSize: BENCH.poolSize,
      concurrency: connections,
      durationSeconds: duration,
      warmupSeconds: 2,
      categoryId: ctx.staff.categoryId,
      reporterIds: users.map((u) => u.id),
    });

    const apiPid = ctx.app.api.pid!;
    const workerPid = ctx.app.worker.pid!;
    const idleRss = sampleRss(apiPid).stop()[0];
    let rss: ReturnType<typeof sampleRss> | undefined;
    let cpu0 = { api: 0, worker: 0, t: 0 };
    const api = await runLoad(
      {
        url: apiUrl(),
        kind: 'create',
        connections,
        durationSeconds: duration,
        warmupSeconds: 3,
        preflight: 1,
        data: { tokens: users.map((u) => u.token), categoryIds },
      },
      () => {
        rss = sampleRss(apiPid, 250);
        cpu0 = { api: cpuSecondsOf(apiPid), worker: cpuSecondsOf(workerPid), t: performance.now() };
      },
    );
    const samples = rss?.stop() ?? [];
    const wall = (performance.now() - cpu0.t) / 1000;
    const apiCpu = (cpuSecondsOf(apiPid) - cpu0.api) / wall;
    const workerCpu = (cpuSecondsOf(workerPid) - cpu0.worker) / wall;
    const rssPeak = Math.max(...samples);
    const rssMean = samples.reduce((a, b) => a + b, 0) / (samples.length || 1);

    // The outbox after the load: how long the worker needs to fan out what the intake recorded.
    const t = performance.now();
    let backlog: number;
    for (;;) {
      backlog = (await ctx.pool.query(`SELECT count(*)::int AS n FROM report_events WHERE dispatched_at IS NULL`))
        .rows[0].n;
      if (!backlog || performance.now() - t > 30_000) break;
      await sleep(500);
    }
    const drainSeconds = (performance.now() - t) / 1000;

    const figures: Figure[] = [
      {
        scenario: 'create',
        name: 'POST /reports throughput',
        value: api.okPerSecond,
        unit: 'reports/s',
        ceiling: raw.rate,
        ceilingLabel: 'raw pg',
        target: '≥ 2,000',
        pass: api.okPerSecond >= 2000 && api.non2xx === 0,
        better: 'higher',
      },
      {
        scenario: 'create',
        name: 'POST /reports p99',
        value: api.latency.p99,
        unit: 'ms',
        ceiling: raw.latency.p99,
        ceilingLabel: 'raw pg',
        target: '< 100',
        pass: api.latency.p99 < 100,
        better: 'lower',
      },
      {
        scenario: 'create',
        name: 'POST /reports CPU per report (API + worker)',
        value: ((apiCpu + workerCpu) * wall * 1000) / Math.max(1, api.ok),
        unit: 'ms',
        ceiling: raw.cpuMsPerOp,
        ceilingLabel: 'raw pg process',
        better: 'lower',
      },
      {
        scenario: 'create',
        name: 'API RSS under sustained load (peak)',
        value: rssPeak / MB,
        unit: 'MB',
        ceiling: raw.rssPeak / MB,
        ceilingLabel: 'bare pg client process',
        target: '< 300',
        pass: rssPeak / MB < 300,
        better: 'lower',
      },
    ];
    return {
      figures,
      notes: [
        `${connections} connections, ${duration} s after a 3 s warm-up, ${users.length.toLocaleString('en-US')} citizens' tokens (one client address each),` +
          ` ${categoryIds.length} categories, random points in the province; API pool ${BENCH.poolSize} connections, the raw loop the same.`,
        `- API: ${describeLoad(api)}`,
        `- raw pg (BEGIN; INSERT report; INSERT event; COMMIT): ${describeRaw(raw)}`,
        `- API CPU ${round(apiCpu * 100, 0)} % of one core, worker ${round(workerCpu * 100, 0)} % during the load (2 cores in all, shared with Postgres, Redis and the load generator).`,
        `- CPU per report (less sensitive to a busy machine than rates): API ${round((apiCpu * wall * 1000) / Math.max(1, api.ok), 2)} ms + worker ${round((workerCpu * wall * 1000) / Math.max(1, api.ok), 2)} ms, against ${round(raw.cpuMsPerOp, 2)} ms in the raw node-postgres process (Postgres' own CPU excluded on both sides).`,
        `- API RSS: idle ${round(idleRss / MB, 0)} MB, mean ${round(rssMean / MB, 0)} MB, peak ${round(rssPeak / MB, 0)} MB over ${samples.length} samples (every 250 ms, /proc/<pid>/status VmRSS).`,
        `- outbox after the load: ${backlog ? `${backlog} events still undispatched after ${round(drainSeconds, 0)} s` : `drained in ${round(drainSeconds, 1)} s`}.`,
      ],
    };
  },
};

if (require.main === module) standalone(createReportScenario);

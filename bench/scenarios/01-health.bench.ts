// Trivial route: GET /health/live through the whole HTTP stack (Fastify, Nest guards and interceptors, helmet,
// request ids, the throttle) against a bare Node http server answering the same JSON. Target: ratio ≥ 0.5.
import { apiUrl, BENCH } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { describeLoad, runLoad } from '../lib/load';
import { cpuSecondsOf, startTsServer, stop } from '../lib/procs';
import { round, type Figure } from '../lib/results';

export const healthScenario: Scenario = {
  title: 'Trivial route: /health/live vs bare Node http',
  async run(ctx) {
    const duration = ctx.quick ? 5 : 10;
    const connections = 32;
    const bare = await startTsServer<{ pid: number }>('bench/ceilings/bare-http.ts');
    let ceiling;
    let bareCpu: number;
    try {
      let c0 = 0;
      ceiling = await runLoad(
        {
          url: `http://${BENCH.host}:${BENCH.ceilingPort}`,
          kind: 'get',
          connections,
          durationSeconds: duration,
          warmupSeconds: 2,
          data: { path: '/health/live' },
        },
        () => (c0 = cpuSecondsOf(bare.info.pid)),
      );
      bareCpu = ((cpuSecondsOf(bare.info.pid) - c0) * 1000) / Math.max(1, ceiling.ok);
    } finally {
      await stop(bare.child);
    }
    const apiPid = ctx.app.api.pid!;
    let a0 = 0;
    const api = await runLoad(
      {
        url: apiUrl(),
        kind: 'get',
        connections,
        durationSeconds: duration,
        warmupSeconds: 2,
        data: { path: '/health/live' },
      },
      () => (a0 = cpuSecondsOf(apiPid)),
    );
    const apiCpu = ((cpuSecondsOf(apiPid) - a0) * 1000) / Math.max(1, api.ok);
    const ratio = api.okPerSecond / ceiling.okPerSecond;
    const figures: Figure[] = [
      {
        scenario: 'health',
        name: 'GET /health/live throughput',
        value: api.okPerSecond,
        unit: 'req/s',
        ceiling: ceiling.okPerSecond,
        ceilingLabel: 'bare http',
        target: 'ratio ≥ 0.5',
        pass: ratio >= 0.5,
        better: 'higher',
      },
      {
        scenario: 'health',
        name: 'GET /health/live CPU per request',
        value: apiCpu * 1000,
        unit: 'µs',
        ceiling: bareCpu * 1000,
        ceilingLabel: 'bare http',
        better: 'lower',
      },
      {
        scenario: 'health',
        name: 'GET /health/live p99',
        value: api.latency.p99,
        unit: 'ms',
        ceiling: ceiling.latency.p99,
        ceilingLabel: 'bare http',
        better: 'lower',
      },
    ];
    return {
      figures,
      notes: [
        `${connections} connections, ${duration} s after a 2 s warm-up, autocannon in its own process.`,
        `- API: ${describeLoad(api)}`,
        `- bare http: ${describeLoad(ceiling)}`,
        `- ratio ${round(ratio, 2)}`,
        `- CPU per request (robust to a busy machine): API ${round(apiCpu * 1000, 0)} µs, bare http ${round(bareCpu * 1000, 0)} µs (ratio ${round(bareCpu / apiCpu, 2)}).`,
      ],
    };
  },
};

if (require.main === module) standalone(healthScenario);

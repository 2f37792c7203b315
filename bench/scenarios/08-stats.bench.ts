// Leadership statistics over the generated year: bench/stats.bench.ts (the statistics helper's own script) when
// it is there, else GET /api/v1/stats/overview over the whole year as a leader, one request at a time. Ceiling:
// the cheapest query that still reads the same period (count by status). Target: < 300 ms.
import { apiUrl } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock, hasScript, runScript } from '../lib/external';
import { round, summarize, type Figure } from '../lib/results';

/** p99 in ms on the first output line about the overview, in whatever layout the script prints. */
function overviewP99(out: string): { p99: number; ceiling: number | null } | null {
  const lines = out.split('\n');
  const line = lines.find((l) => /overview/i.test(l) && /p99/i.test(l)) ?? lines.find((l) => /overview/i.test(l) && /ms/.test(l));
  if (!line) return null;
  const p99 = /p99[^\d]*([\d.]+)\s*ms/i.exec(line)?.[1];
  const nums = [...line.matchAll(/([\d.]+)\s*ms/g)].map((m) => Number(m[1]));
  const value = p99 !== undefined ? Number(p99) : nums.length >= 2 ? nums[1] : nums[0];
  if (value === undefined || Number.isNaN(value)) return null;
  const base = lines.find((l) => /(ceiling|baseline|count\(\*\)|primary.key|pk)/i.test(l) && /ms/.test(l));
  const bp99 = base ? /p99[^\d]*([\d.]+)\s*ms/i.exec(base)?.[1] : undefined;
  const bnums = base ? [...base.matchAll(/([\d.]+)\s*ms/g)].map((m) => Number(m[1])) : [];
  return { p99: value, ceiling: bp99 !== undefined ? Number(bp99) : bnums.length >= 2 ? bnums[1] : (bnums[0] ?? null) };
}

export const statsScenario: Scenario = {
  title: 'Statistics overview on the generated year',
  async run(ctx) {
    const { rows } = await ctx.pool.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'reports'`);
    const size = `${Number(rows[0].n).toLocaleString('en-US')} reports`;
    const to = new Date();
    const from = new Date(to.getTime() - 365 * 24 * 3600 * 1000);
    // The ceiling: one pass over the same period's rows, nothing computed.
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await ctx.pool.query(`SELECT status, count(*) FROM reports WHERE created_at >= $1 AND created_at < $2 GROUP BY status`, [from, to]);
      floor.push(performance.now() - t);
    }
    const ceiling = summarize(floor);

    if (hasScript('bench/stats.bench.ts')) {
      const { code, out } = await runScript('bench/stats.bench.ts', ['--runs', ctx.quick ? '5' : '10'], 240_000);
      const parsed = code === 0 ? overviewP99(out) : null;
      if (parsed) {
        return {
          figures: [
            { scenario: 'stats', name: `stats overview p99 (${size})`, value: parsed.p99, unit: 'ms', ceiling: parsed.ceiling ?? ceiling.p50, ceilingLabel: parsed.ceiling != null ? "the script's baseline" : 'count by status, same period', target: '< 300', pass: parsed.p99 < 300, better: 'lower' },
          ],
          notes: [`From \`bench/stats.bench.ts --runs ${ctx.quick ? 5 : 10}\` (the statistics helper's script: the exact SQL of the API through StatsService; overview = its first line, the last 365 days). Count by status over the same year: median ${round(ceiling.p50, 1)} ms. Its output:`, '', codeBlock(out, 60)],
        };
      }
      console.warn(`[bench] bench/stats.bench.ts gave no overview figure (exit ${code}); measuring over HTTP instead`);
    }

    const url = `${apiUrl()}/api/v1/stats/overview?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const get = () => fetch(url, { headers: { authorization: `Bearer ${ctx.staff.leader.token}`, 'x-forwarded-for': '127.7.0.1' } });
    const probe = await get();
    if (probe.status === 404) {
      await probe.arrayBuffer();
      return {
        figures: [{ scenario: 'stats', name: `stats overview p99 (${size})`, value: null, unit: 'ms', ceiling: ceiling.p50, ceilingLabel: 'count by status', target: '< 300', skipped: 'stats endpoint missing' }],
        notes: ['GET /api/v1/stats/overview answers 404 and bench/stats.bench.ts is absent: the statistics module is not there (yet).'],
      };
    }
    const body = await probe.text();
    if (!probe.ok) throw new Error(`stats overview: ${probe.status} ${body.slice(0, 200)}`);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await get();
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    return {
      figures: [
        { scenario: 'stats', name: `stats overview p99 (${size})`, value: s.p99, unit: 'ms', ceiling: ceiling.p50, ceilingLabel: 'count by status, same period', target: '< 300', pass: s.p99 < 300, better: 'lower' },
      ],
      notes: [
        `GET /api/v1/stats/overview over the last 365 days as a leader, 20 requests one after the other after one warm-up: p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 1)} ms.`,
        `Ceiling: \`SELECT status, count(*) … GROUP BY status\` over the same period, median ${round(ceiling.p50, 1)} ms.`,
        '', codeBlock(body.slice(0, 1500), 30),
      ],
    };
  },
};

if (require.main === module) standalone(statsScenario);

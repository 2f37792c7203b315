// Leadership statistics over the generated year, through the real API as a provincial leader: GET
// /api/v1/stats/overview and /api/v1/stats/agencies for the last 365 days (partial first and last days included),
// 20 requests each, one after the other. Ceiling: the cheapest query that still reads the same period's reports
// (count by status). Target: < 300 ms each. `bench/stats.bench.ts --explain` prints the plans of the same SQL.
import { apiUrl } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock } from '../lib/external';
import { round, summarize, type Figure } from '../lib/results';

export const statsScenario: Scenario = {
  title: 'Statistics on the generated year',
  async run(ctx) {
    const { rows } = await ctx.pool.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'reports'`);
    const size = `${Number(rows[0].n).toLocaleString('en-US')} reports`;
    const to = new Date();
    const from = new Date(to.getTime() - 365 * 24 * 3600 * 1000);
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await ctx.pool.query(
        `SELECT status, count(*) FROM reports WHERE created_at >= $1 AND created_at < $2 GROUP BY status`,
        [from, to],
      );
      floor.push(performance.now() - t);
    }
    const ceiling = summarize(floor);

    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const path of ['overview', 'agencies']) {
      const url = `${apiUrl()}/api/v1/stats/${path}?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
      const get = () =>
        fetch(url, { headers: { authorization: `Bearer ${ctx.staff.leader.token}`, 'x-forwarded-for': '127.7.0.1' } });
      const probe = await get();
      const body = await probe.text();
      if (!probe.ok) throw new Error(`stats ${path}: ${probe.status} ${body.slice(0, 200)}`);
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        const res = await get();
        await res.arrayBuffer();
        times.push(performance.now() - t);
      }
      const s = summarize(times);
      figures.push({
        scenario: 'stats',
        name: `stats ${path} p99, a year (${size})`,
        value: s.p99,
        unit: 'ms',
        ceiling: ceiling.p50,
        ceilingLabel: 'count by status, same period',
        target: '< 300',
        pass: s.p99 < 300,
        better: 'lower',
      });
      notes.push(
        `GET /api/v1/stats/${path}, last 365 days: p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 1)} ms (20 requests after one warm-up).`,
      );
      if (path === 'overview')
        notes.push('', codeBlock(JSON.stringify({ ...JSON.parse(body), trend: '…' }, null, 1), 40), '');
    }
    notes.push(
      `Ceiling: \`SELECT status, count(*) … GROUP BY status\` over the same period, median ${round(ceiling.p50, 1)} ms.`,
    );
    return { figures, notes };
  },
};

if (require.main === module) standalone(statsScenario);

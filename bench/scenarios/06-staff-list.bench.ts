// The screener's list on the generated reports: GET /api/v1/reports?status=…&categoryId=…&page=… (filters the
// centre actually uses: its queues, and the archive), against GET /api/v1/reports/:id (a primary-key lookup
// through the same stack) at the same concurrency. Target: p99 < 50 ms. Also times each filter alone and shows
// the plans of the heaviest one, since a list is two statements (the page and its total).
import { apiUrl } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock } from '../lib/external';
import { describeLoad, runLoad } from '../lib/load';
import { round, summarize, type Figure } from '../lib/results';

const STATUS_MIX: Array<[string, number]> = [
  ['received', 30],
  ['pending_review', 15],
  ['in_progress', 12],
  ['assigned', 8],
  ['need_info', 5],
  ['resolved', 10],
  ['closed', 12],
  ['cancelled', 8],
];

export const staffListScenario: Scenario = {
  title: 'Staff list with filters vs primary-key lookup (HTTP)',
  async run(ctx) {
    const duration = ctx.quick ? 5 : 10;
    const connections = 8;
    const { rows: cats } = await ctx.pool.query(`SELECT id, code FROM categories WHERE is_active ORDER BY sort_order`);
    const paths: string[] = [];
    for (const [status, weight] of STATUS_MIX) {
      for (let w = 0; w < weight; w++) {
        const cat = cats[(w * 7 + status.length) % cats.length];
        const page = 1 + (w % 3);
        paths.push(`/api/v1/reports?status=${status}&categoryId=${cat.id}&page=${page}&pageSize=20`);
      }
    }
    const { rows: idRows } = await ctx.pool.query(`SELECT id FROM reports TABLESAMPLE SYSTEM (1) LIMIT 2000`);
    const ids = idRows.map((r: { id: string }) => r.id);
    const token = ctx.staff.screener.token;

    const pk = await runLoad({
      url: apiUrl(),
      kind: 'get-report',
      connections,
      durationSeconds: duration,
      warmupSeconds: 2,
      data: { ids, token },
    });
    const list = await runLoad({
      url: apiUrl(),
      kind: 'paths',
      connections,
      durationSeconds: duration,
      warmupSeconds: 2,
      data: { paths, token },
    });

    // Each status filter alone, one request at a time (which filters cost what).
    const perStatus: string[] = [];
    const heaviest = { status: '', ms: 0 };
    for (const [status] of STATUS_MIX) {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const cat = cats[i % cats.length];
        const t = performance.now();
        const res = await fetch(`${apiUrl()}/api/v1/reports?status=${status}&categoryId=${cat.id}&page=1&pageSize=20`, {
          headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `127.8.0.${i + 1}` },
        });
        const body = (await res.json()) as { total?: number };
        times.push(performance.now() - t);
        if (i === 0) perStatus.push(`  - status=${status}: total ${body.total ?? '?'} for one category;`);
      }
      const s = summarize(times);
      perStatus[perStatus.length - 1] += ` median ${round(s.p50, 1)} ms, max ${round(s.max, 1)} ms`;
      if (s.p50 > heaviest.ms) Object.assign(heaviest, { status, ms: s.p50 });
    }
    // The two statements of that list as TypeORM sends them (page, then total), with their plans.
    const cat = cats[0].id;
    const explain = async (sql: string) =>
      (await ctx.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [heaviest.status, cat])).rows
        .map((r) => r['QUERY PLAN'] as string)
        .join('\n');
    const pagePlan = await explain(
      `SELECT r.* FROM reports r WHERE r.status IN ($1) AND r.category_id = $2 ORDER BY r.created_at DESC LIMIT 20`,
    );
    const countPlan = await explain(
      `SELECT COUNT(DISTINCT(r.id)) AS cnt FROM reports r WHERE r.status IN ($1) AND r.category_id = $2`,
    );

    const figures: Figure[] = [
      {
        scenario: 'staff-list',
        name: 'staff list with filters p99',
        value: list.latency.p99,
        unit: 'ms',
        ceiling: pk.latency.p99,
        ceilingLabel: 'GET /reports/:id',
        target: '< 50',
        pass: list.latency.p99 < 50 && list.non2xx === 0,
        better: 'lower',
      },
      {
        scenario: 'staff-list',
        name: 'staff list throughput',
        value: list.okPerSecond,
        unit: 'req/s',
        ceiling: pk.okPerSecond,
        ceilingLabel: 'GET /reports/:id',
        better: 'higher',
      },
    ];
    return {
      figures,
      notes: [
        `${connections} connections (screeners), ${duration} s each after a 2 s warm-up, screener token; ${paths.length} list URLs mixing the centre's queues`,
        `(${STATUS_MIX.map(([s, w]) => `${s} ${w}%`).join(', ')}), 16 categories, pages 1–3 of 20.`,
        `- list: ${describeLoad(list)}`,
        `- GET /reports/:id: ${describeLoad(pk)}`,
        `- each filter alone (one category, page 1, 10 requests in a row):`,
        ...perStatus,
        '',
        `Plans of the slowest filter (status=${heaviest.status}, one category), as TypeORM's getManyAndCount sends it: the page, then the total.`,
        '',
        codeBlock(pagePlan, 25),
        '',
        codeBlock(countPlan, 25),
      ],
    };
  },
};

if (require.main === module) standalone(staffListScenario);

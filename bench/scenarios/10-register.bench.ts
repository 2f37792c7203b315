// The register of all cases on the generated year (docs/api.md#the-register-get-reports): GET /api/v1/reports as
// the console sends it, in three loads: a search for words (accent-free and accented, common and rare, with the
// sorts), a search for a phone in its written forms, and lists with filters and sorts without a search. Each sits
// beside GET /api/v1/reports/:id, one primary-key lookup through the same stack, measured in the same run at the
// same concurrency (the bare indexed query every request of the API pays). Target: p99 < 100 ms each. Also times
// each word search alone and shows the plans of the slowest one's two paths (register-search.ts).
import { SEARCH_WINDOW } from '@app/reports/register-search';
import { apiUrl } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock } from '../lib/external';
import { describeLoad, runLoad, type LoadResult } from '../lib/load';
import { round, summarize, type Figure } from '../lib/results';

/** What people type: streets, places and problems of the generated texts, accented or not, common or rare. */
const WORDS = [
  'hoang van thu',
  'Hoàng Văn Thụ',
  'nắp hố ga',
  'ổ gà',
  'den duong hong',
  'rác thải đổ trộm',
  'lan chiem via he',
  'mất nước sinh hoạt',
  'luong ngoc quyen',
  'cot dien nghieng',
  'sat lo dat',
  'nap ho ga phan dinh phung',
  'ngo 27 dong quang',
  'cay do chan ngang',
  'khu du lich ho nui coc',
  'xe chở rác chạy ngược chiều',
];
const SORTS = ['created_desc', 'created_desc', 'created_desc', 'updated_desc', 'created_asc'];

const enc = encodeURIComponent;

export const registerScenario: Scenario = {
  title: 'Register of all cases: search by words and phone, filtered lists vs primary-key lookup (HTTP)',
  async run(ctx) {
    const duration = ctx.quick ? 5 : 10;
    const connections = 8;
    const token = ctx.staff.screener.token;
    const { rows: cats } = await ctx.pool.query(`SELECT id FROM categories WHERE is_active ORDER BY sort_order`);
    const { rows: agencies } = await ctx.pool.query(
      `SELECT agency_id AS id FROM reports WHERE agency_id IS NOT NULL GROUP BY agency_id ORDER BY count(*) DESC LIMIT 6`,
    );
    const { rows: phones } = await ctx.pool.query(
      `SELECT u.phone FROM users u TABLESAMPLE SYSTEM (5)
        WHERE u.kind = 'account' AND u.phone LIKE '+8497%' AND EXISTS (SELECT 1 FROM reports r WHERE r.reporter_id = u.id)
        LIMIT 200`,
    );
    const { rows: idRows } = await ctx.pool.query(`SELECT id FROM reports TABLESAMPLE SYSTEM (1) LIMIT 2000`);
    const ids = idRows.map((r: { id: string }) => r.id);

    const words: string[] = [];
    WORDS.forEach((w, i) => {
      for (const [k, sort] of SORTS.entries())
        words.push(`/api/v1/reports?q=${enc(w)}&sort=${sort}&page=${1 + ((i + k) % 2)}`);
    });
    // A phone as people write it: local, international, without the plus, grouped by spaces or dots.
    const spellings = (e164: string) => {
      const n = e164.slice(3);
      return [
        `0${n}`,
        e164,
        `84${n}`,
        `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
        `+84 ${n.slice(0, 3)}.${n.slice(3)}`,
      ];
    };
    const phonePaths = phones.flatMap((p: { phone: string }, i: number) =>
      spellings(p.phone)
        .slice(i % 5, (i % 5) + 1)
        .map((s) => `/api/v1/reports?q=${enc(s)}`),
    );
    const day = (offset: number) =>
      new Date(Date.now() + 7 * 3600_000 - offset * 86_400_000).toISOString().slice(0, 10);
    const filtered: string[] = [];
    for (let i = 0; i < 60; i++) {
      const cat = cats[i % cats.length].id;
      const agency = agencies[i % agencies.length].id;
      filtered.push(
        [
          `/api/v1/reports?status=received,need_info&sort=created_asc`,
          `/api/v1/reports?agencyId=${agency}&status=assigned,in_progress&sort=due_asc`,
          `/api/v1/reports?overdue=true&sort=overdue_desc&page=${1 + (i % 3)}`,
          `/api/v1/reports?categoryId=${cat}&channel=hotline&from=${day(90)}&to=${day(0)}`,
          `/api/v1/reports?sort=updated_desc&page=${1 + (i % 5)}`,
          `/api/v1/reports?from=${day(30)}&status=closed&categoryId=${cat}`,
          `/api/v1/reports?channel=zalo&status=closed&page=${1 + (i % 4)}`,
          `/api/v1/reports?agencyId=${agency}&overdue=true&sort=due_asc`,
        ][i % 8],
      );
    }

    const load = (kind: 'get-report' | 'paths', data: Record<string, unknown>) =>
      runLoad({
        url: apiUrl(),
        kind,
        connections,
        durationSeconds: duration,
        warmupSeconds: 2,
        data: { ...data, token },
      });
    const pk = await load('get-report', { ids });
    const text = await load('paths', { paths: words });
    const phone = await load('paths', { paths: phonePaths });
    const list = await load('paths', { paths: filtered });

    // Each word search alone (newest first, page 1), one request at a time: which words cost what, and which path.
    const perWords: string[] = [];
    const slowest = { q: '', ms: 0 };
    for (const w of WORDS) {
      const times: number[] = [];
      let body: { total?: number; totalExact?: boolean } = {};
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await fetch(`${apiUrl()}/api/v1/reports?q=${enc(w)}`, {
          headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `127.9.0.${i + 1}` },
        });
        body = (await res.json()) as typeof body;
        times.push(performance.now() - t);
      }
      const s = summarize(times);
      perWords.push(
        `  - "${w}": total ${body.total ?? '?'}${body.totalExact === false ? '+ (from the newest cases)' : ''}; median ${round(s.p50, 1)} ms, max ${round(s.max, 1)} ms`,
      );
      if (s.p50 > slowest.ms) Object.assign(slowest, { q: w, ms: s.p50 });
    }
    // The two paths of a word search, as register-search.ts sends them for the slowest word (newest first).
    const split = slowest.q.split(/\s+/);
    const terms = split.some((w) => [...w].length >= 3) ? split : [slowest.q];
    const cond = terms
      .map((_, i) =>
        [...terms[i]].length >= 3
          ? `r.search_norm LIKE '%' || pa_unaccent($${i + 1}) || '%'`
          : `strpos(r.search_norm, pa_unaccent($${i + 1})) > 0`,
      )
      .join(' AND ');
    const explain = async (sql: string) =>
      (await ctx.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, terms)).rows
        .map((r) => r['QUERY PLAN'] as string)
        .join('\n');
    const windowPlan = await explain(
      `SELECT count(*) FILTER (WHERE w.hit) FROM (SELECT r.id, row_number() OVER (ORDER BY r.created_at DESC, r.id DESC) AS pos,
         (${cond}) AS hit FROM reports r ORDER BY r.created_at DESC, r.id DESC LIMIT ${SEARCH_WINDOW}) w`,
    );
    const indexPlan = await explain(
      `SELECT r.id FROM reports r WHERE ${cond} ORDER BY r.created_at DESC, r.id DESC LIMIT 20`,
    );

    const figure = (name: string, r: LoadResult): Figure => ({
      scenario: 'register',
      name,
      value: r.latency.p99,
      unit: 'ms',
      ceiling: pk.latency.p99,
      ceilingLabel: 'GET /reports/:id',
      target: '< 100',
      pass: r.latency.p99 < 100 && r.non2xx === 0,
      better: 'lower',
    });
    return {
      figures: [
        figure('register search by words p99', text),
        figure('register search by phone p99', phone),
        figure('register filtered list p99', list),
      ],
      notes: [
        `${connections} connections (screener token: the whole register), ${duration} s each after a 2 s warm-up.`,
        `- words: ${WORDS.length} searches × ${SORTS.length} sorts, pages 1–2: ${describeLoad(text)}`,
        `- phone: ${phonePaths.length} generated citizens' phones, each in one of five written forms: ${describeLoad(phone)}`,
        `- filtered lists: ${filtered.length} URLs (the centre's queues, an agency's cases by deadline, overdue longest, a category's hotline cases over 90 days, last updated, a month of closed cases, a channel, paged): ${describeLoad(list)}`,
        `- GET /reports/:id: ${describeLoad(pk)}`,
        `- each word search alone (newest first, page 1, 5 requests in a row):`,
        ...perWords,
        '',
        `Plans for "${slowest.q}": the newest ${SEARCH_WINDOW.toLocaleString('en-US')} cases read in order (the path of common words), then the trigram index (the path of rare ones).`,
        '',
        codeBlock(windowPlan, 25),
        '',
        codeBlock(indexPlan, 25),
      ],
    };
  },
};

if (require.main === module) standalone(registerScenario);

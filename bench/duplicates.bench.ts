// Scale check of the duplicate candidate search (issue 6). Not a test: it prints figures and asserts nothing.
//
//   DATABASE_URL=postgres://…/pa_bench npx ts-node --transpile-only bench/duplicates.bench.ts [--generate N] [--samples 300]
//
// Runs on whatever reports the database holds (e.g. the 1,000,000-report generator's output). With
// `--generate N` it first inserts N synthetic reports with generate_series, so the script also runs alone on a
// freshly migrated database. It prints p50/p99 of the candidate search (the same two statements the API and the
// worker run) next to a plain primary-key lookup measured in the same run, and the candidate query's plan.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { candidatesSql, candidateParams, searchCandidates, type Sql } from '../libs/duplicates/src/candidate-search';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** Cities the synthetic reports cluster around (most reports come from towns), plus a thin rural spread. */
const CENTRES = [
  [21.0285, 105.8542],
  [10.7769, 106.7009],
  [16.0544, 108.2022],
  [21.5942, 105.8482],
  [20.8449, 106.6881],
  [16.4637, 107.5909],
  [10.0452, 105.7469],
  [11.3101, 106.1046],
];
const TEXTS = [
  'Ổ gà lớn trên đường',
  'Đèn đường không sáng',
  'Rác thải tồn đọng ven đường',
  'Nước ngập sau mưa',
  'Lấn chiếm vỉa hè bán hàng',
  'Cây xanh gãy đổ',
  'Cống thoát nước bị tắc',
  'Tiếng ồn công trình ban đêm',
];

async function generate(db: Client, n: number): Promise<void> {
  const cats = (await db.query(`SELECT id FROM categories WHERE is_active ORDER BY code LIMIT 16`)).rows.map(
    (r) => r.id as string,
  );
  if (!cats.length) {
    const { rows } = await db.query(
      `INSERT INTO categories (code, name, sla, escalation) VALUES ($1, 'Bench', '{}', '{}') RETURNING id`,
      [`bench-${randomUUID().slice(0, 8)}`],
    );
    cats.push(rows[0].id);
  }
  const run = randomUUID().slice(0, 8);
  const batch = 50_000;
  const started = Date.now();
  for (let done = 0; done < n; done += batch) {
    const size = Math.min(batch, n - done);
    // 90% within ~10 km of a city centre, 10% anywhere in a box over the country; created over two years.
    await db.query(
      `WITH g AS (
         SELECT i, random() AS u,
                (ARRAY[${CENTRES.map(([la]) => la).join(',')}])[1 + (i % ${CENTRES.length})] AS lat,
                (ARRAY[${CENTRES.map(([, lo]) => lo).join(',')}])[1 + (i % ${CENTRES.length})] AS lng
           FROM generate_series($1::int, $2::int) i)
       INSERT INTO reports (code, status, category_id, channel, description, location, created_at, updated_at)
       SELECT 'BD-' || $3 || '-' || i,
              (ARRAY['received','assigned','in_progress','resolved','closed','closed','cancelled'])[1 + (i % 7)],
              ($4::uuid[])[1 + (i % cardinality($4::uuid[]))], 'app',
              (ARRAY[${TEXTS.map((x) => `'${x}'`).join(',')}])[1 + ((i / 7) % ${TEXTS.length})] || ' số ' || (i % 500),
              CASE WHEN u < 0.9
                THEN ST_SetSRID(ST_MakePoint(lng + (random() - 0.5) * 0.18, lat + (random() - 0.5) * 0.18), 4326)::geography
                ELSE ST_SetSRID(ST_MakePoint(102.5 + random() * 6.5, 9 + random() * 14), 4326)::geography END,
              now() - random() * interval '730 days', now()
         FROM g`,
      [done + 1, done + size, run, cats],
    );
    process.stdout.write(`\rgenerated ${done + size}/${n} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  process.stdout.write('\n');
  await db.query('ANALYZE reports');
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = new Client({ connectionString: url });
  await db.connect();
  const sql: Sql = async (text, params) => (await db.query(text, params)).rows;
  try {
    const n = Number(arg('generate') ?? 0);
    if (n > 0) await generate(db, n);
    const samples = Number(arg('samples') ?? 300);
    const total = Number(
      (await db.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'reports'`)).rows[0].n,
    );
    // Sample reports to search from: a block sample, not a scan of the table.
    const pct100 = Math.min(100, Math.max(0.01, (samples * 400) / Math.max(1, total)));
    const picks: Array<{
      id: string;
      lat: number;
      lng: number;
      category_id: string;
      created_at: Date;
      description: string;
    }> = (
      await db.query(
        `SELECT id, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng, category_id, created_at, description
           FROM reports TABLESAMPLE SYSTEM ($1) LIMIT $2`,
        [pct100, samples],
      )
    ).rows;
    if (!picks.length) throw new Error('no reports in the database: use --generate N');
    console.log(`reports ≈ ${total.toLocaleString('en')}, samples ${picks.length}`);

    const search = (p: (typeof picks)[number]) =>
      searchCandidates(sql, {
        location: { lat: p.lat, lng: p.lng },
        categoryId: p.category_id,
        at: p.created_at,
        text: p.description,
        excludeId: p.id,
      });
    // Warm-up: the first run of each statement pays for planning and cold pages.
    for (const p of picks.slice(0, 20)) {
      await search(p);
      await db.query('SELECT * FROM reports WHERE id = $1', [p.id]);
    }
    const candidateMs: number[] = [];
    const pkMs: number[] = [];
    let found = 0;
    for (const p of picks) {
      // Interleaved, so both see the same cache and load.
      pkMs.push(await time(() => db.query('SELECT * FROM reports WHERE id = $1', [p.id])));
      candidateMs.push(await time(async () => (found += (await search(p)).length)));
    }
    candidateMs.sort((a, b) => a - b);
    pkMs.sort((a, b) => a - b);
    console.log(`\n${'query'.padEnd(34)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'max'.padStart(11)}`);
    console.log(
      `${'candidate search (2 statements)'.padEnd(34)}${fmt(pct(candidateMs, 50))}${fmt(pct(candidateMs, 99))}${fmt(candidateMs.at(-1)!)}`,
    );
    console.log(`${'primary-key lookup'.padEnd(34)}${fmt(pct(pkMs, 50))}${fmt(pct(pkMs, 99))}${fmt(pkMs.at(-1)!)}`);
    console.log(`average candidates per report: ${(found / picks.length).toFixed(1)}`);

    const p = picks[0];
    const params = candidateParams(
      {
        location: { lat: p.lat, lng: p.lng },
        categoryId: p.category_id,
        at: p.created_at,
        text: p.description,
        excludeId: p.id,
      },
      150,
      [p.category_id],
    );
    const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${candidatesSql(1)}`, params)).rows.map(
      (r) => r['QUERY PLAN'],
    );
    console.log(`\nplan of one candidate query:\n  ${plan.join('\n  ')}`);
  } finally {
    await db.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

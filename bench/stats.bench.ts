// Leadership statistics on a large history: times the overview and per-agency queries (the exact SQL the API runs,
// through StatsService) next to a baseline, `SELECT count(*) FROM reports`, measured in the same run.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench \
//     npx ts-node --transpile-only -r tsconfig-paths/register bench/stats.bench.ts [--generate N] [--runs 10] [--explain]
//
// --generate N inserts N synthetic reports (a year, Thái Nguyên-like status mix) with generate_series, so the
// script also runs alone; only into a database whose name contains "bench" or "test". Pending migrations are
// applied to such a database too. Target: < 300 ms per query on 1,000,000 reports. Not part of `npm test`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { dataSourceOptions, Db } from '@app/database';
import { defaultEscalation, defaultSla } from '@app/calendar/default-deadlines';
import { calendarMonth, Period, StatsService, syncWorkingDays } from '@app/stats';

const DAY = 86_400_000;
const BATCH = 100_000;
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pa_bench';
const dbName = decodeURIComponent(new URL(url).pathname.slice(1));
const disposable = /bench|test/i.test(dbName);
const LEADER: AuthUser = { id: '00000000-0000-0000-0000-000000000000', roles: ['leader'], agencyId: null };

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 2; i++) await fn(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const s = summary(samples);
  const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;
  console.log(
    `${label.padEnd(44)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${runs})`,
  );
}

/** Ids of `table`, creating `count` bench rows when the database has none (a bare migrated database). */
async function ids(ds: DataSource, table: 'agencies' | 'categories', count: number): Promise<string[]> {
  const existing: Array<{ id: string }> = await ds.query(
    `SELECT id FROM ${table} WHERE is_active ORDER BY code LIMIT 20`,
  );
  if (existing.length) return existing.map((r) => r.id);
  for (let i = 1; i <= count; i++) {
    if (table === 'agencies') {
      await ds.query(`INSERT INTO agencies (code, name) VALUES ($1, $2)`, [`bench-stats-a${i}`, `Cơ quan thử ${i}`]);
    } else {
      const calendar = i === count ? '24x7' : 'office';
      await ds.query(`INSERT INTO categories (code, name, calendar, sla, escalation) VALUES ($1, $2, $3, $4, $5)`, [
        `bench-stats-c${i}`,
        `Lĩnh vực thử ${i}`,
        calendar,
        defaultSla(calendar),
        defaultEscalation(calendar),
      ]);
    }
  }
  return ids(ds, table, count);
}

/**
 * N reports over the last 365 days, in time order: ~60 % closed, 8 % resolved, 10 % need_info, 8 % cancelled, 11 % with agencies,
 * 3 % waiting for screening; handled ones with assignment, result and approval times, a deadline 5 days after
 * assignment, ~30 % rated (85 % satisfied) and ~2 % reopened.
 */
async function generate(ds: DataSource, n: number): Promise<void> {
  const [agencies, categories] = [await ids(ds, 'agencies', 6), await ids(ds, 'categories', 4)];
  for (let done = 0; done < n; done += BATCH) {
    const size = Math.min(BATCH, n - done);
    const t0 = performance.now();
    await ds.query(
      `WITH g AS (
         -- In time order, as a live system writes them: a period's reports sit together on disk.
         SELECT now() - interval '365 days' + ($4::int + i - random()) / $5::float8 * interval '365 days' AS created,
                random() AS u, random() AS v, random() AS w,
                ($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int] AS agency_id,
                ($3::uuid[])[1 + floor(random() * cardinality($3::uuid[]))::int] AS category_id
           FROM generate_series(1, $1::int) AS i
       ), s AS (
         SELECT g.*, CASE WHEN u < 0.60 THEN 'closed' WHEN u < 0.68 THEN 'resolved' WHEN u < 0.78 THEN 'need_info'
                          WHEN u < 0.86 THEN 'cancelled' WHEN u < 0.90 THEN 'assigned' WHEN u < 0.95 THEN 'in_progress'
                          WHEN u < 0.97 THEN 'pending_review' ELSE 'received' END AS status,
                created + v * interval '8 hours' AS assigned_at,
                created + v * interval '8 hours' + w * w * interval '9 days' AS handled_at
           FROM g
       )
       INSERT INTO reports (code, status, cancel_reason, category_id, agency_id, channel, description, location,
                            created_at, updated_at, first_assigned_at, handled_at, resolved_at, closed_at, cancelled_at,
                            resolution_due_at, due_at, was_overdue, rated, rating_satisfied)
       SELECT 'PA-SB-' || lpad(nextval('report_code_seq')::text, 9, '0'), status,
              CASE WHEN status = 'cancelled' THEN 'duplicate' END, category_id,
              CASE WHEN status IN ('received', 'need_info', 'cancelled') THEN NULL ELSE agency_id END,
              (ARRAY['app', 'web', 'zalo', 'hotline'])[1 + floor(w * 4)::int], 'Phản ánh tổng hợp để đo thống kê',
              ST_SetSRID(ST_MakePoint(105.80 + v / 10, 21.55 + w / 10), 4326)::geography,
              created, created,
              CASE WHEN status NOT IN ('received', 'need_info', 'cancelled') THEN assigned_at END,
              CASE WHEN status IN ('resolved', 'closed', 'pending_review') THEN handled_at END,
              CASE WHEN status IN ('resolved', 'closed') THEN handled_at + interval '2 hours' END,
              CASE WHEN status = 'closed' THEN handled_at + interval '7 days' END,
              CASE WHEN status = 'cancelled' THEN created + interval '1 hour' END,
              CASE WHEN status NOT IN ('received', 'need_info', 'cancelled') THEN assigned_at + interval '5 days' END,
              CASE WHEN status IN ('assigned', 'in_progress') THEN assigned_at + interval '5 days'
                   WHEN status = 'received' THEN created + interval '8 hours' END,
              handled_at > assigned_at + interval '5 days' OR (v * 100)::int % 31 = 0,
              status IN ('resolved', 'closed') AND w < 0.3,
              CASE WHEN status IN ('resolved', 'closed') AND w < 0.3 THEN v < 0.85 END
         FROM s`,
      [size, agencies, categories, done, n],
    );
    console.log(
      `[stats bench] inserted ${(done + size).toLocaleString('en-US')} / ${n.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  await ds.query(
    `INSERT INTO report_events (report_id, type, from_status, to_status, created_at)
     SELECT id, 'report.reopened', 'resolved', 'in_progress', resolved_at - interval '1 hour'
       FROM reports WHERE code LIKE 'PA-SB-%' AND resolved_at IS NOT NULL AND random() < 0.02`,
  );
  await ds.query(
    `UPDATE reports SET reopened = true WHERE id IN (SELECT report_id FROM report_events WHERE type = 'report.reopened')`,
  );
  // The inserts went through the statistics triggers: fold their rollup rows as the worker would.
  await ds.query(`SELECT pa_stats_compact()`);
  await ds.query(`VACUUM ANALYZE reports`);
  await ds.query(`VACUUM ANALYZE stats_received_daily`);
  await ds.query(`VACUUM ANALYZE stats_handled_daily`);
  await ds.query(`ANALYZE report_events`);
}

async function main(): Promise<void> {
  const runs = Number(option('runs') ?? 10);
  const ds = new DataSource(dataSourceOptions(url, 6));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      if (!disposable) throw new Error(`"${dbName}" has pending migrations; run npm run migration:run first`);
      await ds.runMigrations({ transaction: 'each' });
    }
    // Lunar holidays into working_days before the triggers compute any handling time (the API does it at start).
    await syncWorkingDays(ds);
    const generateN = option('generate');
    if (generateN) {
      if (!disposable)
        throw new Error(`refusing to insert synthetic reports into "${dbName}" (name lacks "bench" or "test")`);
      await generate(ds, Number(generateN));
    }
    const stats = new StatsService(new Db(ds));
    const now = new Date();
    const year: Period = { from: new Date(now.getTime() - 365 * DAY), to: now, granularity: 'week' };
    const month: Period = { ...calendarMonth(now), granularity: 'day' };
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM reports`);
    const [{ y }] = await ds.query(`SELECT count(*)::int AS y FROM reports WHERE created_at >= $1`, [year.from]);
    console.log(
      `[stats bench] ${dbName}: ${n.toLocaleString('en-US')} reports, ${y.toLocaleString('en-US')} in the last 365 days`,
    );

    await time('overview, last 365 days (weekly trend)', runs, () => stats.overview({ period: year }, LEADER, now));
    await time('overview, current month (daily trend)', runs, () => stats.overview({ period: month }, LEADER, now));
    await time('agencies, last 365 days', runs, () => stats.breakdown('agency', { period: year }, LEADER, now));
    await time('agencies, current month', runs, () => stats.breakdown('agency', { period: month }, LEADER, now));
    await time('baseline: SELECT count(*) FROM reports', runs, () => ds.query(`SELECT count(*) FROM reports`));

    if (args.includes('--explain')) {
      // The same service over query runners that print each statement's plan before answering it (Db runs every
      // statement through `createQueryRunner().query(sql, params, true)`).
      const explaining = {
        createQueryRunner: () => {
          const runner = ds.createQueryRunner();
          return {
            query: async (sql: string, params: unknown[], structured: true) => {
              const plan: Array<Record<string, string>> = await runner.query(
                `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
                params,
              );
              console.log(`\n${sql.trim().split('\n')[0]} …\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
              return runner.query(sql, params, structured);
            },
            release: () => runner.release(),
          };
        },
      } as unknown as DataSource;
      const explained = new StatsService(new Db(explaining));
      await explained.overview({ period: year }, LEADER, now);
      await explained.breakdown('agency', { period: year }, LEADER, now);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

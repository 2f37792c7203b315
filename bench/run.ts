// `npm run bench [-- --quick] [--no-build] [--profile] [--only health,create,...] [--reports 1000000]`
// Every scenario in order against the built API and worker (started here as child processes with the bench
// environment, stopped at the end however the run ends), results in bench/RESULTS.md. Generates the bench
// database first (bench/generate.ts) if it holds fewer reports than asked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { arg, BENCH, BENCH_DIR, flag, machine, numArg, RESULTS_FILE, ROOT } from './lib/config';
import { makeContext, runScenario, type Ctx, type Scenario } from './lib/context';
import { summarizeProfile } from './lib/cpuprofile';
import { generatedCount, pool, prepareDatabase } from './lib/db';
import { cleanBenchRows, cleanRedis } from './lib/fixtures';
import { installExitHooks, stopAll, stopApp } from './lib/procs';
import { appendSection, ratioOf, startResults, writeSummary, type Figure } from './lib/results';
import { healthScenario } from './scenarios/01-health.bench';
import { createReportScenario } from './scenarios/02-create-report.bench';
import { actionsScenario } from './scenarios/03-actions.bench';
import { realtimeScenario } from './scenarios/04-realtime.bench';
import { duplicatesScenario } from './scenarios/05-duplicates.bench';
import { staffListScenario } from './scenarios/06-staff-list.bench';
import { overdueSweepScenario } from './scenarios/07-overdue-sweep.bench';
import { statsScenario } from './scenarios/08-stats.bench';
import { uploadStormScenario } from './scenarios/09-upload-storm.bench';
import { registerScenario } from './scenarios/10-register.bench';

const SCENARIOS: Record<string, Scenario> = {
  health: healthScenario,
  create: createReportScenario,
  actions: actionsScenario,
  realtime: realtimeScenario,
  duplicates: duplicatesScenario,
  'staff-list': staffListScenario,
  sweep: overdueSweepScenario,
  stats: statsScenario,
  'upload-storm': uploadStormScenario,
  register: registerScenario,
};

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

async function main(): Promise<void> {
  installExitHooks();
  const started = Date.now();
  const reports = numArg('reports', 1_000_000);
  const only = arg('only')
    ?.split(',')
    .map((s) => s.trim());
  const unknown = only?.filter((s) => !SCENARIOS[s]);
  if (unknown?.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);

  await prepareDatabase();
  const p = pool(2);
  let ctx: Ctx | undefined;
  try {
    const have = await generatedCount(p);
    if (have < reports * 0.99) {
      console.log(
        `[bench] the bench database holds ${have.toLocaleString('en-US')} reports, ${reports.toLocaleString('en-US')} wanted: generating`,
      );
      sh(process.execPath, [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(BENCH_DIR, 'generate.ts'),
        '--reports',
        String(reports),
        '--force',
      ]);
    }
    if (!flag('no-build')) sh('npm', ['run', 'build']);

    console.log(
      `[bench] cleaned ${await cleanBenchRows(p)} reports of earlier bench runs, ${await cleanRedis()} Redis keys (${BENCH.redisPrefix}:*)`,
    );
    // Bench-made reports take 6-digit codes from the sequence (the generated year has 7-digit ones): start again
    // just above whatever 6-digit code is left, so the sequence never nears 999,999 (FINDINGS F1) run after run.
    await p.query(
      `SELECT setval('report_code_seq', COALESCE(max(substring(code FROM '^PA-[0-9]{4}-([0-9]{6})$')::int), 0) + 1, false) FROM reports`,
    );
    await p.query('VACUUM ANALYZE reports');
    const count = await generatedCount(p);
    const { rows: pg } = await p.query(
      `SELECT current_setting('server_version') AS v, pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const { rows: ev } = await p.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'report_events'`);

    const profileDir = flag('profile') ? join(BENCH_DIR, 'profiles') : undefined;
    if (profileDir) {
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
    }
    const m = machine();
    startResults({
      Dataset: `${count.toLocaleString('en-US')} generated reports (a year around Thái Nguyên), ≈ ${Number(ev[0].n).toLocaleString('en-US')} timeline events, database ${pg[0].size}, PostgreSQL ${pg[0].v}`,
      Setup: `API and worker from dist/ (LOG_LEVEL=warn, DATABASE_POOL_SIZE=${BENCH.poolSize}, REDIS_PREFIX=${BENCH.redisPrefix}, write rate limit lifted), Redis 7, all on 127.0.0.1; ${m.cores} cores shared by everything${flag('quick') ? '; QUICK mode (shorter loads)' : ''}${profileDir ? '; API under --cpu-prof' : ''}`,
      'Machine load at the start': `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(
          ' / ',
        )} (1/5/15 min) on ${m.cores} cores: anything above ~2 means other work (other test suites) shared the machine with the bench`,
      Reproduce:
        '`npm run bench` (`npm run bench:generate` first for a fresh database; `-- --only create,actions` for some scenarios)',
    });

    ctx = await makeContext({ profileDir });
    const figures: Figure[] = [];
    for (const [name, s] of Object.entries(SCENARIOS)) {
      if (only && !only.includes(name)) continue;
      console.log(`\n[bench] ==== ${s.title}`);
      figures.push(...(await runScenario(s, ctx)));
    }
    await stopApp(ctx.app);

    if (profileDir) {
      for (const f of readdirSync(profileDir).filter((x) => x.endsWith('.cpuprofile'))) {
        appendSection(`CPU profile of the API (${f})`, [], summarizeProfile(join(profileDir, f)));
      }
    }
    const missed = figures.filter((f) => f.pass === false);
    // What the profiling found and what would fix it: kept by hand in bench/FINDINGS.md, copied into each run.
    const findings = join(BENCH_DIR, 'FINDINGS.md');
    if (existsSync(findings))
      appendFileSync(RESULTS_FILE, `\n${readFileSync(findings, 'utf8').replace(/^# /m, '## ')}\n`);
    writeSummary(figures, [
      `Machine load at the end: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}.`,
      missed.length
        ? `Missed targets: ${missed.map((f) => f.name).join('; ')}. See each section and "Findings" below.`
        : 'Every target with a verdict was met.',
      `Whole run: ${((Date.now() - started) / 1000 / 60).toFixed(1)} min.`,
    ]);
    console.log(`\n[bench] ${figures.length} figures, ${missed.length} missed target(s): ${RESULTS_FILE}`);
    for (const f of figures) {
      const r = ratioOf(f);
      console.log(
        `  ${f.pass === false ? 'MISSED' : f.skipped ? 'SKIPPED' : 'ok    '} ${f.name}: ${f.value == null ? '–' : Math.round(f.value * 100) / 100} ${f.unit}${r != null ? ` (ratio ${Math.round(r * 100) / 100})` : ''}`,
      );
    }
  } finally {
    if (ctx) {
      await stopApp(ctx.app);
      await ctx.pool.end();
    }
    await p.end();
    await stopAll();
  }
}

main().catch((e) => {
  console.error('[bench] failed:', e);
  process.exitCode = 1;
});

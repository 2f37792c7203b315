// What a scenario gets from the runner (or from its own standalone start): the app under test, a database pool,
// the staff fixtures, and the run's knobs.
import type { Pool } from 'pg';
import { BENCH, flag } from './config';
import { pool } from './db';
import { cleanBenchRows, cleanRedis, staff, type Staff } from './fixtures';
import { installExitHooks, startApp, stopAll, stopApp, type AppProcs } from './procs';
import { appendSection, type Figure } from './results';

export interface Ctx {
  app: AppProcs;
  pool: Pool;
  staff: Staff;
  /** Shorter loads for development (`--quick`). */
  quick: boolean;
  /** Directory for CPU profiles of the API (`--profile`), else undefined. */
  profileDir?: string;
  /** Restarts the API and worker (fresh heap, e.g. before measuring memory per socket). */
  restartApp: () => Promise<void>;
}

export interface Scenario {
  title: string;
  run: (ctx: Ctx) => Promise<{ figures: Figure[]; notes: string[] }>;
}

/** Runs a scenario and appends its section to RESULTS.md; a failure becomes a section saying so. */
export async function runScenario(s: Scenario, ctx: Ctx): Promise<Figure[]> {
  const t = Date.now();
  try {
    const { figures, notes } = await s.run(ctx);
    appendSection(s.title, figures, [...notes, `_(scenario time ${((Date.now() - t) / 1000).toFixed(0)} s)_`]);
    return figures;
  } catch (e) {
    console.error(`[bench] ${s.title} failed:`, e);
    appendSection(s.title, [], [`**The scenario failed:** \`${String((e as Error).message).split('\n')[0]}\``]);
    return [
      {
        scenario: s.title,
        name: s.title,
        value: null,
        unit: '',
        skipped: `failed: ${String((e as Error).message)
          .split('\n')[0]
          .slice(0, 120)}`,
      },
    ];
  }
}

export async function makeContext(opts: { app?: AppProcs; profileDir?: string } = {}): Promise<Ctx> {
  const p = pool(4);
  const ctx: Ctx = {
    app: opts.app ?? (await startApp({ cpuProfDir: opts.profileDir })),
    pool: p,
    staff: await staff(p),
    quick: flag('quick'),
    profileDir: opts.profileDir,
    restartApp: async () => {
      await stopApp(ctx.app);
      ctx.app = await startApp({ cpuProfDir: opts.profileDir });
    },
  };
  return ctx;
}

/** `ts-node bench/scenarios/x.bench.ts`: one scenario on its own, with its own API and worker. */
export function standalone(s: Scenario): void {
  installExitHooks();
  (async () => {
    const p = pool(2);
    console.log(
      `[bench] cleaned ${await cleanBenchRows(p)} bench reports, ${await cleanRedis()} Redis keys (${BENCH.redisPrefix}:*)`,
    );
    await p.end();
    const ctx = await makeContext({ profileDir: flag('profile') ? 'bench/profiles' : undefined });
    try {
      await runScenario(s, ctx);
    } finally {
      await stopApp(ctx.app);
      await ctx.pool.end();
    }
  })()
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => stopAll());
}

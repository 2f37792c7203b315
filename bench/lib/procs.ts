// Child processes of the bench: the built API and worker under test, the ceiling programs and the load
// generators. Every child is registered here and stopped when the bench ends, however it ends.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiUrl, BENCH, benchEnv, ROOT } from './config';

const children = new Set<ChildProcess>();

function track(child: ChildProcess, name: string, quiet = false): ChildProcess {
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!quiet && code && code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') {
      console.error(`[bench] ${name} (pid ${child.pid}) exited with ${code ?? signal}`);
    }
  });
  return child;
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess | undefined, graceMs = 8000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
}

let hooksInstalled = false;
/** Makes sure no child outlives the bench: on normal exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killNow = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.on('exit', killNow);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      console.error(`[bench] ${sig}: stopping children`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

const TS_EXEC_ARGV = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/** Runs a bench TypeScript file as a child with an IPC channel; resolves with the first message it sends. */
export function forkTs<T>(
  file: string,
  args: string[] = [],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): {
  child: ChildProcess;
  result: Promise<T>;
} {
  const child = track(
    fork(join(ROOT, file), args, {
      cwd: ROOT,
      execArgv: TS_EXEC_ARGV,
      env: { ...(opts.env ?? process.env), TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
    file,
  );
  const result = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file}: no result within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs ?? 300_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      const msg = m as { error?: string };
      if (msg && typeof msg === 'object' && 'error' in msg && msg.error) reject(new Error(`${file}: ${msg.error}`));
      else resolve(m as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code}) without a result`));
    });
  });
  result.catch(() => undefined);
  return { child, result };
}

/** A child that serves (ceiling servers, socket clients): resolves once it says `{ ready: true, ... }`. */
export async function startTsServer<T extends object>(file: string, args: string[] = [], env?: NodeJS.ProcessEnv) {
  const { child, result } = forkTs<T & { ready: true }>(file, args, { env, timeoutMs: 120_000 });
  const info = await result;
  return { child, info };
}

export interface AppProcs {
  api: ChildProcess;
  worker: ChildProcess;
}

/** Starts the built API and worker with the bench environment and waits for /health/ready. */
export async function startApp(opts: { cpuProfDir?: string; env?: Record<string, string> } = {}): Promise<AppProcs> {
  const apiMain = join(ROOT, 'dist/apps/api/src/main.js');
  const workerMain = join(ROOT, 'dist/apps/worker/src/main.js');
  if (!existsSync(apiMain) || !existsSync(workerMain)) throw new Error('dist is missing: run `npm run build` first');
  // Something else answering on the bench port would be measured instead of our API: refuse.
  const busy = await fetch(`${apiUrl()}/health/live`).then(
    () => true,
    () => false,
  );
  if (busy)
    throw new Error(
      `port ${BENCH.port} is already in use (an API left from an earlier run?): stop it or set BENCH_PORT`,
    );
  const env = benchEnv(opts.env);
  const prof = opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : [];
  const api = track(
    spawn(process.execPath, [...prof, apiMain], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }),
    'api',
  );
  const worker = track(
    spawn(process.execPath, [workerMain], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }),
    'worker',
  );
  await waitReady(api);
  return { api, worker };
}

export async function stopApp(app: AppProcs | undefined): Promise<void> {
  if (!app) return;
  await Promise.all([stop(app.api, 15_000), stop(app.worker, 15_000)]);
}

export async function waitReady(api: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}) before it was ready`);
    try {
      const res = await fetch(`${apiUrl()}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('the API did not become ready in time');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process in bytes (VmRSS from /proc). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the samples in bytes. */
export function sampleRss(pid: number, everyMs = 500): { stop: () => number[] } {
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(rssOf(pid));
    } catch {
      // process gone
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Cumulative CPU time (user + system) of a process, in seconds, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat; after the ") " split, state is index 0, so they sit at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

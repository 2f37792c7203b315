// Runs one load (autocannon in a child process, see load-child.ts) and returns its figures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkTs } from './procs';

export interface LoadSpec {
  url: string;
  kind: 'get' | 'create' | 'action' | 'get-report' | 'paths';
  connections: number;
  durationSeconds?: number;
  /** A fixed number of requests instead of a duration (each id used once). */
  amount?: number;
  warmupSeconds?: number;
  /** Requests sent one at a time before the warm-up (lets lazily loaded caches fill without a crowd; see FINDINGS F2). */
  preflight?: number;
  /** Restart the id/token rotation after the warmup (so a fixed list of ids is walked from its start). */
  resetSeq?: boolean;
  data: Record<string, unknown>;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  okPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
}

/** Runs the load; `onStart` fires when the measured part begins (after any warm-up). */
export async function runLoad(spec: LoadSpec, onStart?: () => void): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const { child } = forkTs<unknown>('bench/lib/load-child.ts', [file], { timeoutMs: 600_000 });
  return new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m: { started?: number; result?: LoadResult; error?: string }) => {
      if (m.started) onStart?.();
      if (m.result) resolve(m.result);
      if (m.error) reject(new Error(m.error));
    });
    child.once('exit', (code) => reject(new Error(`load generator exited (${code}) without a result`)));
  });
}

export const describeLoad = (r: LoadResult) =>
  `${r.ok.toLocaleString('en-US')} ok of ${r.requests.toLocaleString('en-US')} in ${r.durationSeconds.toFixed(1)} s` +
  ` (${Math.round(r.okPerSecond)}/s), p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms` +
  (r.non2xx || r.errors || r.timeouts
    ? `; non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodes)}, errors ${r.errors}, timeouts ${r.timeouts}`
    : '');

export interface RawResult {
  ok: number;
  seconds: number;
  rate: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  rssPeak: number;
  /** CPU of the node-postgres process per operation, in ms (Postgres' own work not included). */
  cpuMsPerOp: number;
}

/** Runs the bare node-postgres ceiling (bench/ceilings/raw-pg.ts) in its own process. */
export async function runRawPg(spec: Record<string, unknown>): Promise<RawResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  const file = join(dir, 'raw.json');
  writeFileSync(file, JSON.stringify(spec));
  const { result } = forkTs<{ result: RawResult }>('bench/ceilings/raw-pg.ts', [file], { timeoutMs: 600_000 });
  return (await result).result;
}

export const describeRaw = (r: RawResult) =>
  `${r.ok.toLocaleString('en-US')} in ${r.seconds.toFixed(1)} s (${Math.round(r.rate)}/s), p50 ${r.latency.p50.toFixed(1)} ms, p90 ${r.latency.p90.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, max ${r.latency.max.toFixed(1)} ms`;

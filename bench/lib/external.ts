// Runs another helper's bench script (bench/duplicates.bench.ts, bench/stats.bench.ts) as it documents itself,
// against the bench database, and hands back its output for parsing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, benchEnv, ROOT } from './config';

export const hasScript = (file: string) => existsSync(join(ROOT, file));

export function runScript(
  file: string,
  args: string[],
  timeoutMs = 180_000,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, file), ...args],
      {
        cwd: ROOT,
        env: { ...benchEnv(), DATABASE_URL: BENCH.databaseUrl, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The millisecond figures on the first output line that starts with `label` (e.g. "p50 p99 max" columns). */
export function msOnLine(out: string, label: RegExp): number[] | null {
  const line = out.split('\n').find((l) => label.test(l));
  if (!line) return null;
  return [...line.matchAll(/([\d.]+)\s*ms/g)].map((m) => Number(m[1]));
}

/** Indents a block of output as a Markdown code block (bounded). */
export const codeBlock = (text: string, maxLines = 40) => {
  const lines = text.trim().split('\n');
  const shown =
    lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  return ['```', ...shown, '```'].join('\n');
};

// RESULTS.md: a header (date, machine), then one section per scenario, appended as each one finishes so a
// crash keeps what was measured; the runner finally puts a summary table of every figure under the header.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { machine, RESULTS_FILE } from './config';

/** One measured figure next to its physical ceiling (the same work done by the simplest possible program). */
export interface Figure {
  scenario: string;
  name: string;
  value: number | null;
  unit: string;
  /** The same measure on the ceiling program, measured in the same run; null when there is no meaningful one. */
  ceiling?: number | null;
  ceilingLabel?: string;
  /** The target from the issue, e.g. '≥ 2000', '< 100'. */
  target?: string;
  /** Whether the target is met; undefined when there is no target. */
  pass?: boolean;
  /** 'higher' (throughput: ratio = value / ceiling) or 'lower' (latency, memory: ratio = ceiling / value). */
  better?: 'higher' | 'lower';
  note?: string;
  skipped?: string;
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

export function ratioOf(f: Figure): number | null {
  if (f.value == null || f.ceiling == null || f.value === 0 || f.ceiling === 0) return null;
  return f.better === 'lower' ? f.ceiling / f.value : f.value / f.ceiling;
}

const fmt = (x: number | null | undefined, unit = '') =>
  x == null || !Number.isFinite(x)
    ? '–'
    : `${x >= 100 ? Math.round(x).toLocaleString('en-US') : round(x, x >= 10 ? 1 : 2)}${unit ? ` ${unit}` : ''}`;

export function figureRow(f: Figure): string {
  const r = ratioOf(f);
  const verdict = f.skipped ? `skipped: ${f.skipped}` : f.pass === undefined ? '' : f.pass ? 'met' : '**missed**';
  return `| ${f.name} | ${f.skipped ? '–' : fmt(f.value, f.unit)} | ${f.target ?? ''} | ${fmt(f.ceiling, f.unit)}${f.ceilingLabel ? ` (${f.ceilingLabel})` : ''} | ${r == null ? '–' : round(r, 2)} | ${verdict} |`;
}

export const TABLE_HEAD = '| figure | value | target | ceiling | ratio | verdict |\n|---|---|---|---|---|---|';

export function startResults(meta: Record<string, string>): void {
  const m = machine();
  const lines = [
    '# Benchmark results',
    '',
    `Run: ${new Date().toISOString()} — ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}.`,
    ...Object.entries(meta).map(([k, v]) => `${k}: ${v}.`),
    '',
    'Ratio: for throughput, value ÷ ceiling; for latency and memory, ceiling ÷ value (1 = as good as the bare',
    'ceiling program, higher is better in both cases). The load generator runs in its own process on loopback on',
    'the same 2 cores as the server, so absolute numbers are noisy; the ceilings are measured in the same run.',
    '',
    '<!-- summary -->',
    '',
  ];
  writeFileSync(RESULTS_FILE, lines.join('\n'));
}

/** Appends a scenario's section: its figures as a table, then free-form notes (method, EXPLAIN, findings). */
export function appendSection(title: string, figures: Figure[], notes: string[] = []): void {
  if (!existsSync(RESULTS_FILE)) {
    writeFileSync(
      RESULTS_FILE,
      `# Benchmark results\n\n(standalone scenario run, ${new Date().toISOString()})\n\n<!-- summary -->\n\n`,
    );
  }
  const body = [`## ${title}`, '', TABLE_HEAD, ...figures.map(figureRow), '', ...notes, '', ''].join('\n');
  appendFileSync(RESULTS_FILE, body);
  console.log(`\n== ${title}`);
  for (const f of figures) {
    const r = ratioOf(f);
    console.log(
      `  ${f.name}: ${f.skipped ? `skipped (${f.skipped})` : fmt(f.value, f.unit)}` +
        (f.target ? `  target ${f.target}` : '') +
        (f.ceiling != null ? `  ceiling ${fmt(f.ceiling, f.unit)}` : '') +
        (r != null ? `  ratio ${round(r, 2)}` : '') +
        (f.pass === undefined ? '' : f.pass ? '  OK' : '  MISSED'),
    );
  }
}

/** Replaces the summary marker with a table of every figure of the run. */
export function writeSummary(figures: Figure[], extra: string[] = []): void {
  const text = readFileSync(RESULTS_FILE, 'utf8');
  const summary = ['## Summary', '', TABLE_HEAD, ...figures.map(figureRow), '', ...extra, ''].join('\n');
  writeFileSync(RESULTS_FILE, text.replace('<!-- summary -->', summary));
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

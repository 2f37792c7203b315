// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, for RESULTS.md.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const where = (url: string): string => {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const d = url.indexOf('/dist/');
  return d >= 0 ? url.slice(d + 6).replace(/^file:\/\//, '') : url.replace(/^file:\/\//, '');
};
const pkg = (url: string): string => {
  const w = where(url);
  if (w.startsWith('apps/') || w.startsWith('libs/')) return `app: ${w.split('/').slice(0, 2).join('/')}`;
  return w;
};

export function summarizeProfile(file: string, top = 15): string[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  // Busy time only: the idle samples (waiting for I/O, or for the next scenario) would dilute everything else.
  const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const total = p.samples.length - idle || 1;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    const name = n.callFrame.functionName || '(anonymous)';
    const fn = `${name} (${where(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''})`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
    byPkg.set(pkg(n.callFrame.url), (byPkg.get(pkg(n.callFrame.url)) ?? 0) + hits);
  }
  const pct = (x: number) => `${((100 * x) / total).toFixed(1)} %`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `Self time as a share of the busy samples (${total} busy of ${p.samples.length}, over ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s including start-up):`,
    '',
    '| package / place | self time |',
    '|---|---|',
    ...sorted(byPkg).map(([k, v]) => `| ${k} | ${pct(v)} |`),
    '',
    '| function | self time |',
    '|---|---|',
    ...sorted(byFn).map(([k, v]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${pct(v)} |`),
  ];
}

if (require.main === module) {
  for (const f of process.argv.slice(2)) console.log([`## ${f}`, '', ...summarizeProfile(f, 25), ''].join('\n'));
}

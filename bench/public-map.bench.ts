// The public map on a large history: times GET /public/map's query (the exact SQL the API runs, through
// PublicReportsService.map) for viewports a citizen's phone asks for, from the whole province to a street, next to
// a ceiling measured in the same run: the bare indexed query over the same box (how many published reports it
// holds, through the same partial GiST index), the least work any exact clustering of that box must do.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench \
//     npx ts-node --transpile-only -r tsconfig-paths/register bench/public-map.bench.ts [--runs 30] [--zooms 8,10,12,14,16] [--explain]
//
// Reads the database bench/generate.ts fills (1,000,000 reports around Thái Nguyên); pending migrations are applied
// to a database whose name contains "bench" or "test". Target: p99 < 100 ms (issue 21). Not part of `npm test`.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { dataSourceOptions, Db } from '@app/database';
import { cellDegrees, PublicReportsService, type BBox } from '@app/public';
import { publishedSql } from '@app/workflow';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pa_bench';
const dbName = decodeURIComponent(new URL(url).pathname.slice(1));

/** Viewports of a 390 × 800 px phone screen at each zoom, centred on the city (256 px tiles). */
const CENTRE = { lat: 21.5942, lng: 105.8482 };
const viewport = (zoom: number): BBox => {
  const degPerPx = 360 / (256 * 2 ** zoom);
  const [w, h] = [390 * degPerPx, 800 * degPerPx * Math.cos((CENTRE.lat * Math.PI) / 180)];
  return {
    minLng: CENTRE.lng - w / 2,
    maxLng: CENTRE.lng + w / 2,
    minLat: CENTRE.lat - h / 2,
    maxLat: CENTRE.lat + h / 2,
  };
};

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p99: at(99), max: s[s.length - 1] };
}

async function time(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summary(samples);
}

async function main(): Promise<void> {
  const runs = Number(option('runs') ?? 30);
  const ds = new DataSource(dataSourceOptions(url, 4));
  await ds.initialize();
  try {
    if (/bench|test/i.test(dbName)) await ds.runMigrations({ transaction: 'each' });
    const db = new Db(ds);
    const service = new PublicReportsService(db, ds);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM reports`);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `${dbName}: ${n.toLocaleString('en-US')} reports; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
    console.log(
      '| zoom | box published | clusters + points | map p50 | map p99 | ceiling p50 | ceiling p99 | ratio (p99) |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    const zooms = (option('zooms') ?? '8,10,12,14,16').split(',').map(Number);
    for (const zoom of zooms) {
      const b = viewport(zoom);
      const box = `ST_MakeEnvelope(${b.minLng}, ${b.minLat}, ${b.maxLng}, ${b.maxLat}, 4326)`;
      const bare = `SELECT count(*)::int AS n FROM reports r WHERE r.is_public AND r.location IS NOT NULL AND r.location::geometry && ${box}`;
      const [{ n: inBox }] = await ds.query(
        `SELECT count(*)::int AS n FROM reports r WHERE ${publishedSql('r')} AND r.location IS NOT NULL AND r.location::geometry && ${box}`,
      );
      const answer = await service.map({ bbox: b }, zoom);
      const map = await time(runs, () => service.map({ bbox: b }, zoom));
      const ceiling = await time(runs, () => ds.query(bare));
      console.log(
        `| ${zoom} (cell ${cellDegrees(zoom).toFixed(4)}°) | ${inBox.toLocaleString('en-US')} | ${answer.clusters.length} + ${answer.points.length} | ${ms(map.p50)} | ${ms(map.p99)} | ${ms(ceiling.p50)} | ${ms(ceiling.p99)} | ${(ceiling.p99 / map.p99).toFixed(2)} |`,
      );
      if (args.includes('--explain')) {
        const plan = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${bare}`);
        console.log(plan.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n'));
      }
    }
    console.log(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

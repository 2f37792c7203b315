// Duplicate candidates on the generated year of reports: bench/duplicates.bench.ts (the duplicates helper's own
// script: the same two statements the API and the worker run, next to a primary-key lookup) when it is there,
// else the same candidate query from libs/duplicates run here. Target: p99 < 10 ms.
import { Client } from 'pg';
import { BENCH } from '../lib/config';
import { standalone, type Scenario } from '../lib/context';
import { codeBlock, hasScript, msOnLine, runScript } from '../lib/external';
import { summarize, type Figure } from '../lib/results';

async function ownMeasure(
  samples: number,
): Promise<{ cand: ReturnType<typeof summarize>; pk: ReturnType<typeof summarize>; plan: string[] }> {
  // The real statements, imported from the duplicates library (a missing library fails the scenario loudly).
  const { candidatesSql, candidateParams, searchCandidates } = await import('@app/duplicates/candidate-search');
  const db = new Client({ connectionString: BENCH.databaseUrl });
  await db.connect();
  try {
    const sql = async (text: string, params: unknown[]) => (await db.query(text, params)).rows;
    const picks = (
      await db.query(
        `SELECT id, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng, category_id, created_at, description
           FROM reports TABLESAMPLE SYSTEM (1) WHERE title IS DISTINCT FROM 'BENCH' LIMIT $1`,
        [samples],
      )
    ).rows;
    const search = (p: (typeof picks)[number]) =>
      searchCandidates(sql, {
        location: { lat: p.lat, lng: p.lng },
        categoryId: p.category_id,
        at: p.created_at,
        text: p.description,
        excludeId: p.id,
      });
    for (const p of picks.slice(0, 20)) await search(p);
    const cand: number[] = [];
    const pk: number[] = [];
    for (const p of picks) {
      let t = performance.now();
      await db.query('SELECT * FROM reports WHERE id = $1', [p.id]);
      pk.push(performance.now() - t);
      t = performance.now();
      await search(p);
      cand.push(performance.now() - t);
    }
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
      (r) => r['QUERY PLAN'] as string,
    );
    return { cand: summarize(cand), pk: summarize(pk), plan };
  } finally {
    await db.end();
  }
}

export const duplicatesScenario: Scenario = {
  title: 'Duplicate candidates on the generated reports',
  async run(ctx) {
    const samples = ctx.quick ? 200 : 500;
    const { rows } = await ctx.pool.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'reports'`);
    const size = `${Number(rows[0].n).toLocaleString('en-US')} reports`;
    if (hasScript('bench/duplicates.bench.ts')) {
      const { code, out } = await runScript('bench/duplicates.bench.ts', ['--samples', String(samples)]);
      const cand = msOnLine(out, /^candidate search/);
      const pk = msOnLine(out, /^primary-key lookup/);
      if (code === 0 && cand && pk && cand.length >= 2 && pk.length >= 2) {
        const figures: Figure[] = [
          {
            scenario: 'duplicates',
            name: `duplicate candidates p99 (${size})`,
            value: cand[1],
            unit: 'ms',
            ceiling: pk[1],
            ceilingLabel: 'PK lookup',
            target: '< 10',
            pass: cand[1] < 10,
            better: 'lower',
          },
        ];
        return {
          figures,
          notes: [
            `From \`bench/duplicates.bench.ts --samples ${samples}\` (the duplicates helper's script; candidate search = the same two statements the API runs), p50 ${cand[0]} ms, p99 ${cand[1]} ms; PK lookup p50 ${pk[0]} ms, p99 ${pk[1]} ms. Its output:`,
            '',
            codeBlock(out, 60),
          ],
        };
      }
      console.warn(`[bench] bench/duplicates.bench.ts gave no figures (exit ${code}); measuring here instead`);
    }
    const m = await ownMeasure(samples);
    return {
      figures: [
        {
          scenario: 'duplicates',
          name: `duplicate candidates p99 (${size})`,
          value: m.cand.p99,
          unit: 'ms',
          ceiling: m.pk.p99,
          ceilingLabel: 'PK lookup',
          target: '< 10',
          pass: m.cand.p99 < 10,
          better: 'lower',
        },
      ],
      notes: [
        `${m.cand.n} sampled reports, searched one after the other on one connection with searchCandidates() from libs/duplicates, interleaved with a PK lookup.`,
        `- candidates: p50 ${m.cand.p50.toFixed(2)} ms, p99 ${m.cand.p99.toFixed(2)} ms; PK: p50 ${m.pk.p50.toFixed(2)} ms, p99 ${m.pk.p99.toFixed(2)} ms`,
        '',
        codeBlock(m.plan.join('\n')),
      ],
    };
  },
};

if (require.main === module) standalone(duplicatesScenario);

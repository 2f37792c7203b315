// An unrelated login while citizens upload large photos (issue 17): sharp's decode and re-encode and argon2's
// password hash share libuv's threadpool (4 threads) and the 2 cores. Login latency alone is the ceiling; then the
// same logins while 6 citizens upload 24 MP photos in a loop, through the decode pool as configured
// (IMAGE_DECODE_CONCURRENCY=1), and once more with the pool opened to 6 at once, which shows what it prevents.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { apiUrl, BENCH, benchEnv } from '../lib/config';
import { standalone, type Ctx, type Scenario } from '../lib/context';
import { citizens } from '../lib/fixtures';
import { forkTs, sleep, startApp, stopApp } from '../lib/procs';
import { round, summarize, type Figure } from '../lib/results';
import type { UploadStormResult, UploadStormSpec } from '../lib/upload-child';

const UPLOADERS = 6;

/** A 24 MP phone-like JPEG (6000×4000, fine grain, quality 90: ~4.6 MB), about 2 s of one core to re-encode. */
async function photo24mp(dir: string): Promise<{ file: string; bytes: number }> {
  const data = await sharp({
    create: {
      width: 6000,
      height: 4000,
      channels: 3,
      background: '#6b8e5a',
      noise: { type: 'gaussian', mean: 110, sigma: 30 },
    },
  })
    .blur(1.2)
    .jpeg({ quality: 90 })
    .toBuffer();
  const file = join(dir, 'photo-24mp.jpg');
  writeFileSync(file, data);
  return { file, bytes: data.length };
}

/** Logs in one at a time for `seconds`, each from its own client address (the throttle counts per client). */
async function loginLatencies(login: { login: string; password: string }, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < until; i++) {
    const t = performance.now();
    const res = await fetch(`${apiUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.${(i >> 8) & 255}.${i & 255 || 1}` },
      body: JSON.stringify(login),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`login answered ${res.status}`);
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Starts the uploaders, measures logins once they are all in flight, stops them and collects their figures. */
async function loginsDuringStorm(login: { login: string; password: string }, specFile: string, seconds: number) {
  const { child } = forkTs<unknown>('bench/lib/upload-child.ts', [specFile], { timeoutMs: 600_000 });
  const result = new Promise<UploadStormResult>((resolve, reject) => {
    child.on('message', (m: { result?: UploadStormResult; error?: string }) => {
      if (m.result) resolve(m.result);
      if (m.error) reject(new Error(m.error));
    });
    child.once('exit', (code) => reject(new Error(`upload storm exited (${code}) without a result`)));
  });
  await sleep(3000); // every upload sent and decoding or waiting
  const logins = await loginLatencies(login, seconds);
  child.send('stop');
  return { logins: summarize(logins), uploads: await result };
}

async function withApp<T>(ctx: Ctx, env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  await stopApp(ctx.app);
  ctx.app = await startApp({ cpuProfDir: ctx.profileDir, env });
  try {
    return await run();
  } finally {
    await stopApp(ctx.app);
    ctx.app = await startApp({ cpuProfDir: ctx.profileDir });
  }
}

const describeStorm = (s: Awaited<ReturnType<typeof loginsDuringStorm>>) =>
  `logins p50 ${round(s.logins.p50, 0)} ms, p99 ${round(s.logins.p99, 0)} ms, max ${round(s.logins.max, 0)} ms (${s.logins.n} logins);` +
  ` uploads ${JSON.stringify(s.uploads.statuses)} in ${round(s.uploads.seconds, 0)} s, each p50 ${round(s.uploads.latency.p50 / 1000, 1)} s, max ${round(s.uploads.latency.max / 1000, 1)} s`;

export const uploadStormScenario: Scenario = {
  title: 'Login during an upload storm: 6 parallel 24 MP photos vs login alone',
  async run(ctx) {
    const seconds = ctx.quick ? 8 : 20;
    const dir = mkdtempSync(join(tmpdir(), 'pa-bench-'));
    const startedAt = new Date();
    const uploaders = await citizens(ctx.pool, UPLOADERS);
    try {
      const photo = await photo24mp(dir);
      const { rows } = await ctx.pool.query(
        `SELECT username FROM users WHERE username LIKE 'bench.officer.%' ORDER BY username LIMIT 1`,
      );
      // The generated officers share the citizens' password (bench/generate.ts): a real argon2id verify per login.
      const login = { login: rows[0].username as string, password: BENCH.citizenPassword };
      const spec: UploadStormSpec = { url: apiUrl(), tokens: uploaders.map((u) => u.token), photoFile: photo.file };
      const specFile = join(dir, 'storm.json');
      writeFileSync(specFile, JSON.stringify(spec));

      await loginLatencies(login, 1); // warm-up
      const alone = summarize(await loginLatencies(login, seconds));
      const pooled = await loginsDuringStorm(login, specFile, seconds);
      const open = await withApp(ctx, { IMAGE_DECODE_CONCURRENCY: String(UPLOADERS) }, () =>
        loginsDuringStorm(login, specFile, seconds),
      );

      const figures: Figure[] = [
        {
          scenario: 'upload-storm',
          name: 'login p50 during 6 uploads of 24 MP (decode pool of 1)',
          value: pooled.logins.p50,
          unit: 'ms',
          ceiling: alone.p50,
          ceilingLabel: 'login alone',
          better: 'lower',
        },
        {
          scenario: 'upload-storm',
          name: 'login p99 during 6 uploads of 24 MP (decode pool of 1)',
          value: pooled.logins.p99,
          unit: 'ms',
          ceiling: alone.p99,
          ceilingLabel: 'login alone',
          better: 'lower',
        },
        {
          scenario: 'upload-storm',
          name: 'login p50 during 6 uploads of 24 MP (pool opened to 6)',
          value: open.logins.p50,
          unit: 'ms',
          ceiling: alone.p50,
          ceilingLabel: 'login alone',
          better: 'lower',
        },
        {
          scenario: 'upload-storm',
          name: 'login p99 during 6 uploads of 24 MP (pool opened to 6)',
          value: open.logins.p99,
          unit: 'ms',
          ceiling: alone.p99,
          ceilingLabel: 'login alone',
          better: 'lower',
        },
      ];
      return {
        figures,
        notes: [
          `One login at a time (argon2id, 19 MiB, 2 passes) for ${seconds} s each time, from this process; ${UPLOADERS} citizens each uploading` +
            ` the same ${round(photo.bytes / 1024 / 1024, 1)} MB 6000×4000 JPEG in a loop from a child process, logins measured from 3 s after the first upload.`,
          `- login alone: p50 ${round(alone.p50, 0)} ms, p99 ${round(alone.p99, 0)} ms, max ${round(alone.max, 0)} ms (${alone.n} logins).`,
          `- during the storm, IMAGE_DECODE_CONCURRENCY=1 (the default; queue 16): ${describeStorm(pooled)}.`,
          `- during the storm, IMAGE_DECODE_CONCURRENCY=6 (API restarted with it): ${describeStorm(open)}.`,
          '- libuv threadpool at its default 4 threads; sharp at one libvips thread per pipeline and no cache in both runs (ImageDecodePool).',
        ],
      };
    } finally {
      // The uploads were never claimed: remove their rows and files now rather than leave them to the daily cleanup.
      const { rows } = await ctx.pool.query(
        `DELETE FROM attachments WHERE owner_id = ANY($1) AND report_id IS NULL AND created_at >= $2 RETURNING storage_key, public_storage_key`,
        [uploaders.map((u) => u.id), startedAt],
      );
      const uploadDir = benchEnv().UPLOAD_DIR!;
      for (const r of rows)
        for (const key of [r.storage_key, r.public_storage_key]) if (key) rmSync(join(uploadDir, key), { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (require.main === module) standalone(uploadStormScenario);

import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, eventually, TestApp } from './support/test-app';
import { nodeEntryArgs } from './support/node-entry';

/**
 * SIGTERM (what Docker and Kubernetes send) while requests are in flight: every request already accepted is
 * answered and recorded, then the process exits cleanly.
 */
describe('graceful shutdown of the API (e2e)', () => {
  let t: TestApp;
  let api: ChildProcess;
  const port = randomInt(30000, 40000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
    api = spawn(process.execPath, nodeEntryArgs('apps/api/src/main.ts'), {
      env: { ...process.env, PORT: String(port), TS_NODE_SWC: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    api.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // Compiling the app on the fly takes seconds alone and minutes when the other suites load both cores.
    await eventually(
      async () =>
        (
          await request(base)
            .get('/health/live')
            .catch(() => null)
        )?.status === 200,
      240_000,
    ).catch((e: Error) => {
      throw new Error(
        `${e.message}; the API ${api.exitCode === null ? 'is still starting' : `exited with ${api.exitCode}`}; stderr: ${stderr}`,
      );
    });
  }, 270_000);
  afterAll(async () => {
    if (api.exitCode === null) api.kill('SIGKILL');
    await t.close();
  });

  it('answers every in-flight request before exiting', async () => {
    const c = await cast(t);
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      request(base)
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id, { description: `Phản ánh số ${i}` }))
        .then(
          (r) => r.status,
          (e: Error) => e.message,
        ),
    );
    await new Promise((r) => setTimeout(r, 30)); // the requests are on the wire
    const exited = once(api, 'exit');
    api.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    const [code] = await exited;
    const accepted = statuses.filter((s) => s === 201).length;
    // Whatever the server accepted it finished. What arrived after the drain began was refused before any
    // work (503, or the connection closed before the request was read), so a client retry is safe.
    const refusedBeforeWork = (s: number | string) =>
      s === 503 || /ECONNREFUSED|ECONNRESET|socket hang up/.test(String(s));
    expect(statuses.filter((s) => s !== 201 && !refusedBeforeWork(s))).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reports WHERE description LIKE 'Phản ánh số %'`);
    expect(n).toBe(accepted);
    expect(code).toBe(0);
  }, 60_000);
});

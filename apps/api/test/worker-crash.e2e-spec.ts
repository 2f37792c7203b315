import { once } from 'node:events';
import { ChildProcess, spawn } from 'node:child_process';
import Queue from 'bull';
import { QUEUES } from '@app/queue';
import { cast, reportBody } from './support/fixtures';
import { connect, listen } from './support/realtime-client';
import { createTestApp, eventually, TestApp } from './support/test-app';
import { nodeEntryArgs } from './support/node-entry';

/**
 * The worker killed with SIGKILL in the middle of a batch of jobs: after a restart every job is done, and a
 * client that drops repeats by event id sees each event exactly once (the inbox holds one row per event).
 */
const REPORTS = 100;

describe('worker killed mid-batch, and stopped gracefully (e2e)', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;
  // Every worker started, so that none outlives the file (a live child process also keeps Jest from exiting).
  const started: ChildProcess[] = [];
  const stderrOf = new Map<ChildProcess, string>();
  const startWorker = () => {
    const child = spawn(process.execPath, nodeEntryArgs('apps/worker/src/main.ts'), {
      // A short lock: the jobs the killed worker held are taken over within seconds, not Bull's default minute.
      // Its warnings and errors are kept (below): the file's own LOG_LEVEL (silent) would hide why a stop was unclean.
      env: { ...process.env, SWEEP_INTERVAL_SECONDS: '2', JOB_LOCK_SECONDS: '5', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The end of its output (the logger writes to stdout, errors to stderr), to tell why if it does not stop cleanly.
    const keep = (chunk: Buffer) => stderrOf.set(child, ((stderrOf.get(child) ?? '') + chunk.toString()).slice(-3000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    started.push(child);
    return child;
  };
  // The events of the reports' lives; the delivery layer's outcomes (report.delivery, one per SMS receipt here) come
  // and go on their own schedule and are left out of the counts.
  const LIVES = `type <> 'report.delivery'`;
  const dispatched = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM report_events WHERE dispatched_at IS NOT NULL AND ${LIVES}`))[0]
      .n as number;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t.close();
  });

  it('finishes every job after a restart, with no duplicate notification per event', async () => {
    const c = await cast(t);
    const url = await listen(t.app);
    const client = await connect(url, c.reporter.token);
    const ids: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      ids.push(
        (
          await t
            .http()
            .post('/api/v1/reports')
            .auth(c.reporter.token, { type: 'bearer' })
            .send(reportBody(c.category.id))
            .expect(201)
        ).body.id,
      );
    }
    await Promise.all(
      ids.map((id) =>
        t
          .http()
          .post(`/api/v1/reports/${id}/actions/assign`)
          .auth(c.screener.token, { type: 'bearer' })
          .send({ agencyId: c.agencyA.id })
          .expect(200),
      ),
    );
    const total = (await t.db.query(`SELECT count(*)::int AS n FROM report_events WHERE ${LIVES}`))[0].n as number;
    expect(total).toBe(2 * REPORTS);

    worker = startWorker();
    for (const deadline = Date.now() + 120_000; (await dispatched()) === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 10));
    }
    worker.kill('SIGKILL'); // in the middle of the batch, no chance to finish or clean up
    const atKill = await dispatched();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);

    worker = startWorker();
    await eventually(async () => (await dispatched()) === total, 120_000);
    const seen = () =>
      new Set(client.got.filter((m) => m.event === 'report.status_changed').map((m) => String(m.payload.eventId)));
    await eventually(async () => seen().size === REPORTS, 20_000);
    const [{ rows, events }] = await t.db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS events FROM notifications WHERE user_id = $1`,
      [c.reporter.id],
    );
    expect({ rows, events }).toEqual({ rows: REPORTS, events: REPORTS });
    client.close();
    const gone = once(worker, 'exit');
    worker.kill('SIGKILL');
    await gone;
  }, 300_000);

  it('finishes the jobs in hand on SIGTERM and exits cleanly, leaving none active', async () => {
    const c = await cast(t);
    const since = new Date();
    for (let i = 0; i < REPORTS; i++) {
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201);
    }
    const before = await dispatched();
    worker = startWorker();
    for (const deadline = Date.now() + 120_000; (await dispatched()) === before && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      worker!.once('exit', (code, signal) => resolve([code, signal])),
    );
    worker.kill('SIGTERM');
    // Nest runs its shutdown hooks, then re-raises the signal: a clean stop ends by SIGTERM after the clean-up.
    const [code, signal] = await exited;
    expect(code === 0 || signal === 'SIGTERM' ? 'clean' : { code, signal, stderr: stderrOf.get(worker) }).toBe('clean');
    const events = new Queue(QUEUES.events, process.env.REDIS_URL!, { prefix: `${process.env.REDIS_PREFIX}:bull` });
    try {
      // Nothing of this batch was left half-done: none of its jobs (job id = event id) is still active, none failed.
      // (Jobs the SIGKILLed worker of the test above held stay locked until Bull's stalled check frees them.)
      const batch = new Set(
        (await t.db.query(`SELECT id FROM report_events WHERE created_at >= $1 AND ${LIVES}`, [since])).map(
          (e: { id: string }) => e.id,
        ),
      );
      expect(batch.size).toBe(REPORTS);
      const ofBatch = (jobs: Array<{ id: string | number }>) =>
        jobs.map((j) => String(j.id)).filter((id) => batch.has(id));
      expect(ofBatch(await events.getActive())).toEqual([]);
      expect(ofBatch(await events.getFailed())).toEqual([]);
    } finally {
      await events.close();
    }
  }, 300_000);
});

import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { JOBS, QUEUES } from '@app/queue';
import { cast, reportBody } from './support/fixtures';
import { connect, listen, type RealtimeClient } from './support/realtime-client';
import { PrivateRedis } from './support/redis-server';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * The outbox: the API keeps answering while Redis is away, the timeline keeps the events, and once Redis is back
 * each event reaches its audience once; the relay re-enqueues whatever stayed undispatched, even when Bull still
 * remembers a finished or failed job under the event's id. Runs its own redis-server, killed and restarted empty.
 */
describe('outbox and relay (e2e)', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  let url: string;
  const clients: RealtimeClient[] = [];

  const open = async (token: string) => {
    const client = await connect(url, token);
    clients.push(client);
    return client;
  };
  const file = async () =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
  const eventOf = async (reportId: string, type: string) =>
    (
      await t.db.query(`SELECT id, dispatched_at FROM report_events WHERE report_id = $1 AND type = $2`, [
        reportId,
        type,
      ])
    )[0] as { id: string; dispatched_at: Date | null };
  const dispatchedAt = async (eventId: string) =>
    (await t.db.query(`SELECT dispatched_at FROM report_events WHERE id = $1`, [eventId]))[0]
      .dispatched_at as Date | null;
  const relayRuns = async () => (await maintenance().getCompleted()).filter((j) => j.name === JOBS.relayOutbox);
  const maintenance = () => worker.get<Queue>(getQueueToken(QUEUES.maintenance));
  const events = () => worker.get<Queue>(getQueueToken(QUEUES.events));
  /** Waits until the relay has run twice more: long enough for a duplicate delivery to show. */
  const twoMoreRelayRuns = async () => {
    const before = (await relayRuns()).length;
    await eventually(async () => (await relayRuns()).length >= before + 2, 20_000);
  };

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url, SWEEP_INTERVAL_SECONDS: '1' });
    c = await cast(t);
    url = await listen(t.app);
    worker = await startWorker();
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    // Closing talks to Redis: bring it back if a test stopped half-way.
    await redis?.start();
    await worker?.close();
    await t?.close();
    await redis?.stop();
  });

  it('answers while Redis is down and delivers the events once it is back, once each', async () => {
    const r = await file();
    await eventually(async () => (await eventOf(r.id, 'report.created'))?.dispatched_at);
    const [reporter, officer] = await Promise.all([open(c.reporter.token), open(c.officerA.token)]);

    await redis.stop();
    await t
      .http()
      .post(`/api/v1/reports/${r.id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    const assigned = await eventOf(r.id, 'report.assigned');
    expect(assigned.dispatched_at).toBeNull();
    await redis.start();

    const seen = await reporter.waitFor('report.status_changed', (p) => p.eventId === assigned.id, 30_000);
    expect(seen.payload).toMatchObject({ reportId: r.id, fromStatus: 'received', toStatus: 'assigned' });
    await officer.waitFor('report.assigned', (p) => p.eventId === assigned.id);
    await eventually(() => dispatchedAt(assigned.id));
    await twoMoreRelayRuns();
    expect(
      reporter
        .about(assigned.id)
        .map((m) => m.event)
        .sort(),
    ).toEqual(['notification', 'report.status_changed']);
    expect(
      officer
        .about(assigned.id)
        .map((m) => m.event)
        .sort(),
    ).toEqual(['notification', 'report.assigned', 'report.status_changed']);
    expect(
      await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND user_id = $2`, [
        assigned.id,
        c.reporter.id,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('relays undispatched events even when Bull still holds a completed or failed job with their id', async () => {
    const reporter = await open(c.reporter.token);
    const [a, b] = [await file(), await file()];
    const createdA = await eventOf(a.id, 'report.created');
    const createdB = await eventOf(b.id, 'report.created');
    await eventually(async () => (await dispatchedAt(createdA.id)) && (await dispatchedAt(createdB.id)));
    await reporter.waitFor('report.created', (p) => p.eventId === createdB.id);

    // A: its job completed and is kept (removeOnComplete), as after a crash between sending and recording.
    expect(await (await events().getJob(createdA.id))?.getState()).toBe('completed');
    // B: its job failed for good (here: a broken payload, one attempt).
    await (await events().getJob(createdB.id))?.remove();
    const broken = await events().add(
      JOBS.dispatchEvent,
      { eventId: 'not-a-uuid' },
      { jobId: createdB.id, attempts: 1 },
    );
    await eventually(async () => (await broken.getState()) === 'failed');

    await t.db.query(
      `UPDATE report_events SET dispatched_at = NULL, created_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[createdA.id, createdB.id]],
    );
    await eventually(async () => (await dispatchedAt(createdA.id)) && (await dispatchedAt(createdB.id)), 20_000);
    // Delivery is at-least-once: the client now has each event twice and drops the repeat by eventId.
    await reporter.waitFor(
      'report.created',
      (p) => p.eventId === createdA.id && reporter.about(createdA.id).length === 2,
    );
    await reporter.waitFor(
      'report.created',
      (p) => p.eventId === createdB.id && reporter.about(createdB.id).length === 2,
    );
    expect((await relayRuns()).some((j) => j.returnvalue?.relayed > 0)).toBe(true);
    await twoMoreRelayRuns();
    expect(reporter.about(createdA.id)).toHaveLength(2);
    expect(reporter.about(createdB.id)).toHaveLength(2);
  });
});

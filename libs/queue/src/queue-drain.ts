import { getQueueToken } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { QUEUES } from './queues';

/**
 * Stops every queue, letting the jobs in hand finish, before anything they use is closed. Nest closes modules'
 * resources (database pool, Redis clients, Firebase) in onApplicationShutdown, and @nestjs/bull closes the queues
 * in that same phase, in no fixed order: a job in hand could lose its database or its Redis emitter half-way and
 * stay "active" in Redis. beforeApplicationShutdown runs first, for every module. Queue.close is idempotent.
 */
@Injectable()
export class QueueDrain implements BeforeApplicationShutdown {
  constructor(private readonly modules: ModuleRef) {}

  async beforeApplicationShutdown(): Promise<void> {
    const queues = Object.values(QUEUES).map((name) => this.modules.get<Queue>(getQueueToken(name), { strict: false }));
    // Every queue finishes its jobs in hand before any closes: a job of one queue uses others (an event's dispatch
    // queues its deliveries, the outbox relay reads the events queue), and closing each queue as soon as its own jobs
    // were done cut those jobs' Redis connection half-way (EPIPE, and an unclean exit, seen in the worker-crash test).
    await Promise.all(queues.map((q) => finishJobsInHand(q)));
    await Promise.all(queues.map((q) => q.close()));
  }
}

/** How long a stop waits for the jobs in hand (Kubernetes' default grace period is 30 s). */
const DRAIN_LIMIT_MS = 25_000;

/**
 * Bull 4.16's close() does not wait for the jobs in hand at all: its whenCurrentJobsFinished() returns at once
 * unless `bclientInitialized` is set, and nothing in Bull sets it (seen in the worker-crash test: jobs left
 * "active" in Redis after a SIGTERM, until the stalled-job check freed them 30 s later). So: pause locally (the
 * processing slots stop fetching), give a fetch already under way a moment to register its job, wait for every
 * slot's current job (Bull's own `processing` promises, settled once the job is moved to completed or failed);
 * the caller closes the queues once all of them are done. Re-check this when Bull is upgraded.
 */
async function finishJobsInHand(queue: Queue): Promise<void> {
  await queue.pause(true);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const internals = queue as unknown as {
    processing?: Record<string, Promise<unknown>>;
    token: string;
    client: { get(key: string): Promise<string | null> };
  };
  // A job that hangs (an unreachable service) must not hold the stop for ever.
  await Promise.race([
    Promise.allSettled(Object.values(internals.processing ?? {})),
    new Promise((resolve) => setTimeout(resolve, DRAIN_LIMIT_MS).unref()),
  ]);
  // Bull completes a job and takes the next one in one script; a completion already on its way when the queue
  // paused has taken a job that will now never start. Hand such jobs (active, locked by this process) back as a
  // retry, so another worker runs them at once instead of after the 30 s stalled-job check.
  if (Object.keys(internals.processing ?? {}).length) {
    for (const job of await queue.getActive().catch(() => [])) {
      if ((await internals.client.get(job.lockKey())) !== internals.token) continue;
      await job.moveToFailed({ message: 'the worker stopped before starting this job' }, true).catch(() => undefined);
      await job.releaseLock().catch(() => undefined);
    }
  }
}

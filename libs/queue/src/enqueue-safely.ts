import type { Logger } from '@nestjs/common';

/** How long a request waits for Redis to take a job before it goes on without it. */
export const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * Waits for a job to be queued, but never fails the caller: the change it follows is already committed, and
 * each queue has its backup (the outbox relay, the deadline sweep, the screener's first look). A Redis error or
 * a wait past ENQUEUE_TIMEOUT_MS is logged as `${what}: reason` and swallowed.
 */
export async function enqueueSafely(add: Promise<unknown>, logger: Logger, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      add,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('queue timeout')), ENQUEUE_TIMEOUT_MS))),
    ]);
  } catch (e) {
    logger.warn(`${what}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

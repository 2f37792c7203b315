import { Logger } from '@nestjs/common';

// Other processes (the worker, other API replicas) pick up an admin's edit within this time.
export const REFERENCE_CACHE_MS = 60_000;

/**
 * Reference data (calendars, categories) held in memory: loaded once, then refreshed in the background when
 * stale, the previous value served meanwhile and kept if a refresh fails. Callers on the hot paths never wait on
 * the database for it: those paths run inside report transactions, where a load needing a second pool
 * connection would deadlock a busy pool (every connection held by a transaction waiting for the load).
 */
export class ReferenceCache<T> {
  private readonly logger: Logger;
  private current: T | null = null;
  private loadedAt = 0;
  private loading: Promise<T> | null = null;

  constructor(
    name: string,
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs = REFERENCE_CACHE_MS,
  ) {
    this.logger = new Logger(`ReferenceCache(${name})`);
  }

  /** The loaded value; waits only for the very first load. */
  async get(): Promise<T> {
    if (!this.current) return this.refresh();
    if (Date.now() - this.loadedAt > this.maxAgeMs) this.refreshInBackground();
    return this.current;
  }

  /** Loads now (one load at a time; concurrent callers share it). */
  refresh(): Promise<T> {
    this.loading ??= this.load()
      .then((value) => {
        this.current = value;
        this.loadedAt = Date.now();
        return value;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  refreshInBackground(): void {
    this.refresh().catch((e) => this.logger.warn(`refresh failed, keeping the loaded value: ${(e as Error).message}`));
  }
}

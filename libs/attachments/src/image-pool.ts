import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import sharp from 'sharp';
import { AppError } from '@app/common';
import { Env } from '@app/config';

/** What a refused client is told to wait: about what a full queue of phone photos takes to drain on one core. */
export const DECODE_RETRY_AFTER_SECONDS = 10;

const running = new Gauge({ name: 'pa_image_decodes_running', help: 'Photos being decoded and re-encoded now' });
const waiting = new Gauge({ name: 'pa_image_decodes_waiting', help: 'Uploads waiting for a decode slot' });
const mostRunning = new Gauge({
  name: 'pa_image_decodes_running_max',
  help: 'Most photos decoded at once since the process started (never above IMAGE_DECODE_CONCURRENCY)',
});
const refused = new Counter({
  name: 'pa_image_decodes_refused_total',
  help: 'Uploads answered 503 because the decode queue was full',
});

/**
 * Runs sharp pipelines (decode + re-encode of uploaded photos) at most IMAGE_DECODE_CONCURRENCY at a time, with at
 * most IMAGE_DECODE_QUEUE_MAX more waiting in order; beyond that the upload is answered 503 with Retry-After.
 *
 * Why a pool: sharp runs each pipeline on a thread of libuv's threadpool (4 threads by default, for the whole
 * process) and libvips adds worker threads of its own, one per core by default. argon2 password hashing runs on
 * that same libuv threadpool. Unbounded, six uploads of large photos held every pool thread and both cores for
 * seconds, and an unrelated login waited 10 s behind them. The work stays in the request (not a Bull job), so a
 * corrupt photo is still refused synchronously with 400.
 */
@Injectable()
export class ImageDecodePool {
  private active = 0;
  private mostActive = 0;
  /** Each waiting upload's go-ahead, first come first served. */
  private readonly queue: Array<() => void> = [];

  constructor(private readonly env: Env) {
    // One libvips thread per pipeline, so each decode slot costs at most one core and one libuv thread. Both
    // settings are process-wide: the pool is the only code of the API that runs sharp on uploads.
    sharp.concurrency(1);
    // libvips' operation cache keeps decoded pixels for a reuse that never comes (each upload is decoded once).
    sharp.cache(false);
  }

  async run<T>(decode: () => Promise<T>): Promise<T> {
    await this.slot();
    try {
      return await decode();
    } finally {
      this.release();
    }
  }

  private async slot(): Promise<void> {
    if (this.active < this.env.IMAGE_DECODE_CONCURRENCY) {
      this.active++;
      running.inc();
      this.mostActive = Math.max(this.mostActive, this.active);
      mostRunning.set(this.mostActive);
      return;
    }
    if (this.queue.length >= this.env.IMAGE_DECODE_QUEUE_MAX) {
      refused.inc();
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Too many photos are being processed: try again shortly',
        { retryAfterSeconds: DECODE_RETRY_AFTER_SECONDS },
        { 'Retry-After': String(DECODE_RETRY_AFTER_SECONDS) },
      );
    }
    waiting.inc();
    await new Promise<void>((go) => this.queue.push(go));
    waiting.dec();
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the first waiting upload, so no newcomer can take it in between.
    if (next) return next();
    this.active--;
    running.dec();
  }
}

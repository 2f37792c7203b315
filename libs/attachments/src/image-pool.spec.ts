import { AppError } from '@app/common';
import type { Env } from '@app/config';
import { DECODE_RETRY_AFTER_SECONDS, ImageDecodePool } from './image-pool';

/** A decode that finishes when the test says so, recording how many decodes run at that moment. */
function heldDecodes() {
  let running = 0;
  let most = 0;
  const finish: Array<() => void> = [];
  const decode = () =>
    new Promise<string>((resolve) => {
      running++;
      most = Math.max(most, running);
      finish.push(() => {
        running--;
        resolve('done');
      });
    });
  return { decode, finish, most: () => most, started: () => finish.length };
}

const settle = () => new Promise((r) => setImmediate(r));
const pool = (concurrency: number, queueMax: number) =>
  new ImageDecodePool({ IMAGE_DECODE_CONCURRENCY: concurrency, IMAGE_DECODE_QUEUE_MAX: queueMax } as Env);

describe('ImageDecodePool', () => {
  it('runs at most IMAGE_DECODE_CONCURRENCY decodes at once and the waiting ones in order', async () => {
    const held = heldDecodes();
    const p = pool(2, 10);
    const results = Array.from({ length: 5 }, () => p.run(held.decode));
    await settle();
    expect(held.started()).toBe(2);
    for (let i = 0; i < 5; i++) {
      held.finish[i]();
      await settle();
    }
    expect(await Promise.all(results)).toEqual(Array(5).fill('done'));
    expect(held.most()).toBe(2);
  });

  it('refuses beyond the queue with 503 SERVICE_UNAVAILABLE and Retry-After, and takes work again once it drains', async () => {
    const held = heldDecodes();
    const p = pool(1, 1);
    const first = p.run(held.decode);
    const queued = p.run(held.decode);
    const refused = await p.run(held.decode).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).getStatus()).toBe(503);
    expect((refused as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect((refused as AppError).headers).toEqual({ 'Retry-After': String(DECODE_RETRY_AFTER_SECONDS) });

    await settle();
    held.finish[0]();
    await settle();
    held.finish[1]();
    await Promise.all([first, queued]);
    const again = p.run(held.decode);
    await settle();
    held.finish[2]();
    expect(await again).toBe('done');
    expect(held.most()).toBe(1);
  });

  it('frees the slot when a decode fails', async () => {
    const p = pool(1, 0);
    await expect(p.run(() => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(await p.run(() => Promise.resolve('next'))).toBe('next');
  });
});

import { Logger } from '@nestjs/common';
import { ReferenceCache } from './reference-cache';

describe('ReferenceCache', () => {
  let now: jest.SpyInstance;
  beforeEach(() => {
    now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('loads once for callers that arrive together, then serves from memory', async () => {
    const load: jest.Mock<Promise<{ n: number }>, []> = jest.fn(async () => ({ n: load.mock.calls.length }));
    const cache = new ReferenceCache('test', load, 60_000);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    now.mockReturnValue(1_000_000 + 59_999);
    expect(await cache.get()).toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves the loaded value while a stale one refreshes in the background, then the new one', async () => {
    let release!: () => void;
    let value = 'old';
    const load = jest.fn(() =>
      value === 'old' ? Promise.resolve(value) : new Promise<string>((r) => (release = () => r(value))),
    );
    const cache = new ReferenceCache('test', load, 60_000);
    await cache.get();
    value = 'new';
    now.mockReturnValue(1_000_000 + 60_001);
    expect(await cache.get()).toBe('old'); // does not wait for the refresh it started
    expect(await cache.get()).toBe('old'); // and does not start a second one
    expect(load).toHaveBeenCalledTimes(2);
    release();
    await settle();
    expect(await cache.get()).toBe('new');
  });

  it('keeps the loaded value when a refresh fails, and tries again later', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce('v1')
      .mockRejectedValueOnce(new Error('db down'))
      .mockResolvedValueOnce('v2');
    const cache = new ReferenceCache('test', load, 60_000);
    await cache.get();
    now.mockReturnValue(1_000_000 + 60_001);
    expect(await cache.get()).toBe('v1');
    await settle();
    expect(await cache.get()).toBe('v1');
    await settle();
    expect(await cache.get()).toBe('v2');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('fails the first load for its callers (there is nothing to serve) and retries on the next call', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValueOnce('v1');
    const cache = new ReferenceCache('test', load);
    await expect(cache.get()).rejects.toThrow('db down');
    expect(await cache.get()).toBe('v1');
  });
});

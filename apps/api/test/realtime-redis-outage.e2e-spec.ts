import { Logger } from '@nestjs/common';
import { citizen } from './support/fixtures';
import { connect, listen } from './support/realtime-client';
import { PrivateRedis } from './support/redis-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * Closing an account's sockets publishes through the socket.io Redis adapter, which does not wait for the
 * publish. While Redis is down that publish fails: it must be logged, not left an unhandled rejection, which ends
 * a Node process. Runs its own redis-server, stopped during the test.
 */
describe('real time while Redis is down (e2e)', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url });
    url = await listen(t.app);
  });
  afterAll(async () => {
    // Closing talks to Redis: bring it back if the test stopped half-way.
    await redis?.start();
    await t?.close();
    await redis?.stop();
  });

  it('deletes an account during the outage, closes its sockets here and logs that it could not ask the other processes', async () => {
    const person = await citizen(t, 'Đỗ Văn Mất');
    const client = await connect(url, person.token);
    const closed = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await redis.stop();
      await t.http().delete('/api/v1/me').auth(person.token, { type: 'bearer' }).expect(204);
      // This process closes its own sockets without Redis; the others' wait for Redis, or the token's expiry.
      expect(await closed).toBe('io server disconnect');
      await eventually(async () => warn.mock.calls.some(([m]) => String(m).includes('publish')), 20_000);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      warn.mockRestore();
      client.close();
    }
  });
});

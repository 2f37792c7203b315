import sharp from 'sharp';
import { ImageDecodePool } from '@app/attachments';
import { citizen } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** Photos are decoded one at a time with one more waiting (IMAGE_DECODE_*): the rest of a burst is refused. */
describe('photo decoding under a burst of uploads (e2e)', () => {
  let t: TestApp;
  let token: string;

  const upload = (file: Buffer) =>
    t.http().post('/api/v1/attachments').auth(token, { type: 'bearer' }).attach('file', file, 'photo.jpg');
  const rows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM attachments`))[0].n as number;
  const metric = async (name: string) => {
    const text = (await t.http().get('/metrics').expect(200)).text;
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  };

  beforeAll(async () => {
    t = await createTestApp({ IMAGE_DECODE_CONCURRENCY: '1', IMAGE_DECODE_QUEUE_MAX: '1' });
    token = (await citizen(t)).token;
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while the decode slot and the queue are taken, and stores nothing', async () => {
    const pool = t.app.get(ImageDecodePool);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const busy = [pool.run(() => held), pool.run(() => held)]; // one decoding, one waiting
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const before = await rows();

    const res = await upload(photo).expect(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      details: { retryAfterSeconds: 10 },
    });
    expect(await rows()).toBe(before);

    release();
    await Promise.all(busy);
    await upload(photo).expect(201);
  });

  it('decodes six 24 MP photos sent at once one at a time: one runs, one waits, the rest are refused with 503', async () => {
    // One colour: a 140 KB JPEG that still takes about a second of a core to decode and re-encode.
    const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#5a7d3c' } })
      .jpeg()
      .toBuffer();
    const [before, refusedBefore] = [await rows(), await metric('pa_image_decodes_refused_total')];

    const statuses = await Promise.all(Array.from({ length: 6 }, () => upload(photo).then((r) => r.status)));
    const stored = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 503).length;
    expect(stored + refused).toBe(6);
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(await rows()).toBe(before + stored);
    expect(await metric('pa_image_decodes_refused_total')).toBe(refusedBefore + refused);
    expect(await metric('pa_image_decodes_running_max')).toBe(1);
    expect(await metric('pa_image_decodes_running')).toBe(0);
    expect(await metric('pa_image_decodes_waiting')).toBe(0);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { AttachmentsService } from '@app/attachments';
import { Env } from '@app/config';
import { agency, cast, category, citizen, Login, reportBody, staff } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

// Every test file is generated here, so nothing binary is committed.
const png = (color: string, width = 32, height = 32) =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
/** Random pixels do not compress: a PNG of a predictable, large size. */
const noisyPng = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .png()
    .toBuffer();
/** A phone-like photo: camera make, GPS position and a "rotate 90°" orientation tag in its EXIF. */
const exifJpeg = () =>
  sharp({
    create: {
      width: 400,
      height: 300,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Serial-12345' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '21/1 35/1 39/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 50/1 53/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
/** Every file under an upload directory (to prove a refused upload left nothing behind). */
const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];
/** EXIF stores a GPS sub-IFD behind tag 0x8825 (little-endian in sharp's output). */
const hasGpsIfd = (exif: Buffer | undefined) => !!exif && exif.includes(Buffer.from([0x25, 0x88]));
/** An ISO-BMFF file start with the given major brand (HEIC, mp4, QuickTime are told apart by it). */
const isoBmff = (brand: string) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from(`ftyp${brand}`, 'latin1'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1isom', 'latin1'),
    Buffer.alloc(512, 7),
  ]);

describe('attachments (e2e)', () => {
  let t: TestApp;
  let a: Login;
  let b: Login;
  let categoryId: string;
  let service: AttachmentsService;
  let uploadDir: string;
  let desk: { agencyId: string; screener: Login; officer: Login };

  const upload = (token: string | null, content: Buffer, name = 'photo.jpg') => {
    const req = t.http().post('/api/v1/attachments');
    if (token) req.auth(token, { type: 'bearer' });
    return req.attach('file', content, name);
  };
  const content = (id: string, token?: string) => {
    const req = t.http().get(`/api/v1/attachments/${id}/content`).buffer(true).parse(rawBody);
    return token ? req.auth(token, { type: 'bearer' }) : req;
  };
  const rows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM attachments`))[0].n as number;
  const row = async (id: string) => (await t.db.query(`SELECT * FROM attachments WHERE id = $1`, [id]))[0];
  const report = async (token: string, over: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send(reportBody(categoryId, over))
        .expect(201)
    ).body.id as string;
  const direct = async (owner: Login, n = 1) =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => (await service.upload(owner.id, await png(`#0000${10 + i}`))).id),
    );

  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.get(AttachmentsService);
    uploadDir = t.app.get(Env).UPLOAD_DIR;
    [a, b] = await Promise.all([citizen(t, 'Người Một'), citizen(t, 'Người Hai')]);
    categoryId = (await category(t)).id;
    const agencyId = (await agency(t)).id;
    desk = { agencyId, screener: await staff(t, ['screener']), officer: await staff(t, ['agency_officer'], agencyId) };
  });
  afterAll(() => t.close());

  const act = (token: string, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  /** Files a report and has the centre screen it: nothing is public before (docs/domain.md#privacy). */
  const published = async (token: string, over: Record<string, unknown> = {}) => {
    const id = await report(token, over);
    await act(desk.screener.token, id, 'assign', { agencyId: desk.agencyId });
    return id;
  };

  it('refuses an upload without a token with 401 and stores nothing', async () => {
    const before = await rows();
    const res = await upload(null, await png('#ff0000')).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(await rows()).toBe(before);
  });

  it('takes a PNG named photo.jpg as image/png, by its content', async () => {
    const file = await png('#336699', 40, 20);
    const res = await upload(a.token, file, 'photo.jpg').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      mimeType: 'image/png',
      size: file.length,
      url: `/api/v1/attachments/${res.body.id}/content`,
    });
    const stored = await row(res.body.id);
    expect(stored).toMatchObject({
      owner_id: a.id,
      report_id: null,
      event_id: null,
      mime_type: 'image/png',
      width: 40,
      height: 20,
    });
    expect(stored.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(stored.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}-original\.png$/);
    expect(existsSync(join(uploadDir, stored.storage_key))).toBe(true);
    expect(existsSync(join(uploadDir, stored.public_storage_key))).toBe(true);
  });

  it('takes a photo over the 1 MB JSON body limit (uploads have their own limit)', async () => {
    const file = await noisyPng(800, 600);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    await upload(a.token, file, 'big.png').expect(201);
  });

  it.each([
    ['a text file named photo.jpg', Buffer.from('just some text, not a photo\n'.repeat(20)), null],
    ['an iPhone QuickTime movie (docs/api.md promises mp4)', isoBmff('qt  '), 'video/quicktime'],
    ['a GIF', Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'), 'image/gif'],
  ])('refuses %s with 415 UNSUPPORTED_MEDIA_TYPE and stores nothing', async (_, file, detected) => {
    const before = await rows();
    const res = await upload(a.token, file as Buffer, 'photo.jpg').expect(415);
    expect(res.body).toMatchObject({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: { detectedType: detected },
    });
    expect(await rows()).toBe(before);
  });

  it('keeps HEIC and mp4 as uploaded, without a public copy', async () => {
    const heic = (await upload(a.token, isoBmff('heic'), 'IMG_0001.HEIC').expect(201)).body;
    const mp4 = (await upload(a.token, isoBmff('isom'), 'clip.mp4').expect(201)).body;
    expect([heic.mimeType, mp4.mimeType]).toEqual(['image/heic', 'video/mp4']);
    expect((await row(heic.id)).public_storage_key).toBeNull();
    expect((await row(mp4.id)).public_storage_key).toBeNull();
    // Even on a public report, nobody but the owner and staff sees a file we could not strip.
    await published(a.token, { attachmentIds: [heic.id, mp4.id], isPublic: true });
    await content(heic.id).expect(404);
    await content(heic.id, b.token).expect(404);
    await content(heic.id, a.token).expect(200);
  });

  it('strips EXIF (GPS, camera) from the public copy, keeps it in the original, and applies the orientation', async () => {
    const file = await exifJpeg();
    const before = await sharp(file).metadata();
    expect(before.exif?.toString('latin1')).toContain('TestCam');
    expect(hasGpsIfd(before.exif)).toBe(true);

    const res = await upload(a.token, file, 'IMG_2024.jpg').expect(201);
    expect(res.body.mimeType).toBe('image/jpeg');
    const stored = await row(res.body.id);
    const original = await sharp(join(uploadDir, stored.storage_key)).metadata();
    expect(original.exif?.toString('latin1')).toContain('TestCam');
    expect(hasGpsIfd(original.exif)).toBe(true);
    const copy = await sharp(join(uploadDir, stored.public_storage_key)).metadata();
    expect(copy.exif).toBeUndefined();
    expect(copy.orientation).toBeUndefined();
    // Orientation 6 means "turn 90°": the stripped copy stands upright by its pixels, 300 wide and 400 high.
    expect([copy.width, copy.height, stored.width, stored.height]).toEqual([300, 400, 300, 400]);

    // Through the content route: the owner gets the original bytes, the public the stripped copy.
    const own = await content(res.body.id, a.token).expect(200);
    expect(Buffer.compare(own.body, file)).toBe(0);
    expect(own.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    });
    await content(res.body.id).expect(404);
    await content(res.body.id, b.token).expect(404);
    await published(a.token, { attachmentIds: [res.body.id], isPublic: true });
    for (const viewer of [undefined, b.token]) {
      const seen = await content(res.body.id, viewer).expect(200);
      expect(seen.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(seen.body).metadata()).exif).toBeUndefined();
      expect(seen.body.includes(Buffer.from('TestCam'))).toBe(false);
    }
  });

  it('neutralises a polyglot: a real JPEG carrying HTML and script is served as an image, re-encoded for the public', async () => {
    const payload = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    // Bytes after the JPEG end marker: image viewers ignore them, a browser sniffing content might not.
    const polyglot = Buffer.concat([jpeg, payload]);
    const res = await upload(a.token, polyglot, 'trick.html').expect(201);
    expect(res.body.mimeType).toBe('image/jpeg');
    await published(a.token, { attachmentIds: [res.body.id], isPublic: true });
    const seen = await content(res.body.id).expect(200);
    expect(seen.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff' });
    expect(seen.body.includes(Buffer.from('<script>'))).toBe(false);
  });

  it('refuses a truncated JPEG with 400 and stores nothing', async () => {
    const file = await exifJpeg();
    const before = await rows();
    const res = await upload(a.token, file.subarray(0, Math.floor(file.length * 0.6))).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.file).toEqual(expect.any(Array));
    expect(await rows()).toBe(before);
  });

  it('refuses a PNG whose header claims 20000×20000 pixels with 413, from the header alone', async () => {
    const bomb = Buffer.from(await png('#ffffff', 16, 16));
    bomb.writeUInt32BE(20000, 16); // IHDR width
    bomb.writeUInt32BE(20000, 20); // IHDR height
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29); // a valid CRC, so only the size is wrong
    const before = await rows();
    const res = await upload(a.token, bomb, 'bomb.png').expect(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxPixels: 26_000_000, width: 20000, height: 20000 },
    });
    expect(await rows()).toBe(before);
    await t.http().get('/health/live').expect(200); // still serving
  });

  it('refuses a 49-megapixel PNG of a few KB (a decompression bomb) from its header with 413 and stores nothing', async () => {
    // One colour in a palette PNG: ~48 KB on the wire, 147 MB of pixels once decoded.
    const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } })
      .png({ palette: true, compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(64 * 1024);
    const [rowsBefore, filesBefore] = [await rows(), files(uploadDir).length];
    const res = await upload(a.token, bomb, 'bomb.png').expect(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxPixels: 26_000_000, width: 7000, height: 7000 },
    });
    expect(await rows()).toBe(rowsBefore);
    expect(files(uploadDir)).toHaveLength(filesBefore);
  });

  it('answers a request that is not multipart, has no file, or names another field with 400', async () => {
    const json = await t
      .http()
      .post('/api/v1/attachments')
      .auth(a.token, { type: 'bearer' })
      .send({ file: 'x' })
      .expect(400);
    expect(json.body.code).toBe('VALIDATION_FAILED');
    const noFile = await t
      .http()
      .post('/api/v1/attachments')
      .auth(a.token, { type: 'bearer' })
      .field('note', 'x')
      .expect(400);
    expect(noFile.body.details.fields.file).toEqual(['the request has no file part']);
    const otherField = await t
      .http()
      .post('/api/v1/attachments')
      .auth(a.token, { type: 'bearer' })
      .attach('photo', await png('#123456'), 'a.png')
      .expect(400);
    expect(otherField.body.code).toBe('VALIDATION_FAILED');
  });

  describe('claim()', () => {
    const claim = (ids: string[], owner: Login, reportId: string, max = 5) =>
      t.db.transaction((m) => service.claim(m, ids, owner.id, { reportId }, max));
    const failure = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: { getResponse?: () => unknown }) => err,
      );
      expect(e).not.toBeNull();
      return e!.getResponse!() as {
        code: string;
        details: { fields: Record<string, string[]>; invalidIds?: string[] };
      };
    };

    it('claims own unused uploads (duplicates counted once) and sets report_id', async () => {
      const reportId = await report(a.token);
      const [x, y] = await direct(a, 2);
      const claimed = await claim([x, y, x], a, reportId, 2);
      expect(claimed.map((r) => r.id).sort()).toEqual([x, y].sort());
      expect((await row(x)).report_id).toBe(reportId);
    });

    it("refuses a sixth id, another user's id exactly like an unknown one, and a used id; claims nothing then", async () => {
      const reportId = await report(a.token);
      const six = await direct(a, 6);
      const tooMany = await failure(claim(six, a, reportId));
      expect(tooMany.code).toBe('VALIDATION_FAILED');
      expect(tooMany.details.fields.attachmentIds).toEqual(['at most 5 attachments']);

      const [others] = await direct(b, 1);
      const unknown = randomUUID();
      const foreign = await failure(claim([six[0], others], a, reportId));
      const missing = await failure(claim([six[0], unknown], a, reportId));
      expect(foreign.details.invalidIds).toEqual([others]);
      expect(missing.details.invalidIds).toEqual([unknown]);
      expect(JSON.stringify(foreign).replaceAll(others, 'ID')).toBe(JSON.stringify(missing).replaceAll(unknown, 'ID'));
      expect((await failure(claim(['not-a-uuid'], a, reportId))).details.invalidIds).toEqual(['not-a-uuid']);
      expect((await row(six[0])).report_id).toBeNull(); // the refused claim changed nothing

      await claim([six[0]], a, reportId);
      expect((await failure(claim([six[0]], a, await report(a.token)))).details.invalidIds).toEqual([six[0]]);
    });

    it('lets only one of two concurrent reports claim the same upload', async () => {
      const [first, second] = [await report(a.token), await report(a.token)];
      const [id] = await direct(a, 1);
      let claimed!: () => void;
      let release!: () => void;
      const claimedNow = new Promise<void>((r) => (claimed = r));
      const held = new Promise<void>((r) => (release = r));
      const one = t.db.transaction(async (m) => {
        await service.claim(m, [id], a.id, { reportId: first }, 5);
        claimed();
        await held; // keep the transaction open while the other one tries
      });
      await claimedNow;
      const two = claim([id], a, second);
      await new Promise((r) => setTimeout(r, 300));
      release();
      await one;
      expect((await failure(two)).details.invalidIds).toEqual([id]);
      expect((await row(id)).report_id).toBe(first);
    });
  });

  it('cleanupUnused removes old unclaimed uploads with their files and keeps recent or claimed ones', async () => {
    const [old, recent, claimed] = await direct(a, 3);
    const reportId = await report(a.token, { attachmentIds: [claimed] });
    expect((await row(claimed)).report_id).toBe(reportId);
    await t.db.query(`UPDATE attachments SET created_at = now() - interval '2 days' WHERE id = ANY($1)`, [
      [old, claimed],
    ]);
    const oldRow = await row(old);

    expect(await service.cleanupUnused(new Date(Date.now() - 24 * 3600 * 1000))).toBe(1);
    expect(await row(old)).toBeUndefined();
    expect(existsSync(join(uploadDir, oldRow.storage_key))).toBe(false);
    expect(existsSync(join(uploadDir, oldRow.public_storage_key))).toBe(false);
    for (const kept of [recent, claimed]) {
      const r = await row(kept);
      expect(existsSync(join(uploadDir, r.storage_key))).toBe(true);
    }
    expect(await service.cleanupUnused(new Date(Date.now() - 24 * 3600 * 1000))).toBe(0);
  });

  it('serves originals to centre staff, nothing to anyone else on a non-public report, and 404 for unknown ids', async () => {
    const [id] = await direct(a, 1);
    await report(a.token, { attachmentIds: [id], isPublic: false });
    const screener = await staff(t, ['screener']);
    const seen = await content(id, screener.token).expect(200);
    expect(seen.headers['content-type']).toBe('image/png');
    const nf = await content(id, b.token).expect(404);
    expect(nf.body.toString()).toContain('NOT_FOUND');
    await content(id).expect(404);
    await content(randomUUID(), a.token).expect(404);
    await content(encodeURIComponent('../../etc/passwd'), a.token).expect(404);
  });

  it("stops serving a public report's photos to the public once it is withdrawn, as every public view agrees", async () => {
    const [id] = await direct(a, 1);
    const reportId = await report(a.token, { attachmentIds: [id] });
    await content(id).expect(404); // not screened yet
    await act(desk.screener.token, reportId, 'assign', { agencyId: desk.agencyId });
    await content(id).expect(200);
    // The agency asks the citizen for more, who withdraws instead (withdraw is allowed while information is asked).
    await act(desk.officer.token, reportId, 'acknowledge');
    await act(desk.officer.token, reportId, 'request-info', { question: 'Ảnh chụp ở đâu?' });
    await t
      .http()
      .post(`/api/v1/reports/${reportId}/actions/withdraw`)
      .auth(a.token, { type: 'bearer' })
      .send({})
      .expect(200);
    await content(id).expect(404);
    await content(id, b.token).expect(404);
    await content(id, a.token).expect(200); // its uploader keeps it
  });
});

describe('attachments over the size limit (e2e)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_BYTES: '200000' });
    token = (await citizen(t)).token;
  });
  afterAll(() => t.close());

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and stores nothing, but takes one under it', async () => {
    const big = await noisyPng(300, 300);
    const small = await noisyPng(200, 200);
    expect(big.length).toBeGreaterThan(200000);
    expect(small.length).toBeLessThan(200000);
    const res = await t
      .http()
      .post('/api/v1/attachments')
      .auth(token, { type: 'bearer' })
      .attach('file', big, 'big.png')
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM attachments`))[0].n).toBe(0);
    expect(files(t.app.get(Env).UPLOAD_DIR)).toEqual([]);
    await t
      .http()
      .post('/api/v1/attachments')
      .auth(token, { type: 'bearer' })
      .attach('file', small, 'small.png')
      .expect(201);
  });
});

describe('attachments of a case for agency staff (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const bearer = { type: 'bearer' } as const;

  /** One upload of the reporter's in a non-public report that the centre assigned to agency A. */
  const assignedCase = async (file: Buffer, allowContact: boolean, hideIdentity = false) => {
    const { id } = (
      await t
        .http()
        .post('/api/v1/attachments')
        .auth(c.reporter.token, bearer)
        .attach('file', file, 'photo')
        .expect(201)
    ).body;
    const body = reportBody(c.category.id, { attachmentIds: [id], allowContact, hideIdentity, isPublic: false });
    const reportId = (await t.http().post('/api/v1/reports').auth(c.reporter.token, bearer).send(body).expect(201)).body
      .id as string;
    await t
      .http()
      .post(`/api/v1/reports/${reportId}/actions/assign`)
      .auth(c.screener.token, bearer)
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    return { id: id as string, reportId };
  };
  const content = (id: string, token: string) =>
    t.http().get(`/api/v1/attachments/${id}/content`).auth(token, bearer).buffer(true).parse(rawBody);
  const viewed = async (reportId: string, token: string) =>
    (await t.http().get(`/api/v1/reports/${reportId}`).auth(token, bearer).expect(200)).body.attachments;

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('gives the officer of the case the cleaned copy, without EXIF, when the reporter refused contact, and the view says so', async () => {
    const file = await exifJpeg();
    const { id, reportId } = await assignedCase(file, false);
    const seen = await content(id, c.officerA.token).expect(200);
    expect((await sharp(seen.body).metadata()).exif).toBeUndefined();
    expect(seen.body.includes(Buffer.from('TestCam'))).toBe(false);
    expect(await viewed(reportId, c.officerA.token)).toEqual([expect.objectContaining({ id, variant: 'cleaned' })]);
    // The centre and the reporter keep the original.
    for (const viewer of [c.screener, c.reporter]) {
      expect(Buffer.compare((await content(id, viewer.token).expect(200)).body, file)).toBe(0);
      expect(await viewed(reportId, viewer.token)).toEqual([expect.objectContaining({ id, variant: 'original' })]);
    }
  });

  it('gives the officer of the case the original, GPS included, when the reporter allowed contact', async () => {
    const file = await exifJpeg();
    const { id, reportId } = await assignedCase(file, true);
    const seen = await content(id, c.officerA.token).expect(200);
    expect(Buffer.compare(seen.body, file)).toBe(0);
    expect(hasGpsIfd((await sharp(seen.body).metadata()).exif)).toBe(true);
    expect(await viewed(reportId, c.officerA.token)).toEqual([expect.objectContaining({ id, variant: 'original' })]);
  });

  it('keeps the reporter from the officer when they hid their identity, even with contact allowed: no name or phone, the cleaned copy, not found by phone', async () => {
    const file = await exifJpeg();
    const { id, reportId } = await assignedCase(file, true, true);
    const asOfficer = (await t.http().get(`/api/v1/reports/${reportId}`).auth(c.officerA.token, bearer).expect(200))
      .body;
    expect(asOfficer).toMatchObject({ hideIdentity: true, allowContact: true, reporter: null });
    expect(asOfficer.attachments).toEqual([expect.objectContaining({ id, variant: 'cleaned' })]);
    const seen = await content(id, c.officerA.token).expect(200);
    expect(seen.body.includes(Buffer.from('TestCam'))).toBe(false);
    const byPhone = (phone: string, token: string) =>
      t.http().get('/api/v1/reports').query({ q: phone }).auth(token, bearer).expect(200);
    expect(
      (await byPhone(c.reporter.phone, c.officerA.token)).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(reportId);
    // The centre still knows who it is, and gets the original.
    expect((await byPhone(c.reporter.phone, c.screener.token)).body.items.map((r: { id: string }) => r.id)).toContain(
      reportId,
    );
    const asCentre = (await t.http().get(`/api/v1/reports/${reportId}`).auth(c.screener.token, bearer).expect(200))
      .body;
    expect(asCentre.reporter).toMatchObject({ id: c.reporter.id, phone: c.reporter.phone });
    expect(Buffer.compare((await content(id, c.screener.token).expect(200)).body, file)).toBe(0);
  });

  it('withholds a file without a cleaned copy (HEIC) from the officer when contact was refused: 404, and not in the view', async () => {
    const { id, reportId } = await assignedCase(isoBmff('heic'), false);
    await content(id, c.officerA.token).expect(404);
    expect(await viewed(reportId, c.officerA.token)).toEqual([]);
    expect(await viewed(reportId, c.screener.token)).toEqual([expect.objectContaining({ id, variant: 'original' })]);
  });
});

/** supertest parser that keeps any response body as a Buffer (images, and JSON errors alike). */
function rawBody(res: unknown, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream; // superagent's Node response is the IncomingMessage
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

import sharp from 'sharp';
import { cast, citizen, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { IdempotencyKeysService } from '@app/reports';

const png = (color: string) =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: color } })
    .png()
    .toBuffer();

describe('report intake (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const upload = (token: string, content: Buffer, name = 'photo.jpg') =>
    t.http().post('/api/v1/attachments').auth(token, { type: 'bearer' }).attach('file', content, name);
  const post = (token: string, body: unknown, key?: string) => {
    const req = t.http().post('/api/v1/reports').auth(token, { type: 'bearer' });
    if (key) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('takes a citizen report with two photos, NFC-normalised, listed in /reports/mine', async () => {
    const photos = [
      (await upload(c.reporter.token, await png('#ff0000')).expect(201)).body,
      (await upload(c.reporter.token, await png('#00ff00')).expect(201)).body,
    ];
    const decomposed = 'Đèn đường bị hỏng'.normalize('NFD');
    const res = await post(
      c.reporter.token,
      reportBody(c.category.id, { description: decomposed, attachmentIds: photos.map((p) => p.id) }),
    ).expect(201);
    expect(res.body).toMatchObject({
      status: 'received',
      channel: 'app',
      description: 'Đèn đường bị hỏng'.normalize('NFC'),
    });
    expect(res.body.description).not.toBe(decomposed);
    expect(res.body.attachments.map((a: { id: string }) => a.id).sort()).toEqual(photos.map((p) => p.id).sort());
    expect(res.body.reporter).toMatchObject({ id: c.reporter.id, fullName: 'Nguyễn Văn Báo' });
    const mine = await t.http().get('/api/v1/reports/mine').auth(c.reporter.token, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
    const [event] = await t.db.query(`SELECT type, to_status FROM report_events WHERE report_id = $1`, [res.body.id]);
    expect(event).toEqual({ type: 'report.created', to_status: 'received' });
  });

  it('keeps report codes unique past the millionth report', async () => {
    await t.db.query(`SELECT setval('report_code_seq', 999999, false)`);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await post(c.reporter.token, reportBody(c.category.id)).expect(201)).body.code);
    const year = codes[0].slice(3, 7);
    expect(codes).toEqual([`PA-${year}-999999`, `PA-${year}-1000000`, `PA-${year}-1000001`]);
  });

  it('returns the same report for the same Idempotency-Key, also when sent concurrently', async () => {
    const before = await count('reports');
    const body = reportBody(c.category.id, { description: 'Nước ngập sâu ở ngã tư' });
    const first = await post(c.reporter.token, body, 'key-sequential-0001').expect(201);
    const second = await post(c.reporter.token, body, 'key-sequential-0001').expect(201);
    expect(second.body).toEqual(first.body);
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => post(c.reporter.token, body, 'key-concurrent-0001')),
    );
    expect(concurrent.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(await count('reports')).toBe(before + 2);
    // The same key with a different body is a client bug, refused rather than silently answered.
    await post(c.reporter.token, { ...body, description: 'khác' }, 'key-sequential-0001').expect(409);
  });

  it('remembers an Idempotency-Key for 7 days, then forgets it: the same key files a new report', async () => {
    const body = reportBody(c.category.id, { description: 'Cống thoát nước bị tắc trước chợ' });
    const first = await post(c.reporter.token, body, 'key-expiring-0001').expect(201);
    const keys = t.app.get(IdempotencyKeysService);
    const day = 24 * 3600 * 1000;
    await keys.expire(new Date(Date.now() + 6 * day));
    expect((await post(c.reporter.token, body, 'key-expiring-0001').expect(201)).body.id).toBe(first.body.id);
    expect(await keys.expire(new Date(Date.now() + 8 * day))).toBeGreaterThanOrEqual(1);
    const later = await post(c.reporter.token, body, 'key-expiring-0001').expect(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('refuses bad reports with 400 and stores nothing', async () => {
    const before = await count('reports');
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['Paris', { location: { lat: 48.8566, lng: 2.3522 } }, 'location.lat'],
      ['unknown category', { categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId'],
      ['empty description', { description: '   ' }, 'description'],
      ['unknown field', { isAdmin: true }, 'isAdmin'],
    ];
    for (const [name, over, field] of cases) {
      const res = await post(c.reporter.token, reportBody(c.category.id, over));
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(Object.keys(res.body.details.fields)).toContain(field);
    }
    const six = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => (await upload(c.reporter.token, await png(`#0000${i}${i}`))).body.id),
    );
    const tooMany = await post(c.reporter.token, reportBody(c.category.id, { attachmentIds: six })).expect(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');
    const othersPhoto = (await upload(c.otherCitizen.token, await png('#123456'))).body.id;
    await post(c.reporter.token, reportBody(c.category.id, { attachmentIds: [othersPhoto] })).expect(400);
    expect(await count('reports')).toBe(before);
    // The refused attempts claimed nothing: the photos can still be used.
    await post(c.reporter.token, reportBody(c.category.id, { attachmentIds: six.slice(0, 5) })).expect(201);
  });

  it('logs a hotline call that files a report for the caller, and a consultation that files none', async () => {
    const callerPhone = '0987 111 222';
    const call = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({
        callerPhone,
        callerName: 'Bà Lê Thị Gọi',
        callId: 'pbx-0001',
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(c.category.id, { description: 'Cây đổ chắn ngang đường', allowContact: false }),
      })
      .expect(201);
    expect(call.body.report).toMatchObject({
      channel: 'hotline',
      status: 'received',
      reporter: { phone: '+84987111222', fullName: 'Bà Lê Thị Gọi' },
    });
    expect(call.body.call).toMatchObject({
      outcome: 'new_report',
      reportId: call.body.report.id,
      callerPhone: '+84987111222',
    });

    const before = await count('reports');
    const consult = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({
        callerPhone,
        startedAt: new Date().toISOString(),
        outcome: 'consultation',
        notes: 'Hỏi thủ tục cấp phép xây dựng',
      })
      .expect(201);
    expect(consult.body.report).toBeNull();
    expect(await count('reports')).toBe(before);

    const calls = await t
      .http()
      .get('/api/v1/hotline/calls')
      .query({ callerPhone: '+84987111222' })
      .auth(c.operator.token, { type: 'bearer' })
      .expect(200);
    expect(calls.body.items.map((x: { outcome: string }) => x.outcome).sort()).toEqual(['consultation', 'new_report']);
    const earlier = await t
      .http()
      .get(`/api/v1/hotline/callers/0987111222/reports`)
      .auth(c.operator.token, { type: 'bearer' })
      .expect(200);
    expect(earlier.body.items.map((r: { id: string }) => r.id)).toEqual([call.body.report.id]);

    // The caller registers later, proving the phone by the code it receives, and finds the report in their list.
    const registered = await citizen(t, 'Lê Thị Gọi', '0987111222');
    const mine = await t.http().get('/api/v1/reports/mine').auth(registered.token, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((r: { id: string; channel: string }) => [r.id, r.channel])).toEqual([
      [call.body.report.id, 'hotline'],
    ]);

    // An agency officer on the case sees no identity, because the caller refused contact.
    await t
      .http()
      .post(`/api/v1/reports/${call.body.report.id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    const asAgency = await t
      .http()
      .get(`/api/v1/reports/${call.body.report.id}`)
      .auth(c.officerA.token, { type: 'bearer' })
      .expect(200);
    expect(asAgency.body.reporter).toBeNull();
    expect(JSON.stringify(asAgency.body)).not.toContain('987111222');
    const asScreener = await t
      .http()
      .get(`/api/v1/reports/${call.body.report.id}`)
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
    expect(asScreener.body.reporter.phone).toBe('+84987111222');
    // The staff list tells the same as the report itself: the centre sees the caller, the agency does not.
    const listedFor = async (token: string) =>
      (
        await t
          .http()
          .get('/api/v1/reports')
          .query({ agencyId: c.agencyA.id, pageSize: 100 })
          .auth(token, { type: 'bearer' })
          .expect(200)
      ).body.items.find((r: { id: string }) => r.id === call.body.report.id);
    expect((await listedFor(c.screener.token)).reporter).toEqual(asScreener.body.reporter);
    expect(asScreener.body.reporter).toMatchObject({ fullName: 'Lê Thị Gọi', phone: '+84987111222' });
    expect((await listedFor(c.officerA.token)).reporter).toBeNull();
  });

  it("hides another citizen's private report behind 404 and shows a public one without personal data", async () => {
    const priv = await post(c.reporter.token, reportBody(c.category.id, { isPublic: false })).expect(201);
    const res = await t
      .http()
      .get(`/api/v1/reports/${priv.body.id}`)
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await t
      .http()
      .get(`/api/v1/reports/${priv.body.id}/timeline`)
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(404);

    const pub = await post(c.reporter.token, reportBody(c.category.id)).expect(201);
    // Not before the centre screens it (docs/domain.md#privacy), then as the public sees it.
    await t.http().get(`/api/v1/reports/${pub.body.id}`).auth(c.otherCitizen.token, { type: 'bearer' }).expect(404);
    await t
      .http()
      .post(`/api/v1/reports/${pub.body.id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    const seen = await t
      .http()
      .get(`/api/v1/reports/${pub.body.id}`)
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(200);
    expect(seen.body.reporter).toBeUndefined();
    expect(JSON.stringify(seen.body)).not.toContain(c.reporter.phone.slice(3));
    const listed = await t.http().get('/api/v1/public/reports').query({ pageSize: 100 }).expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(pub.body.id);
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(priv.body.id);
    expect(JSON.stringify(listed.body)).not.toMatch(/reporter|phone|fullName/);
  });

  it("reads a bare date in the staff list's from/to as the local (Vietnam) day, as statistics and Open311 do", async () => {
    const r = await post(
      c.reporter.token,
      reportBody(c.category.id, { description: 'Đèn tín hiệu hỏng ở ngã tư Đồng Quang' }),
    ).expect(201);
    const localDay = (offsetDays: number) =>
      new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const ids = async (query: Record<string, string>) =>
      (
        await t
          .http()
          .get('/api/v1/reports')
          .query({ pageSize: 100, ...query })
          .auth(c.screener.token, { type: 'bearer' })
          .expect(200)
      ).body.items.map((x: { id: string }) => x.id);
    expect(await ids({ from: localDay(0), to: localDay(0) })).toContain(r.body.id);
    expect(await ids({ to: localDay(-1) })).not.toContain(r.body.id);
    expect(await ids({ from: localDay(1) })).not.toContain(r.body.id);
    // A date-time must say its offset: otherwise whose clock would it be?
    await t
      .http()
      .get('/api/v1/reports')
      .query({ from: `${localDay(0)}T00:00` })
      .auth(c.screener.token, { type: 'bearer' })
      .expect(400);
  });

  it('lists reports for staff with filters and pagination, and keeps agencies to their own cases', async () => {
    const r = await post(
      c.reporter.token,
      reportBody(c.category.id, { description: 'Rác thải đổ trộm ở bãi đất trống đường Quang Trung' }),
    ).expect(201);
    const byText = await t
      .http()
      .get('/api/v1/reports')
      .query({ q: 'rac thai do trom', pageSize: 5 })
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
    expect(byText.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(byText.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    const byCode = await t
      .http()
      .get('/api/v1/reports')
      .query({ q: r.body.code })
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
    expect(byCode.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    const agencyList = await t
      .http()
      .get('/api/v1/reports')
      .query({ pageSize: 100 })
      .auth(c.officerB.token, { type: 'bearer' })
      .expect(200);
    expect(agencyList.body.items.every((x: { agencyId: string }) => x.agencyId === c.agencyB.id)).toBe(true);
    await t.http().get('/api/v1/reports').auth(c.reporter.token, { type: 'bearer' }).expect(403);
    await t
      .http()
      .get('/api/v1/reports')
      .query({ status: 'bogus' })
      .auth(c.screener.token, { type: 'bearer' })
      .expect(400);
  });
});

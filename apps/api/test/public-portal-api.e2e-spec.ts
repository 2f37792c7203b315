import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { localInstant, localParts, localYmd } from '@app/common/vietnam-time';
import { cellDegrees } from '@app/public';
import { cast, citizen, reportBody, staff } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

// The citizens' portal's API (docs/api.md#public): nothing unscreened in public, masking on every public face,
// the centre's moderation, the case page by code, the map's clusters, the indicators, area alerts and feeds.

const PHONE = '0912 345 678';
const ID_CARD = '001203004567';
const png = (color: string) =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: color } })
    .png()
    .toBuffer();

describe('public portal API (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const COMMUNE_A = '90001';
  const COMMUNE_B = '90002';

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(token, { type: 'bearer' }),
  });
  const file = async (token: string, over: Record<string, unknown>) =>
    (await as(token).post('/api/v1/reports', reportBody(c.category.id, over)).expect(201)).body;
  const act = async (token: string, id: string, action: string, body: object = {}) =>
    (await as(token).post(`/api/v1/reports/${id}/actions/${action}`, body).expect(200)).body;
  const screen = (id: string) => act(c.screener.token, id, 'assign', { agencyId: c.agencyA.id });
  const anon = (path: string) => t.http().get(path);

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    await t.db.query(
      `INSERT INTO communes (code, kind, name, province_code, province_name)
       VALUES ($1, 'phuong', 'Phường Thử Nghiệm', '19', 'Thái Nguyên'), ($2, 'xa', 'Xã Kiểm Tra', '19', 'Thái Nguyên')`,
      [COMMUNE_A, COMMUNE_B],
    );
  }, 120_000);
  afterAll(() => t?.close());

  describe('moderation before publishing', () => {
    let report: { id: string; code: string; version: number };
    const words = {
      title: 'Ngập trước số 12 Lê Lợi',
      description: `Nước ngập, gọi ${PHONE}, CCCD ${ID_CARD}, nhà ở ngõ 34 Trần Phú`,
      address: '12/3 Lê Lợi, phường Phan Đình Phùng',
      communeCode: COMMUNE_A,
    };

    beforeAll(async () => {
      report = await file(c.reporter.token, words);
    });

    it('shows nothing of a report before the centre screens it, on any public face', async () => {
      const listed = await anon(`/api/v1/public/reports?communeCode=${COMMUNE_A}`).expect(200);
      expect(listed.body.items.map((r: { code: string }) => r.code)).not.toContain(report.code);
      await anon(`/api/v1/public/reports/by-code/${report.code}`).expect(404);
      const map = await anon('/api/v1/public/map?bbox=105,21,106,22&zoom=16').expect(200);
      expect(map.body.points.map((p: { code: string }) => p.code)).not.toContain(report.code);
      const feed = await anon(`/api/v1/public/feeds/area.atom?communeCode=${COMMUNE_A}`).expect(200);
      expect(feed.text).not.toContain(report.code);
      // A logged-in stranger and the duplicate hint do not see it either; the reporter does.
      await as(c.otherCitizen.token).get(`/api/v1/reports/${report.id}`).expect(404);
      const nearby = await anon(
        `/api/v1/reports/nearby?lat=${reportBody('').location.lat}&lng=${reportBody('').location.lng}&categoryId=${c.category.id}`,
      ).expect(200);
      expect(nearby.body.map((n: { report: { id: string } }) => n.report.id)).not.toContain(report.id);
      await as(c.reporter.token).get(`/api/v1/reports/${report.id}`).expect(200);
    });

    it('publishes it once assigned, its phone, ID card and house numbers masked on every public face', async () => {
      report = await screen(report.id);
      const page = (await anon(`/api/v1/public/reports/by-code/${report.code.toLowerCase()}`).expect(200)).body;
      expect(page).toMatchObject({
        code: report.code,
        title: 'Ngập trước số *** Lê Lợi',
        description: 'Nước ngập, gọi ***, CCCD ***, nhà ở ngõ *** Trần Phú',
        address: '*** Lê Lợi, phường Phan Đình Phùng',
        status: 'assigned',
        category: { id: c.category.id, name: c.category.name },
        agency: { id: c.agencyA.id, name: c.agencyA.name },
        commune: { code: COMMUNE_A, name: 'Phường Thử Nghiệm' },
        handledAt: null,
        answer: null,
        rating: null,
      });
      const publicText = JSON.stringify(page);
      for (const secret of [PHONE, ID_CARD, '12 Lê Lợi', '34 Trần Phú', '12/3'])
        expect(publicText).not.toContain(secret);

      const item = (await anon(`/api/v1/public/reports?communeCode=${COMMUNE_A}`).expect(200)).body.items.find(
        (r: { code: string }) => r.code === report.code,
      );
      expect(item).toMatchObject({ description: page.description, title: page.title, address: page.address });
      expect(JSON.stringify(item)).not.toContain(PHONE);
      // A logged-in citizen reading it as the public, and a follower, read the masked words too.
      const stranger = (await as(c.otherCitizen.token).get(`/api/v1/reports/${report.id}`).expect(200)).body;
      expect(stranger.description).toBe(page.description);
      const feed = await anon(`/api/v1/public/feeds/area.atom?communeCode=${COMMUNE_A}`).expect(200);
      expect(feed.text).toContain(report.code);
      expect(feed.text).not.toContain(PHONE.replace(/ /g, ''));
      expect(feed.text).not.toContain(PHONE);
      // Staff and the reporter keep the original.
      const staffView = (await as(c.screener.token).get(`/api/v1/reports/${report.id}`).expect(200)).body;
      expect(staffView.description).toBe(words.description);
      const own = (await as(c.reporter.token).get(`/api/v1/reports/${report.id}`).expect(200)).body;
      expect(own.description).toBe(words.description);
    });

    it("lets the centre edit the public wording, checked against the version, and masks the centre's words too", async () => {
      const path = `/api/v1/reports/${report.id}/publication`;
      await as(c.reporter.token).patch(path, { publicTitle: 'x' }).expect(403);
      await as(c.officerA.token).patch(path, { publicTitle: 'x' }).expect(403);
      const stale = await as(c.screener.token)
        .patch(path, { expectedVersion: report.version - 1, publicTitle: 'x' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: report.version } });
      const edited = await as(c.screener.token)
        .patch(path, {
          expectedVersion: report.version,
          publicTitle: 'Ngập nước kéo dài',
          publicDescription: 'Đoạn đường ngập sâu, liên hệ 0987.654.321',
        })
        .expect(200);
      expect(edited.body).toMatchObject({
        version: report.version + 1,
        publicTitle: 'Ngập nước kéo dài',
        description: words.description,
      });
      const page = (await anon(`/api/v1/public/reports/by-code/${report.code}`).expect(200)).body;
      expect(page).toMatchObject({ title: 'Ngập nước kéo dài', description: 'Đoạn đường ngập sâu, liên hệ ***' });
      await as(c.screener.token).patch(path, { publicTitle: null, publicDescription: null }).expect(200);
      const back = (await anon(`/api/v1/public/reports/by-code/${report.code}`).expect(200)).body;
      expect(back.title).toBe('Ngập trước số *** Lê Lợi');
      const bad = await as(c.screener.token).patch(path, { publicTitle: 5 }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('hides a photo from the public: left out of the page and refused by the file route, kept for staff', async () => {
      const upload = async (color: string) =>
        (
          await t
            .http()
            .post('/api/v1/attachments')
            .auth(c.reporter.token, { type: 'bearer' })
            .attach('file', await png(color), 'p.png')
            .expect(201)
        ).body.id as string;
      const [shown, hidden] = [await upload('#ff0000'), await upload('#00ff00')];
      const withPhotos = await screen((await file(c.reporter.token, { attachmentIds: [shown, hidden] })).id);
      const before = (await anon(`/api/v1/public/reports/by-code/${withPhotos.code}`).expect(200)).body;
      expect(before.photos.map((p: { id: string }) => p.id).sort()).toEqual([shown, hidden].sort());

      await as(c.screener.token)
        .patch(`/api/v1/reports/${withPhotos.id}/publication`, { hiddenAttachmentIds: [c.agencyA.id] })
        .expect(400);
      await as(c.screener.token)
        .patch(`/api/v1/reports/${withPhotos.id}/publication`, { hiddenAttachmentIds: [hidden] })
        .expect(200);
      const after = (await anon(`/api/v1/public/reports/by-code/${withPhotos.code}`).expect(200)).body;
      expect(after.photos).toEqual([{ id: shown, url: `/api/v1/attachments/${shown}/content` }]);
      await anon(`/api/v1/attachments/${hidden}/content`).expect(404);
      await anon(`/api/v1/attachments/${shown}/content`).expect(200);
      await as(c.screener.token).get(`/api/v1/attachments/${hidden}/content`).expect(200);
      const stranger = (await as(c.otherCitizen.token).get(`/api/v1/reports/${withPhotos.id}`).expect(200)).body;
      expect(stranger.attachments.map((a: { id: string }) => a.id)).toEqual([shown]);
    });

    it('answers the case page with the approved answer, its date, result photos and rating; 400 and 404 otherwise', async () => {
      const r = await screen((await file(c.reporter.token, { communeCode: COMMUNE_B })).id);
      await act(c.officerA.token, r.id, 'acknowledge');
      await act(c.officerA.token, r.id, 'submit-result', { text: `Đã xử lý, gọi ${PHONE} nếu còn ngập` });
      const pending = (await anon(`/api/v1/public/reports/by-code/${r.code}`).expect(200)).body;
      expect(pending).toMatchObject({ status: 'pending_review', answer: null, handledAt: null });
      const resolved = await act(c.screener.token, r.id, 'approve-result');
      await act(c.reporter.token, r.id, 'rate', { satisfied: true, comment: `gọi tôi ${PHONE}` });
      const page = (await anon(`/api/v1/public/reports/by-code/${r.code}`).expect(200)).body;
      expect(page).toMatchObject({
        status: 'resolved',
        answer: 'Đã xử lý, gọi *** nếu còn ngập',
        handledAt: resolved.resolvedAt,
        rating: { satisfied: true, at: expect.any(String) },
      });
      expect(JSON.stringify(page)).not.toContain(PHONE);
      // The same answer on the other public faces: the report, its timeline, Open311's update feed.
      const seen = (await as(c.otherCitizen.token).get(`/api/v1/reports/${r.id}`).expect(200)).body;
      expect(seen.result.text).toBe('Đã xử lý, gọi *** nếu còn ngập');
      const timeline = (await as(c.otherCitizen.token).get(`/api/v1/reports/${r.id}/timeline`).expect(200)).body;
      expect(timeline.find((e: { type: string }) => e.type === 'report.result_approved')).toBeDefined();
      expect(JSON.stringify(timeline)).not.toContain(PHONE);
      const updates = (await anon('/open311/v2/servicerequestupdates.json').expect(200)).body as Array<{
        service_request_id: string;
        description: string;
      }>;
      const answer = updates.find((u) => u.service_request_id === r.id && u.description.includes('nếu còn ngập'));
      expect(answer?.description).toContain('Đã xử lý, gọi *** nếu còn ngập');
      expect(JSON.stringify(updates)).not.toContain(PHONE);
      // Staff keep the original answer.
      const staffView = (await as(c.screener.token).get(`/api/v1/reports/${r.id}`).expect(200)).body;
      expect(staffView.result.text).toContain(PHONE);

      const malformed = await anon('/api/v1/public/reports/by-code/xyz').expect(400);
      expect(malformed.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { code: expect.any(Array) } },
      });
      expect((await anon('/api/v1/public/reports/by-code/PA-2020-999999').expect(404)).body.code).toBe('NOT_FOUND');
    });
  });

  describe('map and list', () => {
    // Three reports close together well inside one cell at zoom 12, one alone far away, one unscreened beside them.
    const zoom = 12;
    const near = [
      { lat: 21.6021, lng: 105.8521 },
      { lat: 21.6023, lng: 105.8525 },
      { lat: 21.6027, lng: 105.8531 },
    ];
    const far = { lat: 21.7507, lng: 105.6012 };
    // South of the moderation tests' reports (21.5942), which the box must leave out.
    const bbox = '105.5,21.598,105.95,21.8';
    let otherCategory: string;
    const codes: string[] = [];
    let alone: string;

    beforeAll(async () => {
      const cell = cellDegrees(zoom);
      const cellOf = (p: { lat: number; lng: number }) => `${Math.floor(p.lng / cell)}:${Math.floor(p.lat / cell)}`;
      // The test's own precondition: the three share a cell, the far one does not.
      expect(new Set(near.map(cellOf)).size).toBe(1);
      expect(cellOf(far)).not.toBe(cellOf(near[0]));
      otherCategory = (
        await as(c.admin.token)
          .post('/api/v1/admin/categories', { code: 'map-other', name: 'Chiếu sáng', defaultAgencyId: c.agencyA.id })
          .expect(201)
      ).body.id;
      for (const location of near) {
        codes.push((await screen((await file(c.reporter.token, { location, communeCode: COMMUNE_B })).id)).code);
      }
      const lonely = await file(c.reporter.token, { location: far, categoryId: otherCategory });
      alone = (await screen(lonely.id)).code;
      await file(c.reporter.token, { location: near[0] }); // unscreened
    });

    it('clusters the published reports of the box by grid cell, counts exact', async () => {
      const res = await anon(`/api/v1/public/map?bbox=${bbox}&zoom=${zoom}`).expect(200);
      expect(res.body.clusters).toEqual([{ lat: expect.any(Number), lng: expect.any(Number), count: 3 }]);
      const [cluster] = res.body.clusters;
      expect(cluster.lat).toBeCloseTo((21.6021 + 21.6023 + 21.6027) / 3, 6);
      expect(cluster.lng).toBeCloseTo((105.8521 + 105.8525 + 105.8531) / 3, 6);
      expect(res.body.points).toEqual([
        { code: alone, lat: far.lat, lng: far.lng, status: 'assigned', categoryId: otherCategory },
      ]);
    });

    it('gives every report as a point from zoom 16, and filters as the list does', async () => {
      const all = await anon(`/api/v1/public/map?bbox=105.85,21.60,105.86,21.61&zoom=16`).expect(200);
      expect(all.body.clusters).toEqual([]);
      expect(all.body.points.map((p: { code: string }) => p.code).sort()).toEqual([...codes].sort());
      const byCategory = await anon(`/api/v1/public/map?bbox=${bbox}&zoom=${zoom}&categoryId=${otherCategory}`).expect(
        200,
      );
      expect(byCategory.body).toEqual({ clusters: [], points: [expect.objectContaining({ code: alone })] });
      const byCommune = await anon(`/api/v1/public/map?bbox=${bbox}&zoom=${zoom}&communeCode=${COMMUNE_B}`).expect(200);
      expect(byCommune.body.clusters).toEqual([expect.objectContaining({ count: 3 })]);
      const none = await anon(`/api/v1/public/map?bbox=${bbox}&zoom=${zoom}&status=resolved,closed`).expect(200);
      expect(none.body).toEqual({ clusters: [], points: [] });
      const future = await anon(`/api/v1/public/map?bbox=${bbox}&zoom=${zoom}&from=2099-01-01`).expect(200);
      expect(future.body).toEqual({ clusters: [], points: [] });

      const list = await anon(`/api/v1/public/reports?bbox=105.85,21.60,105.86,21.61&pageSize=100`).expect(200);
      expect(list.body.total).toBe(3);
      expect(list.body.items.map((r: { code: string }) => r.code).sort()).toEqual([...codes].sort());
    });

    it.each([
      ['bbox=1,2,3&zoom=3', 'bbox'],
      ['bbox=10,0,5,1&zoom=3', 'bbox'],
      ['bbox=105,21,106,22&zoom=21', 'zoom'],
      ['bbox=105,21,106,22', 'zoom'],
      ['zoom=3', 'bbox'],
      ['bbox=105,21,106,22&zoom=3&status=lost', 'status'],
      ['bbox=105,21,106,22&zoom=3&from=yesterday', 'from'],
    ])('refuses %s with 400 on %s', async (query, field) => {
      const res = await anon(`/api/v1/public/map?${query}`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.details.fields)).toContain(field);
    });
  });

  describe('indicators', () => {
    it("are leadership's figures for the same months, per agency, without personal data", async () => {
      const leader = await staff(t, ['leader']);
      const res = await anon('/api/v1/public/indicators?groupBy=agency&months=1').expect(200);
      const { year, month } = localParts(new Date())!;
      const from = localYmd(localInstant(year, month, 1));
      const to = localYmd(localInstant(year, month + 1, 0));
      const stats = (await as(leader.token).get(`/api/v1/stats/agencies?from=${from}&to=${to}`).expect(200)).body;
      const mine = res.body.rows.find((r: { id: string }) => r.id === c.agencyA.id);
      const theirs = stats.find((r: { agencyId?: string; id?: string }) => (r.agencyId ?? r.id) === c.agencyA.id);
      expect(mine.handled).toBeGreaterThan(0);
      expect(mine).toMatchObject({
        code: theirs.code,
        name: theirs.name,
        received: theirs.received,
        handled: theirs.handled,
        onTimeRate: theirs.onTimeRate,
        satisfactionRate: theirs.satisfactionRate,
        ratings: theirs.rated,
      });
      expect(res.body.trend).toEqual([
        expect.objectContaining({ month: from.slice(0, 7), received: expect.any(Number), handled: expect.any(Number) }),
      ]);
      const overview = (await as(leader.token).get(`/api/v1/stats/overview?from=${from}&to=${to}`).expect(200)).body;
      expect(res.body.trend[0]).toMatchObject({
        received: overview.total,
        handled: overview.handled,
        onTimeRate: overview.onTimeRate,
        satisfactionRate: overview.satisfactionRate,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/phone|fullName|reporter/);

      const communes = await anon('/api/v1/public/indicators?groupBy=commune&months=2').expect(200);
      const b = communes.body.rows.find((r: { code: string }) => r.code === COMMUNE_B);
      expect(b).toMatchObject({ id: null, name: 'Xã Kiểm Tra', received: 4, handled: 1, onTimeRate: 1, ratings: 1 });
      expect(communes.body.trend).toHaveLength(2);
      await anon('/api/v1/public/indicators?groupBy=province').expect(400);
      await anon('/api/v1/public/indicators?months=0').expect(400);
    });
  });

  describe('area alerts and feeds', () => {
    it("keeps a citizen's subscriptions: one of each kind, repeats found, others' refused", async () => {
      const me = as(c.reporter.token);
      const base = '/api/v1/me/subscriptions';
      const commune = (await me.post(base, { kind: 'commune', communeCode: COMMUNE_A }).expect(201)).body;
      const area = (
        await me.post(base, { kind: 'area', location: { lat: 21.6, lng: 105.85 }, radiusM: 500 }).expect(201)
      ).body;
      const cat = (await me.post(base, { kind: 'category', categoryId: c.category.id }).expect(201)).body;
      expect(area).toMatchObject({
        kind: 'area',
        location: { lat: 21.6, lng: 105.85 },
        radiusM: 500,
        communeCode: null,
      });
      const again = await me.post(base, { kind: 'commune', communeCode: COMMUNE_A }).expect(200);
      expect(again.body.id).toBe(commune.id);
      expect(
        (await me.post(base, { kind: 'area', location: { lat: 21.6, lng: 105.85 }, radiusM: 500 }).expect(200)).body.id,
      ).toBe(area.id);
      expect((await me.get(base).expect(200)).body.map((s: { id: string }) => s.id)).toEqual([
        commune.id,
        area.id,
        cat.id,
      ]);
      for (const bad of [
        { kind: 'commune', communeCode: '99999' },
        { kind: 'commune' },
        { kind: 'area', location: { lat: 21.6, lng: 105.85 }, radiusM: 10 },
        { kind: 'category', categoryId: c.agencyA.id },
        { kind: 'street' },
      ]) {
        expect((await me.post(base, bad).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      await as(c.otherCitizen.token).delete(`${base}/${cat.id}`).expect(404);
      await as(c.screener.token).get(base).expect(403);
      await t.http().get(base).expect(401);
      await me.delete(`${base}/${cat.id}`).expect(204);
      expect((await me.get(base).expect(200)).body).toHaveLength(2);
    });

    it('tells a subscriber, through the real dispatcher, when a report of the area is published and resolved', async () => {
      const fan = await citizen(t, 'Đỗ Thị Theo Dõi');
      const spot = { lat: 21.7004, lng: 105.7006 };
      await as(fan.token)
        .post('/api/v1/me/subscriptions', { kind: 'area', location: { lat: 21.7, lng: 105.7 }, radiusM: 300 })
        .expect(201);
      const r = await file(c.reporter.token, { location: spot, title: null, description: `Cống vỡ, gọi ${PHONE}` });
      const hidden = await file(c.reporter.token, { location: spot, isPublic: false });
      const away = await file(c.reporter.token, { location: { lat: 21.72, lng: 105.7 } });
      for (const x of [r, hidden, away]) await screen(x.id);
      // The real worker delivers the events (dispatch, then inbox), as in production.
      const worker = await startWorker();
      try {
        const inbox = async () =>
          (await as(fan.token).get('/api/v1/notifications?pageSize=100').expect(200)).body.items as Array<{
            reportId: string;
            title: string;
            body: string;
          }>;
        const first = await eventually(async () => {
          const lines = await inbox();
          return lines.length > 0 && lines;
        }, 30_000);
        expect(first.map((n) => n.reportId)).toEqual([r.id]);
        expect(first[0]).toMatchObject({
          title: `Phản ánh mới trong khu vực bạn theo dõi: ${r.code}`,
          body: 'Cống vỡ, gọi *** (đã chuyển cơ quan xử lý).',
        });

        await act(c.officerA.token, r.id, 'acknowledge');
        await act(c.officerA.token, r.id, 'submit-result', { text: 'Đã sửa cống' });
        await act(c.screener.token, r.id, 'approve-result');
        const titles = await eventually(async () => {
          const lines = (await inbox()).map((n) => n.title);
          return lines.length > 1 && lines;
        }, 30_000);
        expect(titles).toEqual([`Đã xử lý phản ánh ${r.code} trong khu vực bạn theo dõi`, first[0].title]);
        // The unpublished report and the one outside the circle were dispatched too, and said nothing to the fan.
        await eventually(async () => {
          const [{ n }] = await t.db.query(
            `SELECT count(*)::int AS n FROM report_events WHERE report_id = ANY($1) AND dispatched_at IS NULL`,
            [[hidden.id, away.id]],
          );
          return n === 0;
        }, 30_000);
        expect((await inbox()).map((n) => n.reportId)).toEqual([r.id, r.id]);
      } finally {
        await worker.close();
      }
    }, 120_000);

    it('serves a valid Atom feed per commune, point and radius, or category, and refuses a vague area', async () => {
      const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' || n === 'link' });
      const read = async (query: string) => {
        const res = await anon(`/api/v1/public/feeds/area.atom?${query}`).expect(200);
        expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
        expect(XMLValidator.validate(res.text)).toBe(true);
        return parser.parse(res.text).feed;
      };
      const byCommune = await read(`communeCode=${COMMUNE_B}`);
      expect(byCommune['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(byCommune.title).toBe('Phản ánh hiện trường: Xã Kiểm Tra');
      expect(byCommune.entry).toHaveLength(4);
      for (const e of byCommune.entry) {
        expect(e.id).toMatch(/\/phan-anh\/PA-\d{4}-\d{6,}$/);
        expect(e.updated).toMatch(/Z$/);
      }
      const byPoint = await read('lat=21.6023&lng=105.8525&radiusM=100');
      expect(byPoint.entry).toHaveLength(3);
      const byCategory = await read(`categoryId=${c.category.id}`);
      expect(byCategory.entry.length).toBeGreaterThanOrEqual(6);
      await anon('/api/v1/public/feeds/area.atom').expect(400);
      await anon(`/api/v1/public/feeds/area.atom?communeCode=${COMMUNE_A}&categoryId=${c.category.id}`).expect(400);
      await anon('/api/v1/public/feeds/area.atom?lat=21.6&lng=105.8').expect(400);
      await anon('/api/v1/public/feeds/area.atom?communeCode=99999').expect(400);
    });
  });
});

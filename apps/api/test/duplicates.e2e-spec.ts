import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import { candidatesSql, candidateParams } from '@app/duplicates';
import { OutboxRelayService } from '@app/notifications';
import { QUEUES } from '@app/queue';
import { agency, cast, category, citizen } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

// Real PostGIS, pg_trgm and unaccent, the real worker analysing each report as it dispatches its report.created
// event. Each test works in its
// own spot of the map (a few km apart), so the radius searches of one test never see another's reports.
type Point = { lat: number; lng: number };
const M_PER_DEG_LAT = 110_725; // meridian arc near 21.6° N
const north = (p: Point, m: number): Point => ({ lat: p.lat + m / M_PER_DEG_LAT, lng: p.lng });
const spot = (k: number): Point => ({ lat: 21.3 + 0.03 * k, lng: 105.7 });
const ACCENTED = 'Ổ gà lớn trên đường Lương Ngọc Quyến';
const PLAIN = 'o ga lon tren duong Luong Ngoc Quyen';
const square = (c: Point, half: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [c.lng - half, c.lat - half],
      [c.lng + half, c.lat - half],
      [c.lng + half, c.lat + half],
      [c.lng - half, c.lat + half],
      [c.lng - half, c.lat - half],
    ],
  ],
});

describe('duplicates, following and routing (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let c: Awaited<ReturnType<typeof cast>>;

  const file = async (
    token: string,
    categoryId: string,
    location: Point,
    description: string,
    over: Record<string, unknown> = {},
  ) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send({ categoryId, description, location, ...over })
        .expect(201)
    ).body;
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${action}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  /** The centre screens reports (assigns them): nothing is public before (docs/domain.md#privacy). */
  const screen = async (...reports: Array<{ id: string }>) => {
    for (const r of reports) await act(c.screener.token, r.id, 'assign', { agencyId: c.agencyA.id });
  };
  const candidates = async (id: string, token = c.screener.token) =>
    (await t.http().get(`/api/v1/reports/${id}/duplicate-candidates`).auth(token, { type: 'bearer' }).expect(200))
      .body as Array<{
      report: { id: string } & Record<string, unknown>;
      distanceM: number;
      score: number;
      similarity: number | null;
    }>;
  const ids = (list: Array<{ report: { id: string } }>) => list.map((x) => x.report.id);
  const events = () => t.app.get<Queue>(getQueueToken(QUEUES.events));
  const createdEventOf = async (id: string): Promise<string> =>
    (await t.db.query(`SELECT id FROM report_events WHERE report_id = $1 AND type = 'report.created'`, [id]))[0].id;
  /** Waits for the worker's dispatch of a report's report.created event and returns what its analysis did. */
  const analysed = async (id: string) => {
    const eventId = await createdEventOf(id);
    return eventually(async () => {
      const job = await events().getJob(eventId);
      if (job?.failedReason) throw new Error(`dispatch of ${eventId} (report ${id}) failed: ${job.failedReason}`);
      return job?.finishedOn ? { result: job.returnvalue.reaction } : null;
    }, 15_000);
  };
  const scanned = async (id: string) =>
    (await t.db.query(`SELECT 1 FROM report_duplicate_scans WHERE report_id = $1`, [id])).length > 0;
  const statusOf = async (id: string) =>
    (await t.db.query(`SELECT status, agency_id FROM reports WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('pairs an accented and an unaccented description 40 m apart, but not at 400 m, in another category or a year apart', async () => {
    const p = spot(1);
    const other = await category(t, { name: 'Điện – chiếu sáng' });
    const old = await file(c.otherCitizen.token, c.category.id, north(p, 20), PLAIN);
    await analysed(old.id);
    // A year-old report: as if filed then (its scan is redone from its own, old creation time).
    await t.db.query(`UPDATE reports SET created_at = now() - interval '1 year' WHERE id = $1`, [old.id]);
    await t.db.query(`DELETE FROM report_duplicate_scans WHERE report_id = $1`, [old.id]);

    const a = await file(c.reporter.token, c.category.id, p, ACCENTED);
    const b = await file(c.otherCitizen.token, c.category.id, north(p, 40), PLAIN);
    const far = await file(c.otherCitizen.token, c.category.id, north(p, 400), PLAIN);
    const elsewhere = await file(c.otherCitizen.token, other.id, north(p, 10), PLAIN);
    for (const r of [a, b, far, elsewhere]) await analysed(r.id);

    const ofA = await candidates(a.id);
    expect(ids(ofA)).toEqual([b.id]);
    expect(ofA[0].distanceM).toBeGreaterThan(38);
    expect(ofA[0].distanceM).toBeLessThan(42);
    expect(ofA[0].similarity).toBeGreaterThan(0.9);
    expect(ofA[0].report).toMatchObject({ id: b.id, reporter: { id: c.otherCitizen.id } });
    // The earlier report was scanned before the later one existed and still lists it.
    expect(ids(await candidates(b.id))).toEqual([a.id]);
    expect(await candidates(far.id)).toEqual([]);
    expect(await candidates(elsewhere.id)).toEqual([]);
    expect(await candidates(old.id)).toEqual([]);
  });

  it('pairs reports across the categories of one group (its wider radius too), and not a category outside it', async () => {
    const p = spot(9);
    const group = `g-${Date.now()}`;
    const lamps = await category(t, { name: 'Đèn chiếu sáng', groupCode: group, duplicateRadiusM: 100 });
    const poles = await category(t, { name: 'Cột điện', groupCode: group, duplicateRadiusM: 250 });
    const alone = await category(t, { name: 'Cây xanh' });
    const a = await file(c.reporter.token, lamps.id, p, ACCENTED);
    const f = await file(c.reporter.token, poles.id, north(p, 300), ACCENTED);
    const d = await file(c.otherCitizen.token, alone.id, north(p, 30), PLAIN);
    const b = await file(c.otherCitizen.token, poles.id, north(p, 200), PLAIN);
    for (const r of [a, f, d, b]) await analysed(r.id);
    // b's one scan covers both categories of the group: f (poles, 100 m) and a (lamps, 200 m: outside the lamps'
    // 100 m but inside the poles' 250 m, so a pair one way only); d's category is not in the group.
    expect(ids(await candidates(b.id))).toEqual([f.id, a.id]);
    expect(await candidates(a.id)).toEqual([]);
    expect(await candidates(d.id)).toEqual([]);
  });

  it('ranks the closer, more similar report first', async () => {
    const p = spot(2);
    const close = await file(c.otherCitizen.token, c.category.id, north(p, 25), `${PLAIN}, gan cho`);
    const mid = await file(c.otherCitizen.token, c.category.id, north(p, 70), 'Đường Lương Ngọc Quyến có ổ gà');
    const unlike = await file(c.otherCitizen.token, c.category.id, north(p, 120), 'Cây xanh gãy đổ chắn lối đi bộ');
    const target = await file(c.reporter.token, c.category.id, p, ACCENTED);
    await analysed(target.id);
    const list = await candidates(target.id);
    expect(ids(list)).toEqual([close.id, mid.id, unlike.id]);
    expect(list[0].score).toBeGreaterThan(list[1].score);
    expect(list[1].score).toBeGreaterThan(list[2].score);
    await screen(close, mid, unlike, target);

    // The citizen's hint before submitting ranks the same way (the target, filed at this very spot, first),
    // anonymously, with public fields only.
    const hint = await t
      .http()
      .get('/api/v1/reports/nearby')
      .query({ ...p, categoryId: c.category.id, description: 'o ga Luong Ngoc Quyen' })
      .expect(200);
    expect(ids(hint.body)).toEqual([target.id, close.id, mid.id, unlike.id]);
    expect(hint.body[0].report).not.toHaveProperty('reporter');
    expect(hint.body[0].report).not.toHaveProperty('suggestedAgencyId');
    expect(hint.body[0].report).not.toHaveProperty('isPublic');
  });

  it('lists only public reports near the point and validates the query', async () => {
    const p = spot(3);
    const open = await file(c.reporter.token, c.category.id, north(p, 30), ACCENTED);
    const hidden = await file(c.reporter.token, c.category.id, north(p, 35), ACCENTED, { isPublic: false });
    // Public but not yet screened: not in the hint either.
    await file(c.reporter.token, c.category.id, north(p, 32), ACCENTED);
    await screen(open, hidden);
    const res = await t
      .http()
      .get('/api/v1/reports/nearby')
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .query({ ...p, categoryId: c.category.id })
      .expect(200);
    expect(ids(res.body)).toEqual([open.id]);
    expect(res.body[0].similarity).toBeNull();
    const bad = await t
      .http()
      .get('/api/v1/reports/nearby')
      .query({ lat: 48.85, lng: 2.35, categoryId: 'x' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.body.details.fields)).toEqual(expect.arrayContaining(['lat', 'lng', 'categoryId']));
    const unknown = await t
      .http()
      .get('/api/v1/reports/nearby')
      .query({ ...p, categoryId: c.agencyA.id })
      .expect(400);
    expect(unknown.body.details.fields.categoryId).toBeDefined();
  });

  it('stores the candidates off the request path, serves the stored ones and computes them when absent', async () => {
    const p = spot(4);
    const a = await file(c.reporter.token, c.category.id, p, ACCENTED);
    const b = await file(c.otherCitizen.token, c.category.id, north(p, 40), PLAIN);
    await analysed(a.id);
    await analysed(b.id);
    const stored = await t.db.query(
      `SELECT report_id, candidate_id FROM report_duplicate_candidates WHERE $1 IN (report_id, candidate_id)`,
      [a.id],
    );
    expect(stored).toHaveLength(2);
    // The screener's list is the stored one, not a new search.
    await t.db.query(
      `UPDATE report_duplicate_candidates SET score = 0.123 WHERE report_id = $1 AND candidate_id = $2`,
      [b.id, a.id],
    );
    expect((await candidates(b.id))[0].score).toBeCloseTo(0.123, 3);
    await t.db.query(`DELETE FROM report_duplicate_scans WHERE report_id = $1`, [b.id]);
    const fresh = await candidates(b.id);
    expect(ids(fresh)).toEqual([a.id]);
    // 0.45·(1 − 40/150) + 0.35·1 + 0.20·1: the real score again, not the tampered one.
    expect(fresh[0].score).toBeCloseTo(0.88, 2);
    expect(await t.db.query(`SELECT 1 FROM report_duplicate_scans WHERE report_id = $1`, [b.id])).toHaveLength(1);
  });

  it('scans a report whose dispatch job was lost before the worker ran it, through the outbox relay', async () => {
    const p = spot(10);
    const earlier = await file(c.otherCitizen.token, c.category.id, north(p, 30), PLAIN);
    await analysed(earlier.id);
    // No worker takes a job while the queue is paused; then the job disappears, as when Redis lost it.
    await events().pause();
    const lost = await file(c.reporter.token, c.category.id, p, ACCENTED);
    const eventId = await createdEventOf(lost.id);
    try {
      await (await events().getJob(eventId))!.remove();
    } finally {
      await events().resume();
    }
    expect(await events().getJob(eventId)).toBeNull();
    expect(await scanned(lost.id)).toBe(false);

    // The event stays undispatched in the timeline; once past the relay's grace period the relay sends it again.
    await t.db.query(`UPDATE report_events SET created_at = now() - interval '1 minute' WHERE id = $1`, [eventId]);
    await worker.get(OutboxRelayService).relay();
    expect((await analysed(lost.id)).result).toMatchObject({
      candidates: 1,
      autoAssign: { assign: false, reason: 'not_enabled' },
    });
    expect(await scanned(lost.id)).toBe(true);
    expect(ids(await candidates(lost.id))).toEqual([earlier.id]);
    expect(
      (await t.db.query(`SELECT dispatched_at FROM report_events WHERE id = $1`, [eventId]))[0].dispatched_at,
    ).not.toBeNull();
  });

  it('finds candidates through the GiST index on a realistic table, not a scan', async () => {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // 20,000 reports over ~90 km × 90 km and 60 days, rolled back afterwards.
      await runner.query(
        `INSERT INTO reports (code, status, category_id, channel, description, location, created_at, updated_at)
         SELECT 'EXPLAIN-' || g, 'received', $1, 'app', 'Ổ gà số ' || g,
                ST_SetSRID(ST_MakePoint(105.4 + random() * 0.8, 21.2 + random() * 0.8), 4326)::geography,
                now() - random() * interval '60 days', now()
           FROM generate_series(1, 20000) g`,
        [c.category.id],
      );
      await runner.query(`ANALYZE reports`);
      const params = candidateParams(
        { location: spot(5), categoryId: c.category.id, at: new Date(), text: PLAIN },
        150,
        [c.category.id],
      );
      const plan = (await runner.query(`EXPLAIN ${candidatesSql(1)}`, params))
        .map((r: Record<string, string>) => r['QUERY PLAN'])
        .join('\n');
      // The radius itself bounds the index scan (ST_DWithin's box), not only the nearest-first order, and the
      // category and time window are conditions of the same index, not a second index's bitmap of the category.
      expect(plan).toMatch(/Index Scan (using|on) reports_duplicate_gist/);
      expect(plan).toMatch(
        /Index Cond: \(\(location && _st_expand[^\n]*category_id = [^\n]*created_at >=[^\n]*created_at <=/,
      );
      expect(plan).not.toMatch(/reports_category_created_idx/);
      expect(plan).not.toMatch(/Seq Scan on reports/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('lets only the centre see duplicate candidates', async () => {
    const r = await file(c.reporter.token, c.category.id, spot(6), ACCENTED);
    for (const token of [c.reporter.token, c.officerA.token, c.operator.token]) {
      expect(
        (await t.http().get(`/api/v1/reports/${r.id}/duplicate-candidates`).auth(token, { type: 'bearer' }).expect(403))
          .body.code,
      ).toBe('FORBIDDEN');
    }
    await candidates(r.id, c.leader.token);
    await t
      .http()
      .get(`/api/v1/reports/${c.agencyA.id}/duplicate-candidates`)
      .auth(c.screener.token, { type: 'bearer' })
      .expect(404);
  });

  it('lets a citizen follow and unfollow public reports and their own, and answers 404 for the rest', async () => {
    const fan = await citizen(t, 'Lê Văn Theo');
    const pub = await file(c.reporter.token, c.category.id, spot(7), ACCENTED);
    const priv = await file(c.reporter.token, c.category.id, spot(7), ACCENTED, { isPublic: false });
    await screen(pub, priv);
    const follow = (id: string, token = fan.token) =>
      t.http().post(`/api/v1/reports/${id}/follow`).auth(token, { type: 'bearer' });
    const mine = async () =>
      (await t.http().get('/api/v1/reports/mine').auth(fan.token, { type: 'bearer' }).expect(200)).body.items.map(
        (r: { id: string }) => r.id,
      );

    expect((await follow(pub.id).expect(200)).body).toEqual({ reportId: pub.id, following: true });
    await follow(pub.id).expect(200);
    expect(await mine()).toEqual([pub.id]);
    expect((await follow(priv.id).expect(404)).body.code).toBe('NOT_FOUND');
    await follow(c.category.id).expect(404);
    await follow(priv.id, c.reporter.token).expect(200);
    await follow(pub.id, c.screener.token).expect(403);
    const un = await t
      .http()
      .delete(`/api/v1/reports/${pub.id}/follow`)
      .auth(fan.token, { type: 'bearer' })
      .expect(200);
    expect(un.body).toEqual({ reportId: pub.id, following: false });
    expect(await mine()).toEqual([]);
    await t.http().delete(`/api/v1/reports/${priv.id}/follow`).auth(fan.token, { type: 'bearer' }).expect(404);
  });

  it("tells the duplicate's reporter the master's result", async () => {
    const p = spot(8);
    const master = await file(c.reporter.token, c.category.id, p, ACCENTED);
    const dup = await file(c.otherCitizen.token, c.category.id, north(p, 30), PLAIN);
    expect(ids(await candidates(dup.id))).toEqual([master.id]);
    await act(c.screener.token, dup.id, 'mark-duplicate', { duplicateOfId: master.id });
    expect(
      await t.db.query(`SELECT via FROM report_followers WHERE report_id = $1 AND user_id = $2`, [
        master.id,
        c.otherCitizen.id,
      ]),
    ).toEqual([{ via: 'duplicate' }]);
    // A cancelled duplicate is no master: it leaves the master's list.
    expect(await candidates(master.id)).toEqual([]);

    await act(c.screener.token, master.id, 'assign', { agencyId: c.agencyA.id });
    await act(c.officerA.token, master.id, 'acknowledge');
    await act(c.officerA.token, master.id, 'submit-result', { text: 'Đã vá ổ gà' });
    await act(c.screener.token, master.id, 'approve-result');

    const inbox = await eventually(async () => {
      const rows = await t.db.query(
        `SELECT type FROM notifications WHERE user_id = $1 AND report_id = $2 AND type = 'report.result_approved'`,
        [c.otherCitizen.id, master.id],
      );
      return rows.length ? rows : null;
    });
    expect(inbox).toHaveLength(1);
    const seen = await t
      .http()
      .get(`/api/v1/reports/${master.id}`)
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(200);
    expect(seen.body).toMatchObject({ status: 'resolved', result: { text: 'Đã vá ổ gà' } });
    expect(seen.body).not.toHaveProperty('reporter');
  });

  describe('routing', () => {
    const ward = { lat: 22.0, lng: 105.9 };
    let wardAgency: { id: string };
    let province: { id: string };
    let fallback: { id: string };
    const put = (id: string, body: unknown, token = c.admin.token) =>
      t
        .http()
        .put(`/api/v1/admin/agencies/${id}/jurisdiction`)
        .auth(token, { type: 'bearer' })
        .send(body as object);

    beforeAll(async () => {
      wardAgency = await agency(t, 'UBND phường Phan Đình Phùng');
      province = await agency(t, 'UBND tỉnh Thái Nguyên');
      fallback = await agency(t, 'Sở Giao thông vận tải');
      await put(wardAgency.id, square(ward, 0.005)).expect(200);
      await put(province.id, {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: square(ward, 0.05) }],
      }).expect(200);
    });

    it('suggests the ward whose polygon contains the point, else the province, else the default agency', async () => {
      const cat = await category(t, { defaultAgencyId: fallback.id });
      const inWard = await file(c.reporter.token, cat.id, ward, ACCENTED);
      const inProvince = await file(c.reporter.token, cat.id, north(ward, 3000), ACCENTED);
      const outside = await file(c.reporter.token, cat.id, north(ward, 20_000), ACCENTED);
      const view = async (id: string) =>
        (await t.http().get(`/api/v1/reports/${id}`).auth(c.screener.token, { type: 'bearer' }).expect(200)).body;
      expect((await view(inWard.id)).suggestedAgencyId).toBe(wardAgency.id);
      expect((await view(inProvince.id)).suggestedAgencyId).toBe(province.id);
      expect((await view(outside.id)).suggestedAgencyId).toBe(fallback.id);
      // Not assigned: this category did not opt in.
      expect((await analysed(inWard.id)).result.autoAssign).toEqual({ assign: false, reason: 'not_enabled' });
      expect(await statusOf(inWard.id)).toEqual({ status: 'received', agency_id: null });
    });

    it('refuses an open ring, a self-intersecting bow-tie and a wrong type with 400', async () => {
      const open = {
        type: 'Polygon',
        coordinates: [
          [
            [105.9, 22.1],
            [105.91, 22.1],
            [105.91, 22.11],
            [105.9, 22.11],
          ],
        ],
      };
      const bowTie = {
        type: 'Polygon',
        coordinates: [
          [
            [105.9, 22.1],
            [105.91, 22.11],
            [105.91, 22.1],
            [105.9, 22.11],
            [105.9, 22.1],
          ],
        ],
      };
      const point = { type: 'Point', coordinates: [105.9, 22.1] };
      for (const body of [open, bowTie, point]) {
        const res = await put(fallback.id, body).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details.fields.geometry).toHaveLength(1);
      }
      expect((await put(fallback.id, bowTie).expect(400)).body.details.fields.geometry[0]).toMatch(
        /self-intersection/i,
      );
      await put(fallback.id, square(ward, 0.001), c.screener.token).expect(403);
      expect(
        (await t.db.query(`SELECT jurisdiction IS NULL AS empty FROM agencies WHERE id = $1`, [fallback.id]))[0].empty,
      ).toBe(true);
    });

    it('auto-assigns an unambiguous suggestion as the system, and leaves a tie to the screener', async () => {
      const auto = await category(t, { defaultAgencyId: fallback.id, autoAssign: true });
      const inWard = await file(c.reporter.token, auto.id, ward, ACCENTED);
      const outside = await file(c.reporter.token, auto.id, north(ward, 20_000), ACCENTED);
      expect((await analysed(inWard.id)).result.autoAssign).toMatchObject({
        assign: true,
        agencyId: wardAgency.id,
        basis: 'jurisdiction',
      });
      expect(await statusOf(inWard.id)).toEqual({ status: 'assigned', agency_id: wardAgency.id });
      const [event] = await t.db.query(
        `SELECT actor_id, actor_roles FROM report_events WHERE report_id = $1 AND type = 'report.assigned'`,
        [inWard.id],
      );
      expect(event).toEqual({ actor_id: null, actor_roles: ['system'] });
      expect((await analysed(outside.id)).result.autoAssign).toMatchObject({
        assign: true,
        agencyId: fallback.id,
        basis: 'default_agency',
      });
      expect(await statusOf(outside.id)).toEqual({ status: 'assigned', agency_id: fallback.id });

      // Two agencies given the same polygon: which one owns the point is a person's call.
      const twinSpot = north(ward, 50_000);
      for (const name of ['UBND xã A', 'UBND xã B'])
        await put((await agency(t, name)).id, square(twinSpot, 0.01)).expect(200);
      const tie = await file(c.reporter.token, auto.id, twinSpot, ACCENTED);
      expect((await analysed(tie.id)).result.autoAssign).toEqual({ assign: false, reason: 'tie' });
      expect((await statusOf(tie.id)).status).toBe('received');
    });
  });
});

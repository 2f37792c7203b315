import { defaultSla, type WorkingCalendar } from '@app/calendar';
import { CalendarService } from '@app/reference';
import { THAI_NGUYEN_COMMUNES_CSV } from '../../../libs/database/src/seed/data/thai-nguyen-communes';
import { agency, cast, category, reportBody } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

// Reclassification by the centre (docs/domain.md#reclassification), through the real routes: the running deadlines
// take the new category's or priority's SLA in working time (checked against the working calendar the server
// uses, holidays and announced swaps included), routing suggests again without moving the case, the timeline
// records old → new, and closed cases, unknown values and non-centre callers are refused.

jest.setTimeout(120_000);

const MINUTE = 60_000;
/** Within a few seconds: the server's `now` falls between the request's start and end. */
const SLACK_MS = 5_000;

describe('reclassify (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let office: WorkingCalendar;
  /** The cast's category (default office SLA, routed to agency A) and one with longer screening and resolution. */
  let roads: { id: string };
  let lights: { id: string };
  let emergency: { id: string };

  const http = () => t.http();
  const act = (token: string, id: string, body: object, slug = 'reclassify') =>
    http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token, { type: 'bearer' }).send(body);
  const view = async (id: string, token = c.screener.token) =>
    (await http().get(`/api/v1/reports/${id}`).auth(token, { type: 'bearer' }).expect(200)).body;
  const file = async (categoryId = roads.id, over: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(categoryId, over))
        .expect(201)
    ).body as { id: string; dueAt: string; suggestedAgencyId: string };
  const at = (iso: string) => new Date(iso);
  const timeline = async (id: string, token = c.screener.token) =>
    (await http().get(`/api/v1/reports/${id}/timeline`).auth(token, { type: 'bearer' }).expect(200)).body as Array<{
      type: string;
      internal: boolean;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    roads = c.category;
    const sla = defaultSla('office');
    // 900 more working minutes to screen (two office days) and 450 more to resolve; it opts in to auto-assignment,
    // which must still not move a reclassified case.
    lights = await category(t, {
      name: 'Điện – chiếu sáng',
      defaultAgencyId: c.agencyB.id,
      autoAssign: true,
      sla: {
        ...sla,
        normal: {
          ...sla.normal,
          screeningMinutes: sla.normal.screeningMinutes + 900,
          resolutionMinutes: sla.normal.resolutionMinutes + 450,
        },
      },
    });
    emergency = await category(t, { name: 'Thiên tai – khẩn cấp', calendar: '24x7', defaultAgencyId: c.agencyA.id });
    office = await t.app.get(CalendarService).calendar('office');
  });
  afterAll(() => t.close());

  it('a category with another SLA moves the deadline by the difference in working time, and suggests again', async () => {
    const r = await file();
    const before = at((await view(r.id)).dueAt);
    const res = await act(c.screener.token, r.id, { categoryId: lights.id, reason: 'Đèn đường hỏng, không phải ổ gà' });
    expect(res.status).toBe(200);
    const after = at(res.body.dueAt);
    // Exactly 900 more working minutes of the office calendar (weekends, nights, holidays and swaps skipped) …
    expect(Math.abs(after.getTime() - office.addWorkingMinutes(before, 900).getTime())).toBeLessThan(SLACK_MS);
    expect(office.workingMinutesBetween(before, after)).toBeCloseTo(900, 0);
    // … which is longer than 900 minutes of the clock: two office days span at least a night.
    expect(after.getTime() - before.getTime()).toBeGreaterThan(900 * MINUTE);
    expect(res.body).toMatchObject({
      categoryId: lights.id,
      stage: 'screening',
      status: 'received',
      agencyId: null,
      suggestedAgencyId: c.agencyB.id,
    });
    const [event] = (await timeline(r.id)).filter((e) => e.type === 'report.reclassified');
    expect(event).toMatchObject({
      internal: true,
      data: {
        category: { from: roads.id, to: lights.id },
        priority: null,
        location: null,
        commune: null,
        suggestedAgencyId: { from: c.agencyA.id, to: c.agencyB.id },
        reason: 'Đèn đường hỏng, không phải ổ gà',
      },
    });
    expect((await timeline(r.id, c.reporter.token)).map((e) => e.type)).not.toContain('report.reclassified');
    // The suggestion is the screener's to follow: the case waits, unassigned, although the category auto-assigns.
    const [row] = await t.db.query(`SELECT status, agency_id, suggested_agency_id FROM reports WHERE id = $1`, [r.id]);
    expect(row).toEqual({ status: 'received', agency_id: null, suggested_agency_id: c.agencyB.id });
  });

  it('urgent leaves what the urgent SLA allows, less the working time already used', async () => {
    const r = await file();
    const asked = new Date();
    const res = await act(c.screener.token, r.id, { priority: 'urgent' }).expect(200);
    expect(res.body.priority).toBe('urgent');
    // 30 working minutes to screen an urgent report, of which the seconds since filing are used.
    const left = office.workingMinutesBetween(asked, at(res.body.dueAt));
    expect(left).toBeLessThanOrEqual(30.01);
    expect(left).toBeGreaterThan(29);
  });

  it('an assigned case keeps its acknowledgement deadline and its agency; the resolution deadline takes the new SLA', async () => {
    const r = await file();
    const assigned = (await act(c.screener.token, r.id, { agencyId: c.agencyA.id }, 'assign').expect(200)).body;
    const res = await act(c.screener.token, r.id, { categoryId: lights.id }).expect(200);
    expect(res.body).toMatchObject({ agencyId: c.agencyA.id, status: 'assigned', stage: 'acknowledge' });
    expect(res.body.dueAt).toBe(assigned.dueAt);
    const resolution = office.addWorkingMinutes(at(assigned.resolutionDueAt), 450);
    expect(Math.abs(at(res.body.resolutionDueAt).getTime() - resolution.getTime())).toBeLessThan(SLACK_MS);
  });

  it('a category with the 24x7 calendar counts the time left in elapsed minutes', async () => {
    const r = await file();
    const before = at((await view(r.id)).dueAt);
    const asked = new Date();
    const res = await act(c.screener.token, r.id, { categoryId: emergency.id }).expect(200);
    // The same 480 screening minutes: what was left of them in office time, now counted around the clock.
    const leftOffice = office.workingMinutesBetween(asked, before);
    const elapsed = (at(res.body.dueAt).getTime() - asked.getTime()) / MINUTE;
    expect(Math.abs(elapsed - leftOffice)).toBeLessThan(SLACK_MS / MINUTE);
  });

  it("a new point brings the commune it lies in and that ward's agency as the suggestion", async () => {
    const ward = { lat: 21.2, lng: 105.7 };
    const admin = (method: 'put' | 'patch' | 'post', path: string, body: object) =>
      http()[method](path).auth(c.admin.token, { type: 'bearer' }).send(body);
    await http()
      .post('/api/v1/admin/communes/import')
      .auth(c.admin.token, { type: 'bearer' })
      .attach('file', Buffer.from(THAI_NGUYEN_COMMUNES_CSV, 'utf8'), 'communes.csv')
      .expect(200);
    const wardAgency = await agency(t, 'UBND phường Gia Sàng');
    await admin('patch', `/api/v1/admin/agencies/${wardAgency.id}`, { communeCode: '90004' }).expect(200);
    const d = 0.01;
    await admin('put', `/api/v1/admin/agencies/${wardAgency.id}/jurisdiction`, {
      type: 'Polygon',
      coordinates: [
        [
          [ward.lng - d, ward.lat - d],
          [ward.lng + d, ward.lat - d],
          [ward.lng + d, ward.lat + d],
          [ward.lng - d, ward.lat + d],
          [ward.lng - d, ward.lat - d],
        ],
      ],
    }).expect(200);
    const located = await category(t, { defaultAgencyId: c.agencyA.id, locationBound: true });

    const r = await file(located.id);
    const before = await view(r.id);
    const res = await act(c.screener.token, r.id, { location: ward }).expect(200);
    expect(res.body).toMatchObject({ location: ward, communeCode: '90004', suggestedAgencyId: wardAgency.id });
    // The point moved, nothing that sets a deadline did: the deadline stays.
    expect(res.body.dueAt).toBe(before.dueAt);
    const [event] = (await timeline(r.id)).filter((e) => e.type === 'report.reclassified');
    expect(event.data).toMatchObject({
      location: { from: before.location, to: ward },
      commune: { from: before.communeCode, to: '90004' },
      suggestedAgencyId: { from: c.agencyA.id, to: wardAgency.id },
    });
    const unknown = await act(c.screener.token, r.id, { communeCode: '00000' });
    expect([unknown.status, unknown.body.details.fields]).toEqual([400, { communeCode: ['no such commune'] }]);
  });

  it('corrects the commune and the typed address of a case the centre placed without a point', async () => {
    await http()
      .post('/api/v1/admin/communes/import')
      .auth(c.admin.token, { type: 'bearer' })
      .attach('file', Buffer.from(THAI_NGUYEN_COMMUNES_CSV, 'utf8'), 'communes.csv')
      .expect(200);
    const placed = await http()
      .post('/api/v1/reports')
      .auth(c.operator.token, { type: 'bearer' })
      .send({ ...reportBody(roads.id), location: undefined, communeCode: '90001', address: 'Tổ 3, đường Bến Oánh' })
      .expect(201);
    const id = placed.body.id as string;
    const res = await act(c.screener.token, id, { communeCode: '90004', address: 'Số 5, tổ 7, phường Gia Sàng' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ communeCode: '90004', address: 'Số 5, tổ 7, phường Gia Sàng', location: null });
    const [event] = (await timeline(id)).filter((e) => e.type === 'report.reclassified');
    expect(event.data).toMatchObject({
      commune: { from: '90001', to: '90004' },
      address: { from: 'Tổ 3, đường Bến Oánh', to: 'Số 5, tổ 7, phường Gia Sàng' },
    });
    // The same address again changes nothing.
    const same = await act(c.screener.token, id, { address: 'Số 5, tổ 7, phường Gia Sàng' });
    expect([same.status, same.body.details.reason]).toEqual([409, 'no_change']);
  });

  it('refuses closed cases, unknown or unchanged values, bad bodies and whoever is not a screener', async () => {
    const closed = await file();
    await act(c.screener.token, closed.id, { agencyId: c.agencyA.id }, 'assign').expect(200);
    await act(c.officerA.token, closed.id, {}, 'acknowledge').expect(200);
    await act(c.officerA.token, closed.id, { text: 'Đã vá' }, 'submit-result').expect(200);
    await act(c.screener.token, closed.id, {}, 'approve-result').expect(200);
    await act(c.screener.token, closed.id, {}, 'close').expect(200);
    const late = await act(c.screener.token, closed.id, { priority: 'urgent' });
    expect([late.status, late.body.code, late.body.details.currentStatus]).toEqual([
      409,
      'INVALID_TRANSITION',
      'closed',
    ]);
    expect((await view(closed.id)).allowedActions).not.toContain('reclassify');

    const r = await file();
    expect((await view(r.id)).allowedActions).toContain('reclassify');
    const same = await act(c.screener.token, r.id, { categoryId: roads.id, priority: 'normal' });
    expect([same.status, same.body.details.reason]).toEqual([409, 'no_change']);
    const unknown = await act(c.screener.token, r.id, { categoryId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    for (const body of [{}, { priority: 'critical' }, { location: { lat: 48.85, lng: 2.35 } }, { location: 'here' }]) {
      expect([JSON.stringify(body), (await act(c.screener.token, r.id, body)).status]).toEqual([
        JSON.stringify(body),
        400,
      ]);
    }
    for (const who of [c.leader, c.operator, c.reporter]) {
      const res = await act(who.token, r.id, { priority: 'urgent' });
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    await act(c.screener.token, r.id, { agencyId: c.agencyA.id }, 'assign').expect(200);
    const officer = await act(c.officerA.token, r.id, { priority: 'urgent' });
    expect([officer.status, officer.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await act(c.officerB.token, r.id, { priority: 'urgent' })).status).toBe(404);
  });

  it('two screeners making the same correction at once: one changes it, the other finds it done (409)', async () => {
    const r = await file();
    const raced = await Promise.all([c.screener, c.screener].map((s) => act(s.token, r.id, { categoryId: lights.id })));
    expect(raced.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(raced.find((x) => x.status === 409)!.body.details.reason).toBe('no_change');
    expect((await timeline(r.id)).filter((e) => e.type === 'report.reclassified')).toHaveLength(1);
  });
});

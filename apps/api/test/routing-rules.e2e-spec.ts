import type { INestApplicationContext } from '@nestjs/common';
import { CalendarService } from '@app/reference';
import { agency, cast, category, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

// Routing rules (docs/domain.md#routing-rules) through the real routes: the admin's table and its checks, the
// screening suggestion with the rule that matched and why, office hours from the working calendar, the fallback
// to jurisdictions and the default agency, reclassification, and the worker's auto-assignment by rule.

jest.setTimeout(120_000);

/** A commune of this file's own (the test database is shared by the files of one Jest worker). */
const COMMUNE = '98801';
const OTHER_COMMUNE = '98802';

describe('routing rules (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let unit: { id: string };
  let night: { id: string };
  const ruleIds: string[] = [];

  const admin = (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object, token = c.admin.token) => {
    const req = t.http()[method](`/api/v1/admin/routing-rules${path}`).auth(token, { type: 'bearer' });
    return body ? req.send(body) : req;
  };
  const createRule = async (body: object) => {
    const res = await admin('post', '', body).expect(201);
    ruleIds.push(res.body.id);
    return res.body as { id: string; name: string };
  };
  const file = async (categoryId: string, communeCode: string) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(categoryId, { communeCode }))
        .expect(201)
    ).body as { id: string };
  const staffView = async (id: string) =>
    (await t.http().get(`/api/v1/reports/${id}`).auth(c.screener.token, { type: 'bearer' }).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    await t.db.query(
      `INSERT INTO communes (code, name, kind, province_code, province_name)
       VALUES ($1, 'Phường Thử Quy Tắc', 'phuong', '98', 'Tỉnh Thử'), ($2, 'Xã Thử Quy Tắc', 'xa', '98', 'Tỉnh Thử')
       ON CONFLICT (code) DO NOTHING`,
      [COMMUNE, OTHER_COMMUNE],
    );
    [unit, night] = await Promise.all([agency(t, 'Tổ Quản lý đô thị'), agency(t, 'Đội trực đêm')]);
  });
  afterAll(async () => {
    // Rules are global: none of this file's may route another file's reports.
    if (ruleIds.length) await t?.db.query(`DELETE FROM routing_rules WHERE id = ANY($1)`, [ruleIds]);
    await t?.close();
  });

  it('lets the admin list, create, change and delete rules, refusing bad ones with a stable code', async () => {
    const rule = await createRule({
      name: 'Chiếu sáng phường thử',
      position: 5,
      categoryId: c.category.id,
      communeCode: OTHER_COMMUNE,
      agencyId: unit.id,
    });
    expect(rule).toMatchObject({ hours: 'any', isActive: true, categoryGroup: null, position: 5 });
    const changed = await admin('patch', `/${rule.id}`, { hours: 'off_hours', isActive: false }).expect(200);
    expect(changed.body).toMatchObject({ hours: 'off_hours', isActive: false, agencyId: unit.id });
    const listed = await admin('get', '').expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(rule.id);

    const bad = async (body: object, reason: string) => {
      const res = await admin('post', '', { name: 'x', agencyId: unit.id, ...body });
      expect([res.status, res.body.code, res.body.details?.reason]).toEqual([400, 'VALIDATION_FAILED', reason]);
    };
    await bad({ categoryId: c.category.id, categoryGroup: 'ha-tang' }, 'category_and_group');
    await bad({ communeCode: '98899' }, 'unknown_commune');
    await bad({ agencyId: '00000000-0000-4000-8000-000000000000' }, 'unknown_agency');
    const shape = await admin('post', '', { name: '', agencyId: unit.id, hours: 'sometimes' });
    expect([shape.status, shape.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // Only the admin.
    for (const who of [c.screener, c.leader, c.leaderA])
      expect((await admin('get', '', undefined, who.token)).status).toBe(403);

    await admin('delete', `/${rule.id}`).expect(204);
    await admin('delete', `/${rule.id}`).expect(404);
    await admin('patch', `/${rule.id}`, { name: 'y' }).expect(404);
  });

  it("suggests the first matching rule's agency and says which rule and why; without a match, today's routing", async () => {
    const cat = await category(t, { defaultAgencyId: c.agencyB.id });
    const office = await t.app.get(CalendarService).calendar('office');
    const inOffice = (at: Date) => office.workingMinutesBetween(at, new Date(at.getTime() + 60_000)) > 0;
    const byCommune = await createRule({
      name: 'Phường thử',
      position: 10,
      categoryId: cat.id,
      communeCode: COMMUNE,
      agencyId: unit.id,
    });
    // Ordered: a rule tried earlier for the same category and commune wins, in its hours only.
    const officeRule = await createRule({
      name: 'Trong giờ',
      position: 1,
      categoryId: cat.id,
      communeCode: COMMUNE,
      hours: 'office',
      agencyId: c.agencyA.id,
    });
    const nightRule = await createRule({
      name: 'Ngoài giờ',
      position: 2,
      categoryId: cat.id,
      communeCode: COMMUNE,
      hours: 'off_hours',
      agencyId: night.id,
    });

    const before = new Date();
    const filed = await file(cat.id, COMMUNE);
    const after = new Date();
    const view = await staffView(filed.id);
    // The filing moment is between the two readings; at an office-hours boundary both answers are right.
    const expected = [inOffice(before), inOffice(after)].map((o) =>
      o
        ? {
            agencyId: c.agencyA.id,
            rule: {
              id: officeRule.id,
              name: 'Trong giờ',
              reason: `đúng lĩnh vực, đúng địa bàn (mã xã, phường ${COMMUNE}), trong giờ hành chính`,
            },
          }
        : {
            agencyId: night.id,
            rule: {
              id: nightRule.id,
              name: 'Ngoài giờ',
              reason: `đúng lĩnh vực, đúng địa bàn (mã xã, phường ${COMMUNE}), ngoài giờ hành chính`,
            },
          },
    );
    expect(expected).toContainEqual({ agencyId: view.suggestedAgencyId, rule: view.suggestionRule });

    // Without the timed rules, the commune's rule.
    await admin('patch', `/${officeRule.id}`, { isActive: false }).expect(200);
    await admin('patch', `/${nightRule.id}`, { isActive: false }).expect(200);
    const second = await staffView((await file(cat.id, COMMUNE)).id);
    expect([second.suggestedAgencyId, second.suggestionRule]).toEqual([
      unit.id,
      { id: byCommune.id, name: 'Phường thử', reason: `đúng lĩnh vực, đúng địa bàn (mã xã, phường ${COMMUNE})` },
    ]);
    // Another commune: no rule, the category's default agency (its place is in no jurisdiction), no rule named.
    const elsewhere = await staffView((await file(cat.id, OTHER_COMMUNE)).id);
    expect([elsewhere.suggestedAgencyId, elsewhere.suggestionRule]).toEqual([c.agencyB.id, null]);
    // The reporter never sees the routing.
    const own = await t
      .http()
      .get(`/api/v1/reports/${filed.id}`)
      .auth(c.reporter.token, { type: 'bearer' })
      .expect(200);
    expect(own.body).not.toHaveProperty('suggestionRule');

    // Reclassified into another commune, the suggestion and its explanation follow; the case does not move.
    const moved = await t
      .http()
      .post(`/api/v1/reports/${second.id}/actions/reclassify`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ communeCode: OTHER_COMMUNE, reason: 'Sai địa bàn' })
      .expect(200);
    expect([moved.body.suggestedAgencyId, moved.body.suggestionRule, moved.body.status]).toEqual([
      c.agencyB.id,
      null,
      'received',
    ]);
  });

  it('auto-assigns by a matching rule in the worker, the timeline naming the rule', async () => {
    const worker: INestApplicationContext = await startWorker();
    try {
      const auto = await category(t, { defaultAgencyId: c.agencyB.id, autoAssign: true, groupCode: 'thu-quy-tac' });
      await createRule({ name: 'Nhóm thử về tổ', position: 20, categoryGroup: 'thu-quy-tac', agencyId: unit.id });
      const filed = await file(auto.id, COMMUNE);
      const row = await eventually(async () => {
        const [r] = await t.db.query(`SELECT status, agency_id AS "agencyId" FROM reports WHERE id = $1`, [filed.id]);
        return r.status === 'assigned' ? r : null;
      }, 20_000);
      expect(row.agencyId).toBe(unit.id);
      const timeline = (
        await t
          .http()
          .get(`/api/v1/reports/${filed.id}/timeline`)
          .auth(c.screener.token, { type: 'bearer' })
          .expect(200)
      ).body as Array<{ type: string; data: { note?: string } }>;
      expect(timeline.find((e) => e.type === 'report.assigned')?.data.note).toBe(
        'Tự động chuyển xử lý theo quy tắc phân phối "Nhóm thử về tổ"',
      );
    } finally {
      await worker.close();
    }
  });
});

import { THAI_NGUYEN_COMMUNES_CSV } from '../../../libs/database/src/seed/data/thai-nguyen-communes';
import { seed } from '../../../libs/database/src/seed/seed';
import { agency, cast, category, nextPhone, reportBody } from './support/fixtures';
import { createTestApp, eventually, startWorker, TestApp } from './support/test-app';

// The communes (docs/domain.md#communes-and-addresses): the admin's import of the official list, staff's search
// without accents, a point's commune by the agencies' jurisdictions, and reports filed with a commune and an
// address instead of a point.

const HEADER = 'code,name,kind,province_code,province_name';
const square = (c: { lat: number; lng: number }, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [c.lng - d, c.lat - d],
      [c.lng + d, c.lat - d],
      [c.lng + d, c.lat + d],
      [c.lng - d, c.lat + d],
      [c.lng - d, c.lat - d],
    ],
  ],
});

describe('communes (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const communeCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM communes`))[0].n as number;
  const importFile = (content: string | Buffer, token = c.admin.token, name = 'communes.csv') =>
    t
      .http()
      .post('/api/v1/admin/communes/import')
      .auth(token, { type: 'bearer' })
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  const get = (path: string, token: string) => t.http().get(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  describe('import', () => {
    it("loads the demo province's list, then a second import of it changes nothing", async () => {
      const first = await importFile(THAI_NGUYEN_COMMUNES_CSV).expect(200);
      expect(first.body).toEqual({ total: 92, created: 92, updated: 0, unchanged: 0 });
      const [{ updatedAt }] = await t.db.query(`SELECT max(updated_at) AS "updatedAt" FROM communes`);
      const again = await importFile(THAI_NGUYEN_COMMUNES_CSV).expect(200);
      expect(again.body).toEqual({ total: 92, created: 0, updated: 0, unchanged: 92 });
      expect((await t.db.query(`SELECT max(updated_at) AS "updatedAt" FROM communes`))[0].updatedAt).toEqual(updatedAt);
      const [row] = await t.db.query(
        `SELECT name, kind, province_code, province_name FROM communes WHERE code = '90001'`,
      );
      expect(row).toEqual({
        name: 'Phường Phan Đình Phùng',
        kind: 'phuong',
        province_code: '19',
        province_name: 'Thái Nguyên',
      });
    });

    it('updates what changed and creates what is new, from a UTF-8 file with a BOM and NFD text', async () => {
      const csv = `\uFEFF${HEADER}\r\n90002,${'Phường Linh Sơn Mới'.normalize('NFD')},phuong,19,Thái Nguyên\r\n99001,Xã Thử Nghiệm,xa,19,Thái Nguyên\r\n90003,Phường Tích Lương,phuong,19,Thái Nguyên\r\n`;
      const res = await importFile(csv).expect(200);
      expect(res.body).toEqual({ total: 3, created: 1, updated: 1, unchanged: 1 });
      const [row] = await t.db.query(`SELECT name FROM communes WHERE code = '90002'`);
      expect(row.name).toBe('Phường Linh Sơn Mới'.normalize('NFC'));
      await importFile(`${HEADER}\n90002,Phường Linh Sơn,phuong,19,Thái Nguyên\n`).expect(200);
    });

    it('takes a JSON array as the body, and a JSON file', async () => {
      const body = [
        { code: '99002', name: 'Đặc khu Thử', kind: 'dac_khu', provinceCode: '19', provinceName: 'Thái Nguyên' },
      ];
      const res = await t
        .http()
        .post('/api/v1/admin/communes/import')
        .auth(c.admin.token, { type: 'bearer' })
        .send(body)
        .expect(200);
      expect(res.body).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
      const file = await importFile(JSON.stringify([{ ...body[0], name: 'Đặc khu Thử Hai' }]), c.admin.token, 'x.json');
      expect(file.body).toEqual({ total: 1, created: 0, updated: 1, unchanged: 0 });
    });

    it('writes nothing when a row is bad, and says which rows on which lines', async () => {
      const before = await communeCount();
      const csv = [
        HEADER,
        '99100,Xã Mới Hợp Lệ,xa,19,Thái Nguyên',
        '90001,Phường Phan Đình Phùng Đổi Tên,phuong,19,Thái Nguyên',
        '9910,Xã Mã Ngắn Quá Nhưng Đệm Được,xa,19,Thái Nguyên',
        'x9911,Xã Sai Mã,xa,19,Thái Nguyên',
        '99112,Thị trấn Cũ,thị trấn,19,Thái Nguyên',
      ].join('\n');
      const res = await importFile(csv).expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          reason: 'invalid_rows',
          errorCount: 2,
          errors: [
            { line: 5, field: 'code', message: expect.any(String) },
            { line: 6, field: 'kind', message: expect.any(String) },
          ],
        },
      });
      expect(await communeCount()).toBe(before);
      expect(await t.db.query(`SELECT 1 FROM communes WHERE code IN ('99100', '09910')`)).toEqual([]);
      const [row] = await t.db.query(`SELECT name FROM communes WHERE code = '90001'`);
      expect(row.name).toBe('Phường Phan Đình Phùng');
    });

    it('refuses unreadable files, oversized files, and everyone but the admin', async () => {
      const before = await communeCount();
      const latin1 = Buffer.from(`${HEADER}\n99200,Xã Thử,xa,19,Thái Nguyên\n`, 'latin1');
      expect((await importFile(latin1).expect(400)).body.details.fields.file[0]).toMatch(/UTF-8/);
      await importFile('code,name\n99200,Xã Thử\n').expect(400);
      await t
        .http()
        .post('/api/v1/admin/communes/import')
        .auth(c.admin.token, { type: 'bearer' })
        .send({ code: '99200' })
        .expect(400);
      const huge = `${HEADER}\n${'99201,Xã Thử,xa,19,Thái Nguyên\n'.repeat(80_000)}`;
      expect((await importFile(huge).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
      for (const who of [c.screener, c.leader, c.officerA, c.reporter]) {
        expect((await importFile(`${HEADER}\n99200,Xã Thử,xa,19,Thái Nguyên\n`, who.token).expect(403)).body.code).toBe(
          'FORBIDDEN',
        );
      }
      await t.http().post('/api/v1/admin/communes/import').send([]).expect(401);
      expect(await communeCount()).toBe(before);
    });
  });

  describe('search', () => {
    it('finds names without accents or case, names before province matches, and pages', async () => {
      const res = await get('/api/v1/communes?q=PHUONG%20phan%20dinh%20phung', c.operator.token).expect(200);
      expect(res.body.items[0]).toEqual({
        code: '90001',
        name: 'Phường Phan Đình Phùng',
        kind: 'phuong',
        provinceCode: '19',
        provinceName: 'Thái Nguyên',
        agencyId: null,
      });
      expect(res.body.total).toBe(1);
      const duc = await get(`/api/v1/communes?q=${encodeURIComponent('đức')}`, c.screener.token).expect(200);
      expect(duc.body.items.map((i: { name: string }) => i.name)).toEqual(
        expect.arrayContaining(['Phường Đức Xuân', 'Xã Đức Lương']),
      );
      const byProvince = await get('/api/v1/communes?q=thai%20nguyen&pageSize=40', c.screener.token).expect(200);
      expect(byProvince.body.total).toBeGreaterThanOrEqual(92);
      const page2 = await get('/api/v1/communes?q=thai%20nguyen&pageSize=40&page=2', c.screener.token).expect(200);
      const codes = [...byProvince.body.items, ...page2.body.items].map((i: { code: string }) => i.code);
      expect(new Set(codes).size).toBe(80);
      expect(page2.body).toMatchObject({ page: 2, pageSize: 40, total: byProvince.body.total });
      const code = await get('/api/v1/communes?q=90004', c.officerA.token).expect(200);
      expect(code.body.items.map((i: { name: string }) => i.name)).toEqual(['Phường Gia Sàng']);
      expect((await get('/api/v1/communes?provinceCode=01', c.screener.token).expect(200)).body.total).toBe(0);
      expect((await get('/api/v1/communes?q=100%25', c.screener.token).expect(200)).body.total).toBe(0);
      expect((await get('/api/v1/communes/90004', c.screener.token).expect(200)).body.name).toBe('Phường Gia Sàng');
      await get('/api/v1/communes/00000', c.screener.token).expect(404);
      await get('/api/v1/communes?q=thai', c.reporter.token).expect(403);
      await get('/api/v1/communes?provinceCode=1', c.screener.token).expect(400);
    });
  });

  describe('resolve and intake', () => {
    const ward = { lat: 21.2, lng: 105.7 };
    const outside = { lat: 21.5, lng: 105.7 };
    let wardAgency: { id: string };
    let routed: { id: string };

    beforeAll(async () => {
      wardAgency = await agency(t, 'UBND phường Phan Đình Phùng');
      const admin = (method: 'put' | 'patch', path: string, body: object) =>
        t.http()[method](path).auth(c.admin.token, { type: 'bearer' }).send(body);
      await admin('patch', `/api/v1/admin/agencies/${wardAgency.id}`, { communeCode: '90001' }).expect(200);
      await admin('put', `/api/v1/admin/agencies/${wardAgency.id}/jurisdiction`, square(ward, 0.01)).expect(200);
      // The province around it stands for no commune: the ward's smaller area decides.
      const province = await agency(t, 'UBND tỉnh');
      await admin('put', `/api/v1/admin/agencies/${province.id}/jurisdiction`, square(ward, 0.5)).expect(200);
      routed = await category(t, { defaultAgencyId: c.agencyA.id, locationBound: true });
    });

    it('links one agency per commune', async () => {
      const other = await agency(t, 'UBND khác');
      const patch = (body: object) =>
        t.http().patch(`/api/v1/admin/agencies/${other.id}`).auth(c.admin.token, { type: 'bearer' }).send(body);
      expect((await patch({ communeCode: '90001' }).expect(409)).body.code).toBe('CONFLICT');
      expect((await patch({ communeCode: '00001' }).expect(400)).body.details.fields).toHaveProperty('communeCode');
      const listed = await get('/api/v1/communes/90001', c.screener.token).expect(200);
      expect(listed.body.agencyId).toBe(wardAgency.id);
    });

    it("resolves a point to the commune whose agency's jurisdiction holds it, and nothing outside", async () => {
      const inside = await get(`/api/v1/communes/resolve?lat=${ward.lat}&lng=${ward.lng}`, c.operator.token).expect(
        200,
      );
      expect(inside.body.commune).toMatchObject({ code: '90001', agencyId: wardAgency.id });
      const out = await get(`/api/v1/communes/resolve?lat=${outside.lat}&lng=${outside.lng}`, c.operator.token);
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ commune: null });
      await get('/api/v1/communes/resolve?lat=48.85&lng=2.35', c.operator.token).expect(400);
    });

    it("files a citizen's point with its commune, and routes it to the commune's agency", async () => {
      const res = await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(routed.id, { location: ward }))
        .expect(201);
      expect(res.body).toMatchObject({ communeCode: '90001', location: ward });
      const [row] = await t.db.query(`SELECT suggested_agency_id AS s FROM reports WHERE id = $1`, [res.body.id]);
      expect(row.s).toBe(wardAgency.id);
      const away = await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(routed.id, { location: outside }))
        .expect(201);
      expect(away.body.communeCode).toBeNull();
    });

    it('lets the hotline and the screener file with a commune and an address, without a point', async () => {
      const call = await t
        .http()
        .post('/api/v1/hotline/calls')
        .auth(c.operator.token, { type: 'bearer' })
        .send({
          callerPhone: nextPhone(),
          startedAt: new Date().toISOString(),
          outcome: 'new_report',
          report: {
            categoryId: routed.id,
            description: 'Cống thoát nước bị tắc, nước tràn ra đường',
            communeCode: '90001',
            address: 'Ngõ 12 đường Lương Ngọc Quyến',
          },
        })
        .expect(201);
      expect(call.body.report).toMatchObject({ location: null, communeCode: '90001', channel: 'hotline' });
      const [row] = await t.db.query(`SELECT suggested_agency_id AS s FROM reports WHERE id = $1`, [
        call.body.report.id,
      ]);
      expect(row.s).toBe(wardAgency.id);

      const filed = await t
        .http()
        .post('/api/v1/reports')
        .auth(c.screener.token, { type: 'bearer' })
        .send({ categoryId: routed.id, description: 'Đèn đường hỏng', communeCode: '90004', address: 'Tổ 5' })
        .expect(201);
      expect(filed.body).toMatchObject({ location: null, communeCode: '90004', address: 'Tổ 5', channel: 'web' });
      const seen = await get(`/api/v1/reports/${filed.body.id}`, c.leader.token).expect(200);
      expect(seen.body).toMatchObject({ location: null, communeCode: '90004' });
    });

    it('refuses a report without a place, a citizen without a point and an unknown commune, storing nothing', async () => {
      const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM reports`))[0].n as number;
      const before = await count();
      const post = (token: string, body: object) =>
        t.http().post('/api/v1/reports').auth(token, { type: 'bearer' }).send(body);
      const base = { categoryId: routed.id, description: 'Ổ gà' };
      const fields = async (token: string, body: object) =>
        Object.keys((await post(token, body).expect(400)).body.details.fields);
      expect(await fields(c.reporter.token, { ...base, communeCode: '90001', address: 'Tổ 1' })).toEqual(['location']);
      expect(await fields(c.screener.token, { ...base, address: 'Tổ 1' })).toEqual(['location']);
      expect(await fields(c.screener.token, { ...base, communeCode: '90001' })).toEqual(['address']);
      expect(await fields(c.screener.token, { ...base, communeCode: '00002', address: 'Tổ 1' })).toEqual([
        'communeCode',
      ]);
      expect(await fields(c.screener.token, { ...base, communeCode: 'abc', address: 'Tổ 1' })).toEqual(['communeCode']);
      expect(await count()).toBe(before);
    });

    it("filters the staff list by commune, and agency staff still see only their agency's cases", async () => {
      const list = await get('/api/v1/reports?communeCode=90004&pageSize=100', c.screener.token).expect(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items.map((r: { communeCode: string }) => r.communeCode)).toEqual(['90004']);
      const ward90001 = await get('/api/v1/reports?communeCode=90001&pageSize=100', c.screener.token).expect(200);
      expect(ward90001.body.total).toBe(2);
      expect(ward90001.body.items.every((r: { communeCode: string }) => r.communeCode === '90001')).toBe(true);
      const agencyView = await get('/api/v1/reports?communeCode=90001', c.officerB.token).expect(200);
      expect(agencyView.body.total).toBe(0);
      await get('/api/v1/reports?communeCode=1', c.screener.token).expect(400);
    });

    it("auto-assigns a report without a point to its commune's agency in the worker, with no duplicate scan by place", async () => {
      const worker = await startWorker();
      try {
        const auto = await category(t, { defaultAgencyId: c.agencyA.id, autoAssign: true });
        const filed = await t
          .http()
          .post('/api/v1/reports')
          .auth(c.screener.token, { type: 'bearer' })
          .send({ categoryId: auto.id, description: 'Cây đổ chắn ngang đường', communeCode: '90001', address: 'Tổ 7' })
          .expect(201);
        const row = await eventually(async () => {
          const [r] = await t.db.query(
            `SELECT status, agency_id AS "agencyId",
                    EXISTS (SELECT 1 FROM report_duplicate_scans s WHERE s.report_id = reports.id) AS scanned
               FROM reports WHERE id = $1`,
            [filed.body.id],
          );
          return r.status === 'assigned' && r.scanned ? r : null;
        }, 15_000);
        expect(row.agencyId).toBe(wardAgency.id);
        const candidates = await get(`/api/v1/reports/${filed.body.id}/duplicate-candidates`, c.screener.token);
        expect(candidates.status).toBe(200);
        expect(candidates.body).toEqual([]);
      } finally {
        await worker.close();
      }
    });
  });

  it("seeds the demo province's communes through the import's parser, twice, linking its wards where free", async () => {
    const env = { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'Admin@12345', DEMO_PASSWORD: 'Demo@12345' };
    await seed(t.db, env);
    await seed(t.db, env);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM communes WHERE code BETWEEN '90001' AND '90092'`);
    expect(n).toBe(92);
    const linked = await t.db.query(
      `SELECT code, commune_code AS "communeCode" FROM agencies WHERE code LIKE 'p-%' ORDER BY code`,
    );
    // 90001 was linked to another agency above: the seed leaves that link alone.
    expect(linked).toEqual([
      { code: 'p-gia-sang', communeCode: '90004' },
      { code: 'p-phan-dinh-phung', communeCode: null },
      { code: 'p-quyet-thang', communeCode: '90005' },
    ]);
    const demo = await get('/api/v1/communes/resolve?lat=21.57&lng=105.835', c.screener.token).expect(200);
    expect(demo.body.commune).toMatchObject({ code: '90004', name: 'Phường Gia Sàng' });
  });
});

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Response } from 'supertest';
import { REPEATED_ELEMENTS, Shape, shapeProblems, SHAPES } from '../../../libs/open311/src/testing/georeport-v2-shapes';
import { cast, category, citizen, nextPhone, reportBody, THAI_NGUYEN } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

type Fmt = 'xml' | 'json';
const FORMATS: Fmt[] = ['xml', 'json'];
// No house number: the public reads house numbers masked (docs/domain.md#privacy), this file checks the read-back.
const STREET = 'Đèn đường hỏng trước chợ Lương Ngọc Quyến';
const SPECIALS = `Cột "C-13" <gãy> & nghiêng 'nguy hiểm'`;
const BASE = '/open311/v2';
const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (n) => REPEATED_ELEMENTS.has(n),
});

/** The body of an Open311 response, after checking its content type and, for XML, that it is well-formed. */
function parse(res: Response, fmt: Fmt): any {
  expect(res.headers['content-type']).toBe(
    fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
  );
  if (fmt === 'json') return JSON.parse(res.text);
  expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(XMLValidator.validate(res.text)).toBe(true);
  return xml.parse(res.text);
}
const itemsOf = (parsed: any, fmt: Fmt, root: string, item: string): any[] =>
  fmt === 'json' ? parsed : parsed[root] === '' ? [] : parsed[root][item];
const conforms = (parsed: unknown, fmt: Fmt, root: string, shape: Shape, item?: string) =>
  expect(shapeProblems(parsed, fmt, root, shape, item)).toEqual([]);
/** An Open311 error: the status, the spec's errors body with that code, and its description. */
function errorOf(res: Response, fmt: Fmt, status: number): string {
  expect(res.status).toBe(status);
  const parsed = parse(res, fmt);
  conforms(parsed, fmt, 'errors', SHAPES.error, 'error');
  const [error] = itemsOf(parsed, fmt, 'errors', 'error');
  expect(String(error.code)).toBe(String(status));
  return error.description;
}
/** application/x-www-form-urlencoded, UTF-8 percent-encoded, built by hand so nothing else re-encodes it. */
const form = (fields: Record<string, string | string[]>) =>
  Object.entries(fields)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join('&');

describe('Open311 GeoReport v2 (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let lights: Awaited<ReturnType<typeof category>>;
  let key: string;
  let otherKey: string;

  const post = (path: string, fields: Record<string, string | string[]>) =>
    t.http().post(`${BASE}/${path}`).set('content-type', 'application/x-www-form-urlencoded').send(form(fields));
  const get = (path: string) => t.http().get(`${BASE}/${path}`);
  const asScreener = (path: string) => t.http().get(path).auth(c.screener.token, { type: 'bearer' });
  const act = (id: string, action: string, body: object) =>
    t
      .http()
      .post(`/api/v1/reports/${id}/actions/${action}`)
      .auth(c.screener.token, { type: 'bearer' })
      .send(body)
      .expect(200);
  const newKey = async (name: string) =>
    (await t.http().post('/api/v1/admin/api-keys').auth(c.admin.token, { type: 'bearer' }).send({ name }).expect(201))
      .body;
  const baseFields = (over: Record<string, string | string[]> = {}) => ({
    api_key: key,
    service_code: lights.code,
    lat: String(THAI_NGUYEN.lat),
    long: String(THAI_NGUYEN.lng),
    description: STREET,
    'attribute[pole]': 'C-12',
    ...over,
  });
  /**
   * Files a request through Open311 and returns its service_request_id; the centre screens it (assigns it) unless
   * told not to, since nothing is public before screening (docs/domain.md#privacy).
   */
  const file = async (over: Record<string, string | string[]> = {}, fmt: Fmt = 'json', screened = true) => {
    const res = await post(`requests.${fmt}`, baseFields(over)).expect(201);
    const id = itemsOf(parse(res, fmt), fmt, 'service_requests', 'request')[0].service_request_id as string;
    if (screened) await act(id, 'assign', { agencyId: c.agencyA.id });
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    lights = await category(t, {
      name: 'Điện – chiếu sáng',
      groupCode: 'ha-tang',
      defaultAgencyId: c.agencyA.id,
      attributes: [
        { code: 'pole', datatype: 'string', required: true, description: 'Số hiệu cột đèn' },
        {
          code: 'kind',
          datatype: 'singlevaluelist',
          required: false,
          description: 'Loại đèn',
          values: [
            { key: 'led', name: 'Đèn LED' },
            { key: 'sodium', name: 'Đèn cao áp' },
          ],
        },
      ],
    });
    key = (await newKey('LGSP Thái Nguyên')).key;
    otherKey = (await newKey('Hệ thống PAKN')).key;
  });
  afterAll(() => t.close());

  it.each(FORMATS)('discovery.%s names this endpoint and both formats', async (fmt) => {
    const parsed = parse(await get(`discovery.${fmt}`).expect(200), fmt);
    conforms(parsed, fmt, 'discovery', SHAPES.discovery);
    const endpoint = fmt === 'json' ? parsed.endpoints[0] : parsed.discovery.endpoints.endpoint[0];
    expect(endpoint.url).toMatch(/\/open311\/v2$/);
    expect(fmt === 'json' ? endpoint.formats : endpoint.formats.format).toEqual(['text/xml', 'application/json']);
  });

  it.each(FORMATS)('services.%s lists the categories; services/{code} defines their attributes', async (fmt) => {
    const services = itemsOf(parse(await get(`services.${fmt}`).expect(200), fmt), fmt, 'services', 'service');
    expect(
      shapeProblems(
        fmt === 'json' ? services : { services: { service: services } },
        fmt,
        'services',
        SHAPES.service,
        'service',
      ),
    ).toEqual([]);
    const byCode = new Map(services.map((s) => [s.service_code, s]));
    expect(byCode.get(lights.code)).toMatchObject({
      service_name: 'Điện – chiếu sáng',
      group: 'ha-tang',
      metadata: fmt === 'xml' ? 'true' : true,
    });
    expect(byCode.get(c.category.code)).toMatchObject({ metadata: fmt === 'xml' ? 'false' : false });

    const def = parse(await get(`services/${lights.code}.${fmt}`).expect(200), fmt);
    conforms(def, fmt, 'service_definition', SHAPES.serviceDefinition);
    const attrs = fmt === 'json' ? def.attributes : def.service_definition.attributes.attribute;
    expect(attrs.map((a: any) => [a.code, String(a.required), String(a.order)])).toEqual([
      ['pole', 'true', '1'],
      ['kind', 'false', '2'],
    ]);
    expect((fmt === 'json' ? attrs[1].values : attrs[1].values.value).map((v: any) => v.key)).toEqual([
      'led',
      'sodium',
    ]);
    const plain = parse(await get(`services/${c.category.code}.${fmt}`).expect(200), fmt);
    expect(fmt === 'json' ? plain.attributes : plain.service_definition.attributes).toEqual(fmt === 'json' ? [] : '');

    expect(errorOf(await get(`services/khong-co.${fmt}`), fmt, 404)).toContain('khong-co');
  });

  it('files a Vietnamese form POST that reads back exactly from the XML GET and enters the workflow as open311', async () => {
    const phone = nextPhone();
    const res = await post(
      'requests.xml',
      baseFields({
        'attribute[kind]': 'led',
        phone,
        first_name: 'Nguyễn',
        last_name: 'Văn An',
        email: 'an@example.vn',
        media_url: 'https://lgsp.example.vn/anh/12.jpg',
        address_string: 'Số 12 Lương Ngọc Quyến',
      }),
    ).expect(201);
    const created = parse(res, 'xml');
    conforms(created, 'xml', 'service_requests', SHAPES.createdRequest, 'request');
    const id = created.service_requests.request[0].service_request_id;
    const report = (await asScreener(`/api/v1/reports/${id}`).expect(200)).body;
    expect(report).toMatchObject({
      channel: 'open311',
      status: 'received',
      description: STREET,
      categoryId: lights.id,
      address: 'Số 12 Lương Ngọc Quyến',
    });
    // Nothing is public before the centre screens it (docs/domain.md#privacy).
    errorOf(await get(`requests/${id}.xml`), 'xml', 404);
    await act(id, 'assign', { agencyId: c.agencyA.id });

    const readBack = await get(`requests/${id}.xml`).expect(200);
    const parsed = parse(readBack, 'xml');
    conforms(parsed, 'xml', 'service_requests', SHAPES.request, 'request');
    const request = parsed.service_requests.request[0];
    expect(request.description).toBe(STREET);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: 'Đã chuyển xử lý',
      service_code: lights.code,
      service_name: 'Điện – chiếu sáng',
      // The public reads house numbers masked (docs/domain.md#privacy).
      address: 'Số *** Lương Ngọc Quyến',
      media_url: 'https://lgsp.example.vn/anh/12.jpg',
    });
    expect(request.requested_datetime).toMatch(/\+07:00$/);
    expect(Number(request.lat)).toBeCloseTo(THAI_NGUYEN.lat, 6);
    // Public fields only: neither the phone nor the name nor the email of the person appears.
    for (const secret of [phone.slice(1), 'Văn An', 'an@example.vn']) expect(readBack.text).not.toContain(secret);

    expect(report.reporter).toMatchObject({ fullName: 'Nguyễn Văn An', phone: `+84${phone.slice(1)}` });
    const [stored] = await t.db.query(`SELECT attributes, media_url FROM open311_requests WHERE report_id = $1`, [id]);
    expect(stored).toEqual({
      attributes: { pole: 'C-12', kind: 'led' },
      media_url: 'https://lgsp.example.vn/anh/12.jpg',
    });
  });

  it('answers POST requests.json as a JSON array; a caller known only by email gets no reporter record', async () => {
    const res = await post('requests.json', baseFields({ email: 'chi@example.vn', first_name: 'Chi' })).expect(201);
    const parsed = parse(res, 'json');
    conforms(parsed, 'json', 'service_requests', SHAPES.createdRequest, 'request');
    const report = (await asScreener(`/api/v1/reports/${parsed[0].service_request_id}`).expect(200)).body;
    expect(report).toMatchObject({ channel: 'open311', reporter: null });
    expect(parsed[0].service_notice).toContain(report.code);
  });

  it.each(FORMATS)('refuses a wrong, missing or revoked api_key with 403 and creates nothing (%s)', async (fmt) => {
    const count = async () =>
      Number((await t.db.query(`SELECT count(*) FROM reports WHERE channel = 'open311'`))[0].count);
    const before = await count();
    expect(errorOf(await post(`requests.${fmt}`, baseFields({ api_key: 'pa_wrong' })), fmt, 403)).toBe(
      'Invalid api_key',
    );
    const { api_key: _, ...noKey } = baseFields();
    expect(errorOf(await post(`requests.${fmt}`, noKey), fmt, 403)).toMatch(/api_key is required/);
    const revoked = await newKey('Khoá đã thu hồi');
    await t.http().delete(`/api/v1/admin/api-keys/${revoked.id}`).auth(c.admin.token, { type: 'bearer' }).expect(204);
    errorOf(await post(`requests.${fmt}`, baseFields({ api_key: revoked.key })), fmt, 403);
    expect(await count()).toBe(before);
  });

  it.each(FORMATS)('refuses bad requests with 400 and says why (%s)', async (fmt) => {
    expect(errorOf(await post(`requests.${fmt}`, baseFields({ 'attribute[pole]': '' })), fmt, 400)).toContain(
      'attribute[pole] is required',
    );
    expect(errorOf(await post(`requests.${fmt}`, baseFields({ 'attribute[kind]': 'neon' })), fmt, 400)).toContain(
      'attribute[kind]',
    );
    expect(
      errorOf(await post(`requests.${fmt}`, baseFields({ lat: '', long: '', address_string: 'Số 12' })), fmt, 400),
    ).toContain('geocode');
    expect(errorOf(await post(`requests.${fmt}`, baseFields({ service_code: 'khong-co' })), fmt, 400)).toContain(
      'khong-co',
    );
    expect(errorOf(await post(`requests.${fmt}`, baseFields({ phone: '12345' })), fmt, 400)).toContain('phone');
    expect(errorOf(await get(`requests.${fmt}?start_date=hôm-qua`), fmt, 400)).toContain('start_date');
    const multipart = await t
      .http()
      .post(`${BASE}/requests.${fmt}`)
      .field('api_key', key)
      .field('service_code', lights.code);
    expect(errorOf(multipart, fmt, 400)).toContain('x-www-form-urlencoded');
  });

  it.each(FORMATS)(
    'GET requests.%s filters public requests by date range, status, service code and ids',
    async (fmt) => {
      const [a, b] = [await file(), await file({ 'attribute[pole]': 'C-13', description: SPECIALS })];
      const hidden = (
        await t
          .http()
          .post('/api/v1/reports')
          .auth(c.reporter.token, { type: 'bearer' })
          .send(reportBody(lights.id, { isPublic: false }))
          .expect(201)
      ).body.id;
      const ids = async (query: string) => {
        const parsed = parse(await get(`requests.${fmt}?${query}`).expect(200), fmt);
        const items = itemsOf(parsed, fmt, 'service_requests', 'request');
        expect(
          shapeProblems(fmt === 'json' ? items : { r: { request: items } }, fmt, 'r', SHAPES.request, 'request'),
        ).toEqual([]);
        // XML specials survive the trip in both formats (the XML was checked well-formed by parse()).
        const withSpecials = items.find((r) => r.service_request_id === b);
        if (withSpecials) expect(withSpecials.description).toBe(SPECIALS);
        return items.map((r) => r.service_request_id);
      };
      const hour = 3600_000;
      const around = `start_date=${encodeURIComponent(new Date(Date.now() - hour).toISOString())}&end_date=${encodeURIComponent(new Date(Date.now() + hour).toISOString())}`;
      expect(await ids(around)).toEqual(expect.arrayContaining([a, b]));
      expect(await ids(around)).not.toContain(hidden);
      expect(await ids('start_date=2020-01-01T00:00:00%2B07:00&end_date=2020-12-31T23:59:59%2B07:00')).toEqual([]);
      expect(await ids(`${around}&status=open&service_code=${lights.code}`)).toEqual(expect.arrayContaining([a, b]));
      expect(await ids(`${around}&status=closed`)).not.toContain(a);
      expect(await ids(`${around}&service_code=${c.category.code}`)).not.toContain(a);
      expect(await ids(`service_request_id=${a},${hidden},not-an-id`)).toEqual([a]);
      errorOf(await get(`requests/${hidden}.${fmt}`), fmt, 404);
    },
  );

  it('maps the workflow onto open/closed with status_notes and detailed_status', async () => {
    // Received (RECEIVED) is never public: the centre screens a request before anyone reads it (the mapping of
    // every status is open311-status.policy.spec's).
    const id = await file({}, 'json', false);
    errorOf(await get(`requests/${id}.json`), 'json', 404);
    const read = async () => parse(await get(`requests/${id}.json?extensions=true`).expect(200), 'json')[0];
    await act(id, 'assign', { agencyId: c.agencyA.id });
    expect(await read()).toMatchObject({
      status: 'open',
      status_notes: 'Đã chuyển xử lý',
      agency_responsible: 'Sở Xây dựng',
      extended_attributes: { detailed_status: 'IN_PROCESS' },
    });
    const other = await file({}, 'json', false);
    await act(other, 'reject', { reason: 'not_eligible', note: 'Không thuộc phạm vi' });
    const rejected = parse(await get(`requests/${other}.xml?extensions=true`).expect(200), 'xml').service_requests
      .request[0];
    expect(rejected).toMatchObject({
      status: 'closed',
      status_notes: 'Đã hủy: không thuộc phạm vi tiếp nhận',
      extended_attributes: { detailed_status: 'REJECTED' },
    });
  });

  it.each(FORMATS)('tokens/{token}.%s resolves to the service_request_id', async (fmt) => {
    const id = await file();
    const parsed = parse(await get(`tokens/${id}.${fmt}`).expect(200), fmt);
    conforms(parsed, fmt, 'service_requests', SHAPES.token, 'request');
    expect(itemsOf(parsed, fmt, 'service_requests', 'request')[0]).toEqual({ service_request_id: id, token: id });
    errorOf(await get(`tokens/00000000-0000-4000-8000-000000000000.${fmt}`), fmt, 404);
  });

  it.each(FORMATS)('servicerequestupdates.%s: the public timeline goes out, integration notes come in', async (fmt) => {
    const id = await file();
    await act(id, 'note', { text: 'Ghi chú nội bộ: số điện thoại người dân', internal: true });
    await act(id, 'note', { text: 'Đã cử đội kiểm tra', internal: false });
    const posted = await post(`servicerequestupdates.${fmt}`, {
      api_key: key,
      service_request_id: id,
      description: 'LGSP: người dân báo đèn vẫn tắt',
    }).expect(201);
    const created = parse(posted, fmt);
    conforms(created, fmt, 'service_request_updates', SHAPES.createdUpdate, 'request_update');
    const updateId = itemsOf(created, fmt, 'service_request_updates', 'request_update')[0].update_id;

    const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
    const parsed = parse(await get(`servicerequestupdates.${fmt}?start_date=${since}`).expect(200), fmt);
    conforms(parsed, fmt, 'service_request_updates', SHAPES.requestUpdate, 'request_update');
    const mine = itemsOf(parsed, fmt, 'service_request_updates', 'request_update').filter(
      (u) => u.service_request_id === id,
    );
    expect(mine.map((u) => [u.status, u.description])).toEqual([
      // A staff note to the reporter is theirs: the public feed says only that it happened.
      ['open', 'Đã tiếp nhận phản ánh'],
      ['open', 'Đã chuyển cơ quan xử lý'],
      ['open', 'Đã trao đổi thông tin với người phản ánh'],
      ['open', 'LGSP: người dân báo đèn vẫn tắt'],
    ]);
    expect(mine[3].update_id).toBe(updateId);
    expect(parse(await get(`servicerequestupdates.${fmt}?end_date=2020-01-01`).expect(200), fmt)).toEqual(
      fmt === 'json' ? [] : { '?xml': '', service_request_updates: '' },
    );

    // The note is a public note on the report's own timeline, written as the key's integration user.
    const [{ user_id }] = await t.db.query(
      `SELECT k.user_id FROM api_keys k JOIN open311_requests o ON o.api_key_id = k.id WHERE o.report_id = $1`,
      [id],
    );
    const timeline = (await asScreener(`/api/v1/reports/${id}/timeline`).expect(200)).body;
    expect(timeline.find((e: any) => e.id === updateId)).toMatchObject({
      type: 'report.note_added',
      internal: false,
      actor: { id: user_id },
      data: { text: 'LGSP: người dân báo đèn vẫn tắt' },
    });
    expect((await t.db.query(`SELECT roles, password_hash FROM users WHERE id = $1`, [user_id]))[0]).toEqual({
      roles: [],
      password_hash: null,
    });

    // Another integration may not comment on this request; a bad key is refused before anything else.
    errorOf(
      await post(`servicerequestupdates.${fmt}`, { api_key: otherKey, service_request_id: id, description: 'x' }),
      fmt,
      404,
    );
    errorOf(
      await post(`servicerequestupdates.${fmt}`, { api_key: 'pa_wrong', service_request_id: id, description: 'x' }),
      fmt,
      403,
    );
  });

  it('a citizen report filed in the app does not show its private timeline or person through Open311', async () => {
    const person = await citizen(t, 'Lê Thị Riêng');
    const id = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(person.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body.id;
    await act(id, 'assign', { agencyId: c.agencyA.id });
    const res = await get(`requests/${id}.json`).expect(200);
    expect(parse(res, 'json')[0]).toMatchObject({ service_request_id: id, service_code: c.category.code });
    expect(res.text).not.toContain('Lê Thị Riêng');
    expect(res.text).not.toContain(person.phone.slice(1));
  });

  it("files an integration's phone= under a caller record, never into the account that has that phone", async () => {
    const person = await citizen(t, 'Chủ Số Điện Thoại');
    const id = await file({ phone: person.phone.replace('+84', '0'), first_name: 'Người', last_name: 'Lạ' });
    const mine = await t.http().get('/api/v1/reports/mine').auth(person.token, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    // The account holder reads it only as the public does: not as its reporter.
    const seen = (await t.http().get(`/api/v1/reports/${id}`).auth(person.token, { type: 'bearer' }).expect(200)).body;
    expect(seen.reporter).toBeUndefined();
    expect(seen.isPublic).toBeUndefined();
    const report = (await asScreener(`/api/v1/reports/${id}`).expect(200)).body;
    expect(report.reporter.id).not.toBe(person.id);
    expect(report.reporter.phone).toBe(person.phone);
    const [{ kind }] = await t.db.query(`SELECT kind FROM users WHERE id = $1`, [report.reporter.id]);
    expect(kind).toBe('caller');
  });

  it('serves no withdrawn or spam report, and publishes no words meant for the reporter, as every public view agrees', async () => {
    const person = await citizen(t, 'Người Rút Đơn');
    const filed = async () =>
      (
        await t
          .http()
          .post('/api/v1/reports')
          .auth(person.token, { type: 'bearer' })
          .send(reportBody(c.category.id))
          .expect(201)
      ).body.id as string;
    const withdrawn = await filed();
    await t
      .http()
      .post(`/api/v1/reports/${withdrawn}/actions/withdraw`)
      .auth(person.token, { type: 'bearer' })
      .send({})
      .expect(200);
    const spam = await filed();
    await act(spam, 'reject', { reason: 'spam', note: 'Nội dung quảng cáo' });
    const stranger = await citizen(t, 'Người Xem');
    for (const id of [withdrawn, spam]) {
      errorOf(await get(`requests/${id}.json`), 'json', 404);
      await t.http().get(`/api/v1/reports/${id}`).auth(stranger.token, { type: 'bearer' }).expect(404);
    }
    const listed = parse(await get('requests.json').expect(200), 'json').map(
      (r: { service_request_id: string }) => r.service_request_id,
    );
    const portal = (await t.http().get('/api/v1/public/reports').query({ pageSize: 100 }).expect(200)).body.items.map(
      (r: { id: string }) => r.id,
    );
    const updates = parse(await get('servicerequestupdates.json').expect(200), 'json').map(
      (u: { service_request_id: string }) => u.service_request_id,
    );
    for (const id of [withdrawn, spam]) {
      expect(listed).not.toContain(id);
      expect(portal).not.toContain(id);
      expect(updates).not.toContain(id);
    }

    // A staff note to the reporter (with their address) is theirs: not on the public timeline, not in the feed.
    const open = await filed();
    await act(open, 'assign', { agencyId: c.agencyA.id });
    const words = 'Cán bộ sẽ đến số 12 ngõ 5 Lương Ngọc Quyến gặp bác lúc 9 giờ';
    await act(open, 'note', { text: words, internal: false });
    const asStranger = (
      await t.http().get(`/api/v1/reports/${open}/timeline`).auth(stranger.token, { type: 'bearer' }).expect(200)
    ).body;
    expect(JSON.stringify(asStranger)).not.toContain('Lương Ngọc Quyến');
    expect((await get('servicerequestupdates.json').expect(200)).text).not.toContain('Lương Ngọc Quyến');
    const asReporter = (
      await t.http().get(`/api/v1/reports/${open}/timeline`).auth(person.token, { type: 'bearer' }).expect(200)
    ).body;
    expect(JSON.stringify(asReporter)).toContain(words);
  });

  it('answers unknown resources and formats with the spec 404, and the shape checker does reject a wrong shape', async () => {
    errorOf(await get('khong-co.json'), 'json', 404);
    const description = errorOf(await get('services.html'), 'xml', 404);
    expect(description).toContain('html');
    const errors = parse(await get('services/khong-co.xml'), 'xml');
    expect(shapeProblems(errors, 'xml', 'services', SHAPES.service, 'service').length).toBeGreaterThan(0);
  });
});

import { randomUUID } from 'node:crypto';
import { SEARCH_WINDOW } from '@app/reports';
import { cast, nextPhone, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

// The register of all cases (GET /api/v1/reports, docs/api.md#reports): the search box by code, phone and words,
// each sort with its tie-break, pages that neither repeat nor skip, the agency's narrowing and the phone rule of
// the report view policy, and the 400s of bad input.

jest.setTimeout(120_000);

type Cast = Awaited<ReturnType<typeof cast>>;
type Item = { id: string; code: string };

describe('report register: search, sort, pages (e2e)', () => {
  let t: TestApp;
  let c: Cast;

  const list = async (token: string, query: Record<string, string | number>) =>
    (
      await t
        .http()
        .get('/api/v1/reports')
        .query({ pageSize: 100, ...query })
        .auth(token, { type: 'bearer' })
        .expect(200)
    ).body as { items: Item[]; total: number };
  const ids = async (token: string, query: Record<string, string | number>) =>
    (await list(token, query)).items.map((x) => x.id);
  const file = async (token: string, over: Record<string, unknown>) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send(reportBody(c.category.id, over))
        .expect(201)
    ).body as Item;
  const assign = (id: string, agencyId: string) =>
    t
      .http()
      .post(`/api/v1/reports/${id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId })
      .expect(200);
  /** A report filed by the hotline for a caller, who allowed contact or not; assigned to agency A. */
  const hotlineReport = async (callerPhone: string, allowContact: boolean, description: string) => {
    const res = await t
      .http()
      .post('/api/v1/hotline/calls')
      .auth(c.operator.token, { type: 'bearer' })
      .send({
        callerPhone,
        callerName: 'Người gọi',
        startedAt: new Date().toISOString(),
        outcome: 'new_report',
        report: reportBody(c.category.id, { description, allowContact }),
      })
      .expect(201);
    await assign(res.body.report.id, c.agencyA.id);
    return res.body.report as Item;
  };

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it('finds a report by its code exactly, in any case, and not by a part of it', async () => {
    const r = await file(c.reporter.token, { description: 'Cột điện nghiêng trước số nhà 12 đường Bắc Kạn' });
    expect(await ids(c.screener.token, { q: r.code })).toEqual([r.id]);
    expect(await ids(c.screener.token, { q: r.code.toLowerCase() })).toEqual([r.id]);
    // A prefix of the code is neither the code nor a word of the report.
    expect(await ids(c.screener.token, { q: r.code.slice(0, -1) })).not.toContain(r.id);
  });

  it("finds a report by its reporter's phone written in any form", async () => {
    const phone = nextPhone(); // 09xxxxxxxx
    const r = await hotlineReport(phone, true, 'Nước tràn ra mặt đường sau mưa lớn');
    const national = phone.slice(1);
    for (const written of [
      phone,
      `+84${national}`,
      `84${national}`,
      `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`,
      `+84 ${national.slice(0, 3)}.${national.slice(3, 6)}.${national.slice(6)}`,
    ]) {
      expect({ written, found: await ids(c.screener.token, { q: written }) }).toEqual({ written, found: [r.id] });
    }
    // Somebody else's phone finds nothing of this caller.
    expect(await ids(c.screener.token, { q: nextPhone() })).toEqual([]);
  });

  it('lets an agency find a caller by phone only when the caller allowed contact', async () => {
    const refusing = nextPhone();
    const allowing = nextPhone();
    const hidden = await hotlineReport(refusing, false, 'Cây đổ chắn ngang đường Quang Trung sau bão');
    const open = await hotlineReport(allowing, true, 'Cây đổ chắn ngang đường Túc Duyên sau bão');
    // The centre finds both callers by phone.
    expect(await ids(c.screener.token, { q: refusing })).toEqual([hidden.id]);
    expect(await ids(c.screener.token, { q: allowing })).toEqual([open.id]);
    // The agency holding both cases finds the caller who allowed contact, not the one who refused it...
    expect(await ids(c.officerA.token, { q: allowing })).toEqual([open.id]);
    expect(await ids(c.officerA.token, { q: refusing })).toEqual([]);
    // ...though it still finds that case by its code and its words, as the case itself is theirs.
    expect(await ids(c.officerA.token, { q: hidden.code })).toEqual([hidden.id]);
    expect(await ids(c.officerA.token, { q: 'quang trung sau bao' })).toContain(hidden.id);
  });

  it('finds words of the title, description and address without accents, in any order and case', async () => {
    const marker = `moc${randomUUID().slice(0, 8)}`;
    const r = await file(c.reporter.token, {
      title: `Đường hỏng ${marker}`,
      description: 'Mặt đường bị lún sụt, ổ gà sâu sau mưa',
      address: 'Số 5 ngõ 12 Đội Cấn, phường Phan Đình Phùng',
    });
    for (const q of [
      'duong hong',
      'đường hỏng',
      'ĐƯỜNG HỎNG',
      'hong duong',
      `${marker.toUpperCase()} lun sut`,
      'doi can phan dinh phung',
      'ổ gà',
      'o ga sau',
    ]) {
      expect({ q, found: (await ids(c.screener.token, { q })).includes(r.id) }).toEqual({ q, found: true });
    }
    // Every word must be there: one that is not leaves the report out.
    expect(await ids(c.screener.token, { q: `${marker} vỉa hè` })).toEqual([]);
    // LIKE's wildcards are plain characters in a search.
    expect(await ids(c.screener.token, { q: `${marker.slice(0, 3)}%${marker.slice(4)}` })).toEqual([]);
  });

  it("keeps an agency's search to its own cases", async () => {
    const marker = `rieng${randomUUID().slice(0, 8)}`;
    const a = await file(c.reporter.token, { description: `Đèn đường hỏng ${marker}` });
    const b = await file(c.reporter.token, { description: `Đèn đường hỏng ${marker}` });
    await assign(a.id, c.agencyA.id);
    await assign(b.id, c.agencyB.id);
    expect(await ids(c.officerA.token, { q: marker })).toEqual([a.id]);
    expect(await ids(c.officerB.token, { q: marker })).toEqual([b.id]);
    // Naming the other agency does not widen it, and the other agency's code finds nothing.
    expect(await ids(c.officerA.token, { q: marker, agencyId: c.agencyB.id })).toEqual([]);
    expect(await ids(c.officerA.token, { q: b.code })).toEqual([]);
    expect((await ids(c.screener.token, { q: marker })).sort()).toEqual([a.id, b.id].sort());
  });

  describe('sorts', () => {
    const marker = `sapxep${randomUUID().slice(0, 8)}`;
    const at = (iso: string) => new Date(iso);
    // Five cases of one search whose times are set so that every sort gives a different order, with ties.
    let r: Item[];
    const set = (id: string, fields: { created: string; updated: string; due: string | null }) =>
      t.db.query(`UPDATE reports SET created_at = $2, updated_at = $3, due_at = $4 WHERE id = $1`, [
        id,
        at(fields.created),
        at(fields.updated),
        fields.due ? at(fields.due) : null,
      ]);
    const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const past = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

    beforeAll(async () => {
      r = [];
      for (let i = 0; i < 5; i++) r.push(await file(c.reporter.token, { description: `Rác thải ${marker} số ${i}` }));
      await set(r[0].id, { created: '2026-01-01T01:00:00Z', updated: '2026-03-01T00:00:00Z', due: past(10) });
      await set(r[1].id, { created: '2026-01-02T01:00:00Z', updated: '2026-03-05T00:00:00Z', due: future(3) });
      await set(r[2].id, { created: '2026-01-03T01:00:00Z', updated: '2026-02-01T00:00:00Z', due: past(2) });
      await set(r[3].id, { created: '2026-01-03T01:00:00Z', updated: '2026-03-05T00:00:00Z', due: null });
      await set(r[4].id, { created: '2026-01-04T01:00:00Z', updated: '2026-01-15T00:00:00Z', due: future(1) });
    });
    const byId = (a: Item, b: Item) => (a.id < b.id ? -1 : 1);
    const sorted = (sort: string) => ids(c.screener.token, { q: marker, sort });

    it('newest first by default, ties by id', async () => {
      const [tieLow, tieHigh] = [r[2], r[3]].sort(byId);
      const expected = [r[4].id, tieHigh.id, tieLow.id, r[1].id, r[0].id];
      expect(await ids(c.screener.token, { q: marker })).toEqual(expected);
      expect(await sorted('created_desc')).toEqual(expected);
    });

    it('oldest first, ties by id', async () => {
      const [tieLow, tieHigh] = [r[2], r[3]].sort(byId);
      expect(await sorted('created_asc')).toEqual([r[0].id, r[1].id, tieLow.id, tieHigh.id, r[4].id]);
    });

    it('nearest deadline first, overdue ones leading, none last', async () => {
      expect(await sorted('due_asc')).toEqual([r[0].id, r[2].id, r[4].id, r[1].id, r[3].id]);
    });

    it('longest overdue first, then the others newest first', async () => {
      expect(await sorted('overdue_desc')).toEqual([r[0].id, r[2].id, r[4].id, r[3].id, r[1].id]);
    });

    it('last updated first, ties by id', async () => {
      const [tieLow, tieHigh] = [r[1], r[3]].sort(byId);
      expect(await sorted('updated_desc')).toEqual([tieHigh.id, tieLow.id, r[0].id, r[2].id, r[4].id]);
    });

    it('pages through equal times without repeating or skipping a case', async () => {
      const same = '2026-02-02T02:00:00Z';
      for (const x of r) await set(x.id, { created: same, updated: same, due: null });
      for (const sort of ['created_desc', 'created_asc', 'due_asc', 'overdue_desc', 'updated_desc']) {
        const whole = await sorted(sort);
        const paged: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const res = await list(c.screener.token, { q: marker, sort, page, pageSize: 2 });
          expect(res.total).toBe(5);
          paged.push(...res.items.map((x) => x.id));
        }
        expect({ sort, paged }).toEqual({ sort, paged: whole });
        expect(new Set(paged).size).toBe(5);
      }
    });
  });

  describe('on a register longer than the search window', () => {
    // Closed cases of long ago, written straight into the table (set-up only: the search reads rows, whoever made
    // them), so that the register holds more than SEARCH_WINDOW cases whose words a search can find.
    const filler = SEARCH_WINDOW + 50;
    beforeAll(async () => {
      await t.db.query(
        `INSERT INTO reports (code, status, category_id, channel, description, location, created_at, updated_at)
         SELECT 'PA-2020-' || lpad(g::text, 7, '0'), 'closed', $1, 'app', 'Rác ùn ứ ở chợ Đồng Quang, lô ' || g,
                'SRID=4326;POINT(105.84 21.59)'::geography, t, t
           FROM generate_series(1, $2::int) g, LATERAL (SELECT now() - interval '400 days' - g * interval '1 minute' AS t) x`,
        [c.category.id, filler],
      );
    });
    type Page = { items: Array<Item & { description: string; createdAt: string }>; total: number; totalExact: boolean };
    const search = async (query: Record<string, string | number>) =>
      (
        await t
          .http()
          .get('/api/v1/reports')
          .query({ pageSize: 20, ...query })
          .auth(c.screener.token, { type: 'bearer' })
          .expect(200)
      ).body as Page;

    it('answers words in most cases from the newest ones, saying the total is a lower bound', async () => {
      const first = await search({ q: 'cho dong quang' });
      expect(first.items).toHaveLength(20);
      expect(first.items.every((x) => x.description.startsWith('Rác ùn ứ ở chợ Đồng Quang'))).toBe(true);
      // The newest filler first (lô 1 is the newest of them), and the total counts the matches read, not all.
      expect(first.items.map((x) => x.description.split('lô ')[1])).toEqual(
        Array.from({ length: 20 }, (_, i) => String(i + 1)),
      );
      expect(first.totalExact).toBe(false);
      expect(first.total).toBeGreaterThanOrEqual(SEARCH_WINDOW - 100);
      expect(first.total).toBeLessThan(filler);
      // A page beyond the cases read comes from the index, in the same order, with the capped count.
      const deep = await search({ q: 'cho dong quang', page: SEARCH_WINDOW / 20 });
      expect(deep.items.map((x) => x.description.split('lô ')[1])).toEqual(
        Array.from({ length: 20 }, (_, i) => String(SEARCH_WINDOW - 20 + i + 1)),
      );
      expect(deep).toMatchObject({ total: 10_000, totalExact: false });
    });

    it('finds a rare word beyond the newest cases through the index, with an exact total', async () => {
      const hit = await search({ q: `lo ${filler - 3} dong quang` });
      expect(hit.items.map((x) => x.description)).toEqual([`Rác ùn ứ ở chợ Đồng Quang, lô ${filler - 3}`]);
      expect(hit).toMatchObject({ total: 1, totalExact: true });
      // Lists without a search say the same of their own total.
      expect(await search({ status: 'closed', categoryId: c.category.id })).toMatchObject({
        total: 10_000,
        totalExact: false,
      });
      expect((await search({ q: 'khong co tu nay o dau' })).total).toBe(0);
    });
  });

  it('refuses bad input with 400 VALIDATION_FAILED naming the field', async () => {
    const bad = async (query: Record<string, string>, field: string) => {
      const res = await t
        .http()
        .get('/api/v1/reports')
        .query(query)
        .auth(c.screener.token, { type: 'bearer' })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.details.fields)).toContain(field);
    };
    await bad({ sort: 'random' }, 'sort');
    await bad({ q: 'ab' }, 'q'); // too short for the index, and neither a code nor a phone
    await bad({ q: 'a b' }, 'q');
    await bad({ q: '' }, 'q');
    await bad({ q: 'x'.repeat(201) }, 'q');
    await bad({ channel: 'fax' }, 'channel');
    await bad({ overdue: 'maybe' }, 'overdue');
    await bad({ pageSize: '101' }, 'pageSize');
  });
});

import { DeadlinesService } from '@app/reports';
import { cast, reportBody } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

// The desks' queues as filters of the register (docs/api.md#queues): extension requests, cases returned by an
// agency (and which one), results sent back, reopened cases, escalation levels, questions to the citizen left
// unanswered past a limit; each with its opposite, each within the caller's own agency for agency staff, and bad
// values refused with the register's code. One app; the cases are built through the action routes, side by side.

jest.setTimeout(120_000);

type Item = { id: string; code: string; returnedBy: { id: string; name: string } | null };

describe('queues of the register (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  /** The cases, by what was done to them. */
  const r: Record<string, { id: string }> = {};

  const http = () => t.http();
  const act = async (token: string, id: string, slug: string, body: object = {}) => {
    const res = await http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token, { type: 'bearer' }).send(body);
    if (res.status !== 200) throw new Error(`${slug}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const list = async (token: string, query: string) => {
    const res = await http().get(`/api/v1/reports?${query}&pageSize=100`).auth(token, { type: 'bearer' });
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items: Item[]; total: number };
  };
  /** The names (keys of `r`) of the cases a list gives, sorted. */
  const names = async (token: string, query: string) => {
    const byId = new Map(Object.entries(r).map(([name, { id }]) => [id, name]));
    const { items, total } = await list(token, query);
    expect(total).toBe(items.length);
    return items.map((i) => byId.get(i.id) ?? i.code).sort();
  };

  /** Files a case and takes it through these steps: [who, action slug, body]. */
  const build = async (name: string, steps: Array<[() => string, string, object?]>) => {
    const res = await http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id))
      .expect(201);
    for (const [who, slug, body] of steps) await act(who(), res.body.id, slug, body);
    r[name] = { id: res.body.id };
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    const screener = () => c.screener.token;
    const officerA = () => c.officerA.token;
    const officerB = () => c.officerB.token;
    const toA: [() => string, string, object] = [screener, 'assign', { agencyId: c.agencyA.id }];
    const toB: [() => string, string, object] = [screener, 'assign', { agencyId: c.agencyB.id }];
    const extension = { workingDays: 2, reason: 'Chờ vật tư' };
    await Promise.all([
      build('fresh', []),
      build('returned', [toA, [officerA, 'return', { reason: 'Không thuộc thẩm quyền' }]]),
      build('returnedThenB', [toA, [officerA, 'return', { reason: 'Không thuộc' }], toB]),
      // Asked about after the return and answered: back in screening, still the agency's return.
      build('returnedAsked', [
        toA,
        [officerA, 'return', { reason: 'Không thuộc' }],
        [screener, 'request-info', { question: 'Ở phường nào?' }],
        [() => c.reporter.token, 'provide-info', { text: 'Phường Phan Đình Phùng' }],
      ]),
      build('extensionA', [toA, [officerA, 'acknowledge'], [officerA, 'request-extension', extension]]),
      build('extensionB', [toB, [officerB, 'acknowledge'], [officerB, 'request-extension', extension]]),
      build('extensionDenied', [
        toA,
        [officerA, 'acknowledge'],
        [officerA, 'request-extension', extension],
        [screener, 'deny-extension', { reason: 'Không đủ lý do' }],
      ]),
      build('sentBack', [
        toA,
        [officerA, 'acknowledge'],
        [officerA, 'submit-result', { text: 'Đã vá' }],
        [screener, 'send-back', { reason: 'Thiếu ảnh' }],
      ]),
      build('resubmitted', [
        toA,
        [officerA, 'acknowledge'],
        [officerA, 'submit-result', { text: 'Đã vá' }],
        [screener, 'send-back', { reason: 'Thiếu ảnh' }],
        [officerA, 'submit-result', { text: 'Đã vá, có ảnh' }],
      ]),
      build('reopened', [
        toA,
        [officerA, 'acknowledge'],
        [officerA, 'submit-result', { text: 'Đã vá' }],
        [screener, 'approve-result'],
        [() => c.reporter.token, 'reopen', { reason: 'Vẫn còn ổ gà' }],
      ]),
      build('askedLongAgo', [[screener, 'request-info', { question: 'Ở số nhà nào?' }]]),
      build('askedNow', [[screener, 'request-info', { question: 'Ở số nhà nào?' }]]),
      build('lateLevel1', [toB]),
      build('lateLevel3', [toB]),
    ]);
    // The question of askedLongAgo was put 30 days ago (at least 14 office working days, Tết included).
    await t.db.query(`UPDATE reports SET paused_at = now() - interval '30 days' WHERE id = $1`, [r.askedLongAgo.id]);
    // The escalation engine, run at a later clock: a minute past the deadline, then two months past it.
    const deadlines = t.app.get(DeadlinesService);
    for (const [name, minutes] of [
      ['lateLevel1', 1],
      ['lateLevel3', 60 * 24 * 60],
    ] as const) {
      const [{ due_at: dueAt }] = await t.db.query(`SELECT due_at FROM reports WHERE id = $1`, [r[name].id]);
      await deadlines.check(r[name].id, undefined, new Date(dueAt.getTime() + minutes * 60_000));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the centre: extension requests, returned cases, results sent back, reopened cases', async () => {
    const s = c.screener.token;
    expect(await names(s, 'extensionPending=true')).toEqual(['extensionA', 'extensionB']);
    expect(await names(s, 'returned=true')).toEqual(['returned', 'returnedAsked']);
    expect(await names(s, 'sentBack=true')).toEqual(['sentBack']);
    expect(await names(s, 'reopened=true')).toEqual(['reopened']);
    // Each flag's opposite is every other case; flags combine with the other filters.
    const all = Object.keys(r).sort();
    expect(await names(s, 'extensionPending=false')).toEqual(
      all.filter((n) => !['extensionA', 'extensionB'].includes(n)),
    );
    expect(await names(s, 'returned=false')).toEqual(all.filter((n) => !['returned', 'returnedAsked'].includes(n)));
    expect(await names(s, 'reopened=false&sentBack=false&status=in_progress')).toEqual([
      'extensionA',
      'extensionB',
      'extensionDenied',
    ]);
    expect(await names(s, `extensionPending=true&agencyId=${c.agencyB.id}`)).toEqual(['extensionB']);
  });

  it('a returned case names the agency that returned it, in the list and the case, until it is assigned again', async () => {
    const s = c.screener.token;
    const returned = (await list(s, 'returned=true')).items;
    expect(returned.map((i) => i.returnedBy)).toEqual([
      { id: c.agencyA.id, name: c.agencyA.name },
      { id: c.agencyA.id, name: c.agencyA.name },
    ]);
    const view = await http().get(`/api/v1/reports/${r.returned.id}`).auth(s, { type: 'bearer' }).expect(200);
    expect(view.body.returnedBy).toEqual({ id: c.agencyA.id, name: c.agencyA.name });
    // A case assigned again since, and a case never returned, carry none.
    for (const name of ['returnedThenB', 'fresh']) {
      const other = await http().get(`/api/v1/reports/${r[name].id}`).auth(s, { type: 'bearer' }).expect(200);
      expect([name, other.body.returnedBy]).toEqual([name, null]);
    }
    const received = (await list(s, 'status=received')).items;
    expect(
      received
        .filter((i) => i.returnedBy)
        .map((i) => i.id)
        .sort(),
    ).toEqual([r.returned.id, r.returnedAsked.id].sort());
    // The reporter's view has no staff fields.
    const theirs = await http().get(`/api/v1/reports/${r.returned.id}`).auth(c.reporter.token, { type: 'bearer' });
    expect(theirs.body).not.toHaveProperty('returnedBy');
  });

  it('overdue by escalation level, and questions to the citizen unanswered past a number of working days', async () => {
    const s = c.leader.token;
    expect(await names(s, 'minLevel=1')).toEqual(['lateLevel1', 'lateLevel3']);
    expect(await names(s, 'minLevel=2')).toEqual(['lateLevel3']);
    expect(await names(s, 'minLevel=3')).toEqual(['lateLevel3']);
    expect(await names(s, 'needInfoOlderThan=1')).toEqual(['askedLongAgo']);
    expect(await names(s, 'needInfoOlderThan=10')).toEqual(['askedLongAgo']);
    expect(await names(s, 'needInfoOlderThan=60')).toEqual([]);
    expect(await names(s, 'status=need_info')).toEqual(['askedLongAgo', 'askedNow']);
  });

  it("agency staff see their own agency's cases of each queue only", async () => {
    expect(await names(c.officerA.token, 'extensionPending=true')).toEqual(['extensionA']);
    expect(await names(c.officerB.token, 'extensionPending=true')).toEqual(['extensionB']);
    // Naming another agency changes nothing.
    expect(await names(c.officerA.token, `extensionPending=true&agencyId=${c.agencyB.id}`)).toEqual([]);
    expect(await names(c.leaderA.token, 'sentBack=true')).toEqual(['sentBack']);
    expect(await names(c.officerB.token, 'sentBack=true')).toEqual([]);
    expect(await names(c.officerA.token, 'reopened=true')).toEqual(['reopened']);
    expect(await names(c.officerB.token, 'minLevel=1')).toEqual(['lateLevel1', 'lateLevel3']);
    expect(await names(c.officerA.token, 'minLevel=1')).toEqual([]);
    // A returned case has left the agency, and the questions were the centre's.
    expect(await names(c.officerA.token, 'returned=true')).toEqual([]);
    expect(await names(c.officerA.token, 'needInfoOlderThan=1')).toEqual([]);
  });

  it.each([
    ['extensionPending', 'yes'],
    ['returned', '1'],
    ['sentBack', ''],
    ['reopened', 'TRUE'],
    ['minLevel', '0'],
    ['minLevel', '4'],
    ['minLevel', 'two'],
    ['needInfoOlderThan', '0'],
    ['needInfoOlderThan', '1.5'],
    ['needInfoOlderThan', '61'],
    ['needInfoOlderThan', '3h'],
  ])('refuses %s=%j with 400 VALIDATION_FAILED naming the field', async (field, value) => {
    const res = await http()
      .get(`/api/v1/reports?${field}=${encodeURIComponent(value)}`)
      .auth(c.screener.token, { type: 'bearer' });
    expect([res.status, res.body.code, Object.keys(res.body.details.fields)]).toEqual([
      400,
      'VALIDATION_FAILED',
      [field],
    ]);
  });
});

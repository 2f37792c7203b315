import { AgenciesService } from '@app/reference';
import { ACTION_SLUGS, CLIENT_ACTIONS, type ActionSlug } from '@app/workflow';
import { cast, nextPhone, reportBody, staff, type Login } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

// Each report view carries `allowedActions`, computed by the workflow for the viewer. Through the real routes,
// for reports in every status and every role: each action a view offers succeeds when taken (on a fresh report
// in that state), and each action it does not offer is refused: 403 or 409 for someone who may act on the
// report, 404 for anyone else. So the console, which shows only what is offered, never copies a status rule.

// The matrix grows with every action and state: each offered action is taken on a fresh report.
jest.setTimeout(300_000);

type Cast = Awaited<ReturnType<typeof cast>>;
type Who =
  | 'screener'
  | 'operator'
  | 'leader'
  | 'admin'
  | 'officerA'
  | 'leaderA'
  | 'officerB'
  | 'reporter'
  | 'otherCitizen'
  | 'officerU';
const WHO: Who[] = [
  // An officer of agency A's unit (hand-down, hand-up).
  'officerU',
  'screener',
  'operator',
  'leader',
  'admin',
  'officerA',
  'leaderA',
  'officerB',
  'reporter',
  'otherCitizen',
];

describe('allowedActions in report views (e2e)', () => {
  let t: TestApp;
  let c: Cast;
  let master: { id: string };
  /** A unit under agency A, and its officer. */
  let unitA: { id: string };
  let officerU: Login;

  const token = (who: Who) => (who === 'officerU' ? officerU.token : c[who].token);
  const act = (who: Who, id: string, slug: string, body: object) =>
    t.http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token(who), { type: 'bearer' }).send(body);
  /** One action of a state's setup; cases are agency A's (the body of `assign` taken in the matrix moves one to B). */
  const step = async (who: Who, id: string, slug: ActionSlug, body = BODIES()[slug]) => {
    const res = await act(who, id, slug, body);
    if (res.status !== 200)
      throw new Error(`setting up: ${slug} by ${who} answered ${res.status} ${JSON.stringify(res.body)}`);
  };
  const file = async () =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body as { id: string };

  /** A valid body for every action the route takes (a new action fails to compile here until it has one). */
  const BODIES = (): Record<ActionSlug, object> => ({
    assign: { agencyId: c.agencyB.id },
    'request-info': { question: 'Xin ảnh chụp rõ hơn?' },
    'provide-info': { text: 'Trước cổng trường' },
    reject: { reason: 'not_eligible', note: 'Nội dung là khiếu nại' },
    'mark-duplicate': { duplicateOfId: master.id },
    'unmark-duplicate': {},
    withdraw: {},
    acknowledge: {},
    return: { reason: 'Không thuộc thẩm quyền' },
    'request-extension': { workingDays: 2, reason: 'Chờ vật tư' },
    'approve-extension': {},
    'deny-extension': { reason: 'Chưa đủ lý do' },
    'submit-result': { text: 'Đã xử lý xong' },
    urge: { note: 'Đề nghị xử lý trong ngày' },
    delegate: { assigneeId: c.officerA.id, note: 'Giao anh phụ trách' },
    'hand-down': { agencyId: unitA.id, note: 'Tổ quản lý đô thị xử lý' },
    'hand-up': { reason: 'Vượt thẩm quyền của tổ' },
    'pull-back': { reason: 'Lãnh đạo trực tiếp xử lý' },
    reclassify: { priority: 'urgent', reason: 'Nguy hiểm cho người đi đường' },
    'approve-result': {},
    'send-back': { reason: 'Thiếu ảnh hiện trường' },
    reopen: { reason: 'Vẫn còn hư hỏng' },
    rate: { satisfied: true },
    close: {},
    note: { text: 'Ghi chú', internal: true },
    // The system's own: never offered, and refused to everyone.
    'no-response': {},
  });

  /** Ways to bring a fresh report into each state, through the routes. */
  const inProgress = async () => {
    const r = await file();
    await step('screener', r.id, 'assign', { agencyId: c.agencyA.id });
    await step('officerA', r.id, 'acknowledge');
    return r;
  };
  const STATES: Record<string, () => Promise<{ id: string }>> = {
    received: file,
    need_info_from_received: async () => {
      const r = await file();
      await step('screener', r.id, 'request-info');
      return r;
    },
    assigned: async () => {
      const r = await file();
      await step('screener', r.id, 'assign', { agencyId: c.agencyA.id });
      return r;
    },
    in_progress: inProgress,
    need_info_from_in_progress: async () => {
      const r = await inProgress();
      await step('officerA', r.id, 'request-info');
      return r;
    },
    // Agency A handed it down to its unit: the unit may hand it up, A's leader pull it back.
    handed_down: async () => {
      const r = await inProgress();
      await step('leaderA', r.id, 'hand-down');
      return r;
    },
    extension_pending: async () => {
      const r = await inProgress();
      await step('officerA', r.id, 'request-extension');
      return r;
    },
    pending_review: async () => {
      const r = await inProgress();
      await step('officerA', r.id, 'submit-result');
      return r;
    },
    resolved: async () => {
      const r = await inProgress();
      await step('officerA', r.id, 'submit-result');
      await step('screener', r.id, 'approve-result');
      return r;
    },
    closed: async () => {
      const r = await inProgress();
      await step('officerA', r.id, 'submit-result');
      await step('screener', r.id, 'approve-result');
      await step('screener', r.id, 'close');
      return r;
    },
    cancelled_duplicate: async () => {
      const r = await file();
      await step('screener', r.id, 'mark-duplicate');
      return r;
    },
    cancelled_rejected: async () => {
      const r = await file();
      await step('screener', r.id, 'reject');
      return r;
    },
    // The operator answers for a caller: a hotline report waiting for information.
    hotline_need_info: async () => {
      const call = await t
        .http()
        .post('/api/v1/hotline/calls')
        .auth(c.operator.token, { type: 'bearer' })
        .send({
          callerPhone: nextPhone(),
          startedAt: new Date().toISOString(),
          outcome: 'new_report',
          report: reportBody(c.category.id),
        })
        .expect(201);
      await step('screener', call.body.report.id, 'request-info');
      return call.body.report;
    },
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITE_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' });
    c = await cast(t);
    unitA = await t.app.get(AgenciesService).create({
      code: `u-${c.agencyA.id.slice(0, 8)}`,
      name: 'Tổ Quản lý đô thị',
      parentId: c.agencyA.id,
      level: 'unit',
    });
    officerU = await staff(t, ['agency_officer'], unitA.id);
    master = await file();
  });
  afterAll(() => t.close());

  it('offers exactly the actions that succeed, for every status and role', async () => {
    const slugs = CLIENT_ACTIONS.map((a) => ACTION_SLUGS[a]);
    const offered: Array<{ state: string; who: Who; slug: ActionSlug }> = [];
    const wrong: string[] = [];

    await Promise.all(
      Object.entries(STATES).map(async ([state, make]) => {
        const report = await make();
        for (const who of WHO) {
          const view = await t.http().get(`/api/v1/reports/${report.id}`).auth(token(who), { type: 'bearer' });
          const allowed: ActionSlug[] = view.status === 200 ? view.body.allowedActions : [];
          if (view.status === 200 && !Array.isArray(view.body.allowedActions))
            wrong.push(`${state}/${who}: no allowedActions in the view`);
          const canAct = view.status === 200 && 'isPublic' in view.body;
          for (const slug of slugs) {
            if (allowed.includes(slug)) {
              offered.push({ state, who, slug });
              continue;
            }
            const res = await act(who, report.id, slug, BODIES()[slug]);
            const expected = canAct ? [403, 409] : [404];
            if (!expected.includes(res.status))
              wrong.push(`${state}/${who}/${slug} not offered, answered ${res.status} ${res.body.code ?? ''}`);
          }
        }
      }),
    );

    await Promise.all(
      offered.map(async ({ state, who, slug }) => {
        const fresh = await STATES[state]();
        const res = await act(who, fresh.id, slug, BODIES()[slug]);
        if (res.status !== 200)
          wrong.push(`${state}/${who}/${slug} offered, answered ${res.status} ${JSON.stringify(res.body)}`);
      }),
    );

    expect(wrong).toEqual([]);
    // Every action the route takes is offered somewhere in this matrix.
    expect(slugs.filter((s) => !offered.some((o) => o.slug === s))).toEqual([]);
  });
});

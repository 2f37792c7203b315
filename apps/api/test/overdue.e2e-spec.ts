import { CalendarService } from '@app/reference';
import { cast, category, citizen, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;
const ICT = 7 * 3600_000;

/** 16:00 Vietnam time on the Friday at least a week before now. */
function fridayAt1600(): Date {
  const local = new Date(Date.now() + ICT);
  const back = ((local.getUTCDay() - 5 + 7) % 7) + 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back, 16) - ICT);
}

interface Item {
  reportId: string;
  code: string;
  title: string;
  status: string;
  agencyId: string | null;
  agencyName: string | null;
  categoryId: string;
  dueAt: string;
  escalationLevel: number;
  overdueWorkingMinutes: number;
  overdueWorkingDays: number;
}

describe('leadership overdue list (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let cat24: { id: string };
  // The cases, named by who handles them and how late they are; see beforeAll.
  const r: Record<
    'a40' | 'b10' | 'c11' | 'd20' | 'fri' | 'unassigned' | 'paused' | 'onTime',
    { id: string; code: string }
  > = {} as never;
  const calendarOf: Record<string, 'office' | '24x7'> = {};

  const get = (token: string, query: Record<string, string | number> = {}) =>
    t.http().get('/api/v1/overdue').query(query).auth(token, { type: 'bearer' });
  const list = async (query: Record<string, string | number> = {}, token = c.leader.token) =>
    (await get(token, { pageSize: 100, ...query }).expect(200)).body as {
      items: Item[];
      total: number;
      page: number;
      pageSize: number;
    };
  const ids = (items: Item[]) => items.map((i) => i.reportId);

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    cat24 = await category(t, { name: 'Thiên tai – khẩn cấp', calendar: '24x7', defaultAgencyId: c.agencyA.id });
    calendarOf[c.category.id] = 'office';
    calendarOf[cat24.id] = '24x7';

    const file = async (categoryId: string, description: string) =>
      (
        await t
          .http()
          .post('/api/v1/reports')
          .auth(c.reporter.token, { type: 'bearer' })
          .send(reportBody(categoryId, { description }))
          .expect(201)
      ).body as { id: string; code: string };
    const act = (id: string, action: string, body: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/v1/reports/${id}/actions/${action}`)
        .auth(c.screener.token, { type: 'bearer' })
        .send(body)
        .expect(200);
    // Lateness is simulated in SQL: the escalation engine that normally writes these columns is not under test.
    const late = (id: string, dueAt: Date, level: number) =>
      t.db.query(`UPDATE reports SET due_at = $2, escalation_level = $3 WHERE id = $1`, [id, dueAt, level]);
    const now = Date.now();

    const assigned = async (
      key: keyof typeof r,
      categoryId: string,
      agencyId: string,
      dueAt: Date | null,
      level: number,
    ) => {
      r[key] = await file(categoryId, `Phản ánh ${key}: cống thoát nước bị tắc gây ngập úng`);
      await act(r[key].id, 'assign', { agencyId });
      if (dueAt) await late(r[key].id, dueAt, level);
    };
    // 40 calendar days hold at least 10 weekend days, so a40 is at most 30 working days (13 500 min) late:
    // fewer minutes than b10's 14 400 elapsed minutes, but three times as many days.
    await assigned('a40', c.category.id, c.agencyA.id, new Date(now - 40 * DAY), 3);
    await assigned('b10', cat24.id, c.agencyA.id, new Date(now - 10 * DAY), 2);
    // 11 calendar days hold at least 2 weekend days: at most 9 working days, so b10 (10.0) outranks it although
    // c11's deadline is earlier.
    await assigned('c11', c.category.id, c.agencyA.id, new Date(now - 11 * DAY), 1);
    await assigned('d20', c.category.id, c.agencyB.id, new Date(now - 20 * DAY), 3);
    await assigned('fri', c.category.id, c.agencyB.id, fridayAt1600(), 1);
    await assigned('onTime', c.category.id, c.agencyA.id, null, 0); // the assignment's own deadline is ahead

    r.unassigned = await file(c.category.id, 'Chưa sàng lọc: rác thải tồn đọng nhiều ngày');
    await late(r.unassigned.id, new Date(now - 5 * DAY), 1);
    // need_info pauses the clock: a past due_at there is not "overdue now".
    r.paused = await file(c.category.id, 'Cần bổ sung: đèn chiếu sáng không hoạt động');
    await act(r.paused.id, 'request-info', { question: 'Đề nghị cho biết số cột đèn?' });
    await late(r.paused.id, new Date(now - 30 * DAY), 3);
  });
  afterAll(() => t.close());

  it('lists exactly the cases late now, most overdue first in working days', async () => {
    const page = await list();
    expect(page.total).toBe(6);
    expect(new Set(ids(page.items))).toEqual(
      new Set([r.a40.id, r.b10.id, r.c11.id, r.d20.id, r.fri.id, r.unassigned.id]),
    );
    const days = page.items.map((i) => i.overdueWorkingDays);
    expect(days).toEqual([...days].sort((x, y) => y - x));
    const order = ids(page.items);
    expect(order.indexOf(r.a40.id)).toBeLessThan(order.indexOf(r.b10.id));
    expect(order.indexOf(r.b10.id)).toBeLessThan(order.indexOf(r.c11.id));
    // The order is by days, not by raw minutes: a40 has fewer working minutes than b10.
    const byId = new Map(page.items.map((i) => [i.reportId, i]));
    expect(byId.get(r.a40.id)!.overdueWorkingMinutes).toBeLessThan(byId.get(r.b10.id)!.overdueWorkingMinutes);

    expect(byId.get(r.a40.id)).toMatchObject({
      code: r.a40.code,
      status: 'assigned',
      agencyId: c.agencyA.id,
      agencyName: 'Sở Xây dựng',
      categoryId: c.category.id,
      escalationLevel: 3,
      title: 'Phản ánh a40: cống thoát nước bị tắc gây ngập úng',
    });
    expect(byId.get(r.d20.id)).toMatchObject({ agencyName: 'Công ty Điện lực', escalationLevel: 3 });
    expect(byId.get(r.unassigned.id)).toMatchObject({ status: 'received', agencyId: null, agencyName: null });
  });

  it("measures lateness in working time of each case's calendar", async () => {
    const { items } = await list();
    const now = new Date();
    const calendars = t.app.get(CalendarService);
    for (const item of items) {
      const calendar = await calendars.calendar(calendarOf[item.categoryId]);
      const expected = calendar.workingMinutesBetween(new Date(item.dueAt), now);
      expect(Math.abs(item.overdueWorkingMinutes - expected)).toBeLessThanOrEqual(1);
      // One decimal of days, from the same minutes (allowing for the minutes having been rounded first).
      expect(Math.abs(item.overdueWorkingDays - expected / calendar.workingMinutesPerDay)).toBeLessThanOrEqual(0.051);
    }
    // Due on a Friday at 16:00: the weekend (and nights) do not count, so far less than the elapsed time.
    const fri = items.find((i) => i.reportId === r.fri.id)!;
    expect(new Date(fri.dueAt).toISOString()).toBe(fridayAt1600().toISOString());
    const elapsed = (now.getTime() - fridayAt1600().getTime()) / 60_000;
    expect(fri.overdueWorkingMinutes).toBeGreaterThan(0);
    expect(fri.overdueWorkingMinutes).toBeLessThan(elapsed / 2);
    // The 24x7 category counts every minute: b10 is 10 days late to the minute.
    const b10 = items.find((i) => i.reportId === r.b10.id)!;
    expect(
      Math.abs(b10.overdueWorkingMinutes - (now.getTime() - new Date(b10.dueAt).getTime()) / 60_000),
    ).toBeLessThanOrEqual(1);
    expect(b10.overdueWorkingDays).toBe(10);
  });

  it("says the same lateness on the staff's case views and lists, and none to the reporter or when on time", async () => {
    const { items } = await list();
    const reports = (token: string, query: Record<string, string>) =>
      t.http().get('/api/v1/reports').query(query).auth(token, { type: 'bearer' }).expect(200);
    const staffList = (await reports(c.screener.token, { overdue: 'true', pageSize: '100' })).body.items as Array<{
      id: string;
      overdueWorkingDays: number | null;
    }>;
    const agencyList = (await reports(c.officerA.token, { pageSize: '100' })).body.items as typeof staffList;
    for (const item of items) {
      const one = await t.http().get(`/api/v1/reports/${item.reportId}`).auth(c.screener.token, { type: 'bearer' });
      // The same figure, give or take the tenth a minute can turn between two reads.
      expect(Math.abs(one.body.overdueWorkingDays - item.overdueWorkingDays)).toBeLessThanOrEqual(0.1);
      const listed = staffList.find((x) => x.id === item.reportId)!;
      expect(Math.abs(listed.overdueWorkingDays! - item.overdueWorkingDays)).toBeLessThanOrEqual(0.1);
      if (item.agencyId === c.agencyA.id) {
        const own = agencyList.find((x) => x.id === item.reportId)!;
        expect(Math.abs(own.overdueWorkingDays! - item.overdueWorkingDays)).toBeLessThanOrEqual(0.1);
      }
    }
    expect(agencyList.find((x) => x.id === r.onTime.id)!.overdueWorkingDays).toBeNull();
    const mine = await t.http().get(`/api/v1/reports/${r.a40.id}`).auth(c.reporter.token, { type: 'bearer' });
    expect(mine.status).toBe(200);
    expect(mine.body.overdueWorkingDays).toBeUndefined();
  });

  it('filters by agency, minimum level and category', async () => {
    expect(new Set(ids((await list({ agencyId: c.agencyA.id })).items))).toEqual(
      new Set([r.a40.id, r.b10.id, r.c11.id]),
    );
    expect(new Set(ids((await list({ level: 3 })).items))).toEqual(new Set([r.a40.id, r.d20.id]));
    expect(new Set(ids((await list({ level: 2 })).items))).toEqual(new Set([r.a40.id, r.b10.id, r.d20.id]));
    expect(ids((await list({ categoryId: cat24.id })).items)).toEqual([r.b10.id]);
    const both = await list({ agencyId: c.agencyB.id, level: 3 });
    expect(both).toMatchObject({ total: 1, items: [{ reportId: r.d20.id }] });
  });

  it('sorts by deadline on request and pages in SQL', async () => {
    const byDue = (await list({ sort: 'due_asc' })).items;
    const due = byDue.map((i) => new Date(i.dueAt).getTime());
    expect(due).toEqual([...due].sort((x, y) => x - y));
    expect(ids(byDue).slice(0, 2)).toEqual([r.a40.id, r.d20.id]);
    expect(ids(byDue).indexOf(r.c11.id)).toBeLessThan(ids(byDue).indexOf(r.b10.id));

    const all = ids((await list()).items);
    const second = await list({ page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(ids(second.items)).toEqual(all.slice(2, 4));
    const last = await list({ page: 3, pageSize: 2 });
    expect(ids(last.items)).toEqual(all.slice(4, 6));
    const pastEnd = await list({ page: 9, pageSize: 2 });
    expect(pastEnd).toMatchObject({ total: 6, items: [] });
    const dueSecond = await list({ page: 2, pageSize: 2, sort: 'due_asc' });
    expect(ids(dueSecond.items)).toEqual(ids(byDue).slice(2, 4));
  });

  it('shows an agency leader their own agency only, and refuses other roles', async () => {
    const own = await list({}, c.leaderA.token);
    expect(new Set(ids(own.items))).toEqual(new Set([r.a40.id, r.b10.id, r.c11.id]));
    expect(own.total).toBe(3);
    expect(ids((await list({ agencyId: c.agencyA.id }, c.leaderA.token)).items)).toEqual(ids(own.items));
    const other = await get(c.leaderA.token, { agencyId: c.agencyB.id }).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');

    for (const token of [c.screener.token, c.admin.token]) {
      expect((await get(token).expect(200)).body.total).toBe(6);
    }
    const someone = await citizen(t);
    for (const token of [someone.token, c.reporter.token, c.officerA.token, c.operator.token]) {
      const res = await get(token).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await t.http().get('/api/v1/overdue').expect(401);
  });

  it('validates the query', async () => {
    const bad: Array<Record<string, string | number>> = [
      { level: 4 },
      { level: 0 },
      { agencyId: 'not-a-uuid' },
      { categoryId: 'x' },
      { sort: 'random' },
      { pageSize: 1000 },
      { colour: 'red' },
    ];
    for (const query of bad) {
      const res = await get(c.leader.token, query).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

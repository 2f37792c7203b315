import { createWorkingCalendar, DEFAULT_OFFICE_HOURS } from '@app/calendar';
import { workingTimeFunctionsSql } from '@app/calendar/working-time-sql';
import { CalendarService } from '@app/reference';
import { countIndicators, IndicatorFacts, median, WorkingDaysService } from '@app/stats';
import { statsCompactFunctionSql, statsRollupFunctionsSql } from '@app/stats/indicators-sql';
import { ReportsService } from '@app/reports';
import { actorOf } from '@app/reports/report-view.policy';
import { parseAction } from '../src/reports/action-body';
import { cast, category, citizen, Login, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const LOCAL_TZ = 'Asia/Ho_Chi_Minh';
/** Local date and time computed with the tz database, not with the code under test. */
const localYmd = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: LOCAL_TZ, dateStyle: 'short' }).format(d);
const localDateTime = (d: Date) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: LOCAL_TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};

/** A strict RFC 4180 reader: CRLF between records, quotes only around whole fields, "" inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') field += text[i++];
      else [quoted, closed] = [false, true];
    } else if (ch === ',' || (ch === '\r' && text[i + 1] === '\n')) {
      row.push(field);
      [field, closed] = ['', false];
      if (ch === '\r') [rows[rows.length], row, i] = [row, [], i + 1];
    } else if (closed || ch === '\r' || ch === '\n' || (ch === '"' && field !== '')) {
      throw new Error(`not RFC 4180 at offset ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
    } else if (ch === '"') quoted = true;
    else field += ch;
  }
  if (quoted || field !== '' || row.length) throw new Error('the last record is unterminated');
  return rows;
}

/** Runs `fn` over `items`, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

describe('leadership statistics (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  const file = async (token: string, categoryId: string, over: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send(reportBody(categoryId, over))
        .expect(201)
    ).body as { id: string; code: string };
  const act = async (token: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await t
      .http()
      .post(`/api/v1/reports/${id}/actions/${action}`)
      .auth(token, { type: 'bearer' })
      .send(body);
    if (res.status !== 200) throw new Error(`${action} on ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const get = (token: string | null, path: string, query: Record<string, string> = {}) => {
    const req = t.http().get(`/api/v1/stats/${path}`).query(query);
    return token ? req.auth(token, { type: 'bearer' }) : req;
  };
  const bytes = (token: string, path: string, query: Record<string, string>) =>
    get(token, path, query)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        const stream = res as unknown as NodeJS.ReadableStream;
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
  // Wide enough for every report of this file, including the case moved 16 days back.
  const around = () => ({ from: localYmd(new Date(Date.now() - 40 * DAY)), to: localYmd(new Date(Date.now() + DAY)) });

  beforeAll(async () => {
    // A province's load comes from thousands of users; here a few users play it all, so the per-user limits are lifted.
    t = await createTestApp({
      STATS_MONTH_CUTOFF_DAY: '15',
      STATS_MONTH_CUTOFF_HOUR: '8',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
    });
    c = await cast(t);
  });
  afterAll(() => t.close());

  describe('Thái Nguyên 2024 (970 reports) through the real API and workflow', () => {
    let categoryId: string;
    // The 970 lives go through the service layer the routes call (the same create and act: body parsing, the
    // workflow's decide, the clock, the outbox), skipping only HTTP and the token check, which the other tests of
    // this file and the workflow's own tests cover. About 3,500 requests over HTTP took minutes on a busy 2-core
    // machine and overran the hook's limit (issue 20).
    const fileDirect = async (reporter: Login, over: Record<string, unknown>) =>
      t.app
        .get(ReportsService)
        .create(reportBody(categoryId, over), { actor: reporter, channel: 'app', reporterId: reporter.id });
    const actDirect = async (user: Login, id: string, slug: string, body: Record<string, unknown> = {}) => {
      const { command, expectedVersion } = parseAction(slug, body);
      if (!(await t.app.get(ReportsService).act(id, command, actorOf(user), expectedVersion))) {
        throw new Error(`${slug} on ${id}: not found`);
      }
    };

    beforeAll(async () => {
      categoryId = (await category(t, { name: 'Hạ tầng đô thị', defaultAgencyId: c.agencyA.id })).id;
      const reporters = [c.reporter, ...(await Promise.all([1, 2, 3].map(() => citizen(t))))];
      const master = await file(c.reporter.token, categoryId);
      // How each of the 970 ends: the provincial figures (483 resolved or closed, 290 need_info, 80 cancelled,
      // 117 with agencies), with a realistic mix of routes into each.
      const plan = [
        ...Array<string>(299).fill('resolved'),
        ...Array<string>(183).fill('closed'),
        ...Array<string>(250).fill('info_screening'),
        ...Array<string>(40).fill('info_agency'),
        ...Array<string>(40).fill('reject'),
        ...Array<string>(20).fill('duplicate'),
        ...Array<string>(20).fill('withdraw'),
        ...Array<string>(40).fill('assigned'),
        ...Array<string>(50).fill('in_progress'),
        ...Array<string>(27).fill('pending_review'),
      ];
      const run = async (end: string, i: number, existing?: { id: string }) => {
        const reporter = reporters[i % reporters.length];
        const [agencyId, officer] = i % 3 ? [c.agencyA.id, c.officerA] : [c.agencyB.id, c.officerB];
        const r = existing ?? (await fileDirect(reporter, { description: `Phản ánh số ${i}: đèn chiếu sáng hỏng` }));
        if (end === 'info_screening') return actDirect(c.screener, r.id, 'request-info', { question: 'Xin thêm ảnh?' });
        if (end === 'reject')
          return actDirect(c.screener, r.id, 'reject', { reason: 'not_eligible', note: 'Không thuộc phạm vi' });
        if (end === 'duplicate') return actDirect(c.screener, r.id, 'mark-duplicate', { duplicateOfId: master.id });
        if (end === 'withdraw') return actDirect(reporter, r.id, 'withdraw');
        await actDirect(c.screener, r.id, 'assign', { agencyId });
        if (end === 'assigned') return;
        await actDirect(officer, r.id, 'acknowledge');
        if (end === 'info_agency') return actDirect(officer, r.id, 'request-info', { question: 'Số nhà cụ thể?' });
        if (end === 'in_progress') return;
        await actDirect(officer, r.id, 'submit-result', { text: 'Đã thay bóng đèn' });
        if (end === 'pending_review') return;
        await actDirect(c.screener, r.id, 'approve-result');
        if (i % 25 === 0) await actDirect(reporter, r.id, 'rate', { satisfied: false, comment: 'Chưa sáng' });
        else if (i % 4 === 0) await actDirect(reporter, r.id, 'rate', { satisfied: true });
        if (end === 'closed') await actDirect(c.screener, r.id, 'close');
      };
      await run('resolved', 0, master);
      await inParallel(plan, 20, (end, i) => run(end, i + 1));
      // About 40 s on a quiet 2-core machine; a limit, not a target: the same work took over 180 s beside five other
      // agents' builds and tests (load 15), and a test that fails only because the machine is busy tells nothing.
    }, 600_000);

    it('returns exactly the provincial status groups', async () => {
      const res = await get(c.leader.token, 'overview', { ...around(), categoryId }).expect(200);
      expect(res.body.total).toBe(970);
      expect(res.body.groups).toEqual({
        resolved: 483,
        needInfo: 290,
        cancelled: 80,
        inProgress: 117,
        waitingScreening: 0,
      });
      expect(res.body.byStatus).toMatchObject({
        received: 0,
        need_info: 290,
        cancelled: 80,
        assigned: 40,
        in_progress: 50,
        pending_review: 27,
      });
      expect(res.body.byStatus.resolved + res.body.byStatus.closed).toBe(483);
      expect(res.body.byStatus.closed).toBe(183);
      // Nothing was late; the handled ones are i = 0..482 of the plan, and every 25th was rated not satisfied.
      expect(res.body).toMatchObject({ handled: 483, onTime: 483, onTimeRate: 1, notSatisfied: 20, complainedLate: 0 });
      expect(res.body.satisfactionRate).toBeCloseTo((483 - 20) / 483, 4);
      expect(res.body.trend.reduce((s: number, p: { received: number }) => s + p.received, 0)).toBe(970);
    });

    it('splits the same reports by agency and by category', async () => {
      const agencies = (await get(c.leader.token, 'agencies', { ...around(), categoryId }).expect(200)).body as Array<
        Record<string, number>
      >;
      const sum = (key: string) => agencies.reduce((s, a) => s + a[key], 0);
      // Unassigned at the end: screening requests, rejections, duplicates, withdrawals (and the citizen's need_info).
      expect(sum('received')).toBe(970 - 250 - 40 - 20 - 20);
      expect(sum('handled')).toBe(483);
      const categories = (await get(c.leader.token, 'categories', around()).expect(200)).body as Array<{
        categoryId: string;
        received: number;
      }>;
      expect(categories.find((row) => row.categoryId === categoryId)?.received).toBe(970);
    });
  });

  describe('on-time and satisfaction rates on a hand-computed set', () => {
    let catS: string;
    const r: Record<string, { id: string; code: string }> = {};
    const TRICKY = 'Cống "ngầm" bị vỡ, nước tràn ra đường Lương Ngọc Quyến\nTổ 5, phường Phan Đình Phùng';
    const FORMULA = '=HYPERLINK("http://example.invalid","Bấm vào đây")';

    beforeAll(async () => {
      catS = (await category(t, { name: 'Môi trường – vệ sinh', defaultAgencyId: c.agencyA.id })).id;
      const sql = (text: string, params: unknown[]) => t.db.query(text, params);
      const who = { A: c.officerA, B: c.officerB };
      const toWork = async (key: string, agency: 'A' | 'B' = 'A', description?: string) => {
        r[key] = await file(c.reporter.token, catS, description ? { description } : {});
        await act(c.screener.token, r[key].id, 'assign', { agencyId: agency === 'A' ? c.agencyA.id : c.agencyB.id });
        await act(who[agency].token, r[key].id, 'acknowledge');
      };
      const finish = async (key: string, agency: 'A' | 'B' = 'A') => {
        await act(who[agency].token, r[key].id, 'submit-result', { text: 'Đã xử lý xong' });
        await act(c.screener.token, r[key].id, 'approve-result');
      };
      // A: on time, satisfied. B: on time, not satisfied.
      await toWork('A');
      await finish('A');
      await act(c.reporter.token, r.A.id, 'rate', { satisfied: true });
      await toWork('B');
      await finish('B');
      await act(c.reporter.token, r.B.id, 'rate', { satisfied: false });
      // C: the resolution deadline passed before the result (simulated in SQL): late.
      await toWork('C');
      await sql(
        `UPDATE reports SET due_at = now() - interval '1 day', resolution_due_at = now() - interval '1 day' WHERE id = $1`,
        [r.C.id],
      );
      await finish('C');
      // C2 (agency B): screening was late, the agency then met its own deadline: still late (was_overdue).
      r.C2 = await file(c.reporter.token, catS);
      await sql(`UPDATE reports SET due_at = now() - interval '1 hour' WHERE id = $1`, [r.C2.id]);
      await act(c.screener.token, r.C2.id, 'assign', { agencyId: c.agencyB.id });
      await act(c.officerB.token, r.C2.id, 'acknowledge');
      await finish('C2', 'B');
      // D: assigned 16 days ago, paused in need_info one working hour before its deadline; the citizen answered
      // ten days after that deadline, the agency within the hour it had left: on time.
      await toWork('D');
      await act(c.officerA.token, r.D.id, 'request-info', { question: 'Đề nghị cho biết vị trí cụ thể?' });
      await sql(
        `UPDATE reports SET paused_remaining_minutes = 60, resolution_due_at = now() - interval '10 days',
                 first_assigned_at = now() - interval '16 days', created_at = now() - interval '16 days' WHERE id = $1`,
        [r.D.id],
      );
      await act(c.reporter.token, r.D.id, 'provide-info', { text: 'Trước cổng trường tiểu học' });
      await finish('D');
      // E: still waiting for the citizen. F: reopened, handled again. G: not satisfied AND reopened (counted once).
      r.E = await file(c.reporter.token, catS, { description: TRICKY });
      await act(c.screener.token, r.E.id, 'request-info', { question: 'Xin ảnh?' });
      await toWork('F');
      await finish('F');
      await act(c.reporter.token, r.F.id, 'reopen', { reason: 'Vẫn còn rác' });
      await finish('F');
      await toWork('G');
      await finish('G');
      await act(c.reporter.token, r.G.id, 'rate', { satisfied: false });
      await act(c.reporter.token, r.G.id, 'reopen', { reason: 'Chưa xử lý triệt để' });
      await finish('G');
      // H: result waiting for review (not handled). I: rejected; its text tries a spreadsheet formula.
      await toWork('H');
      await act(c.officerA.token, r.H.id, 'submit-result', { text: 'Đã xử lý' });
      r.I = await file(c.reporter.token, catS, { description: FORMULA });
      await act(c.screener.token, r.I.id, 'reject', { reason: 'spam', note: 'Nội dung không phù hợp' });
      // Handling times worth averaging: A took 3 days, B 26 hours, C 8 days (in elapsed time; counted in working time).
      for (const [key, back] of [
        ['A', 3 * DAY],
        ['B', 26 * HOUR],
        ['C', 8 * DAY],
      ] as const) {
        await sql(
          `UPDATE reports SET first_assigned_at = handled_at - $2::float8 * interval '1 millisecond' WHERE id = $1`,
          [r[key].id, back],
        );
      }
    }, 60_000);

    it('computes the rates exactly as worked out by hand', async () => {
      const res = await get(c.leader.token, 'overview', { ...around(), categoryId: catS }).expect(200);
      // Handled: A B C C2 D F G. On time: A B D F G. Not satisfied: B G. Complained (reopened, not already counted): F.
      // Rated: A B G (the unrated four count as satisfied).
      expect(res.body).toMatchObject({
        total: 10,
        handled: 7,
        onTime: 5,
        notSatisfied: 2,
        complainedLate: 1,
        rated: 3,
      });
      expect(res.body.onTimeRate).toBeCloseTo(5 / 7, 4);
      expect(res.body.satisfactionRate).toBeCloseTo((7 - 2 - 1) / 7, 4);
      expect(res.body.groups).toEqual({ resolved: 7, needInfo: 1, cancelled: 1, inProgress: 1, waitingScreening: 0 });
      expect(res.body.trend.reduce((s: number, p: { handled: number }) => s + p.handled, 0)).toBe(7);
      expect(
        res.body.trend.find((p: { bucket: string }) => p.bucket === localYmd(new Date(Date.now() - 16 * DAY))).received,
      ).toBe(1);
      // Weekly buckets are the local Mondays (SQL keys equal to the JS ones: an unknown key would add a bucket).
      const weekly = (
        await get(c.leader.token, 'overview', { ...around(), categoryId: catS, granularity: 'week' }).expect(200)
      ).body.trend;
      const first = new Date(`${around().from}T00:00:00Z`);
      first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
      const mondays: string[] = [];
      for (const d = first; d.toISOString().slice(0, 10) <= around().to; d.setUTCDate(d.getUTCDate() + 7))
        mondays.push(d.toISOString().slice(0, 10));
      expect(weekly.map((p: { bucket: string }) => p.bucket)).toEqual(mondays);
      expect(
        weekly.reduce((s: number, p: { received: number; handled: number }) => s + p.received * 100 + p.handled, 0),
      ).toBe(10 * 100 + 7);

      // The same numbers from the pure definitions applied to the stored rows, and the handling time from the JS calendar.
      const rows: Array<Record<string, any>> = await t.db.query(
        `SELECT r.status, r.handled_at, r.resolution_due_at, r.was_overdue, r.rating_satisfied, r.first_assigned_at,
                EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'report.reopened') AS reopened,
                r.reopened AS stored_reopened
           FROM reports r WHERE r.category_id = $1`,
        [catS],
      );
      // The flag the statistics read is set with the reopen itself (F and G).
      expect(rows.map((x) => x.stored_reopened)).toEqual(rows.map((x) => x.reopened));
      expect(rows.filter((x) => x.stored_reopened)).toHaveLength(2);
      const facts: IndicatorFacts[] = rows.map((x) => ({
        status: x.status,
        handledAt: x.handled_at,
        resolutionDueAt: x.resolution_due_at,
        wasOverdue: x.was_overdue,
        ratingSatisfied: x.rating_satisfied,
        reopened: x.reopened,
      }));
      expect(countIndicators(facts)).toEqual({ handled: 7, onTime: 5, notSatisfied: 2, complainedLate: 1, rated: 3 });
      const office = await t.app.get(CalendarService).calendar('office');
      const minutes = rows
        .filter((x) => ['resolved', 'closed'].includes(x.status))
        .map((x) => office.workingMinutesBetween(x.first_assigned_at, x.handled_at));
      expect(Math.max(...minutes)).toBeGreaterThan(8 * 60); // the test data really spans working days
      expect(res.body.avgHandlingHours).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length / 60, 2);
      expect(res.body.medianHandlingHours).toBeCloseTo(median(minutes)! / 60, 2);
    });

    it('gives each agency its own figures', async () => {
      const rows = (await get(c.leader.token, 'agencies', { ...around(), categoryId: catS }).expect(200)).body;
      const a = rows.find((x: { agencyId: string }) => x.agencyId === c.agencyA.id);
      const b = rows.find((x: { agencyId: string }) => x.agencyId === c.agencyB.id);
      expect(a).toMatchObject({
        name: 'Sở Xây dựng',
        handled: 6,
        onTime: 5,
        notSatisfied: 2,
        complainedLate: 1,
        rated: 3,
        satisfactionRate: 0.5,
      });
      expect(a.onTimeRate).toBeCloseTo(5 / 6, 4);
      // Nobody rated agency B's one case: the rate stays 1 (unrated counts as satisfied), rated says there is no rating.
      expect(b).toMatchObject({ handled: 1, onTime: 0, onTimeRate: 0, satisfactionRate: 1, rated: 0 });
    });

    it('narrows agency leaders to their agency and refuses other roles', async () => {
      const own = (await get(c.leaderA.token, 'overview', { ...around(), categoryId: catS }).expect(200)).body;
      expect(own).toMatchObject({ handled: 6, onTime: 5 });
      const rows = (await get(c.leaderA.token, 'agencies', around()).expect(200)).body;
      expect(rows.map((x: { agencyId: string }) => x.agencyId)).toEqual([c.agencyA.id]);
      expect((await get(c.leaderA.token, 'overview', { agencyId: c.agencyB.id }).expect(403)).body.code).toBe(
        'FORBIDDEN',
      );
      await get(c.leaderA.token, 'hotline').expect(403);
      for (const who of [c.officerA, c.operator, c.reporter]) await get(who.token, 'overview').expect(403);
      await get(null, 'overview').expect(401);
      await get(c.screener.token, 'overview', { from: '2024-02-30' }).expect(400);
    });

    it('exports the reports as CSV that a spreadsheet reads back exactly', async () => {
      const res = await bytes(c.leader.token, 'export.csv', { ...around(), categoryId: catS }).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const { from, to } = around();
      expect(res.headers['content-disposition']).toBe(`attachment; filename=thong-ke-phan-anh_${from}_${to}.csv`);
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = parseCsv(body.subarray(3).toString('utf8'));
      expect(header).toEqual([
        'Mã phản ánh',
        'Thời điểm tiếp nhận',
        'Lĩnh vực',
        'Cơ quan xử lý',
        'Trạng thái',
        'Kênh tiếp nhận',
        'Hạn xử lý',
        'Thời điểm xử lý',
        'Đúng hạn',
        'Đánh giá',
        'Nội dung',
      ]);
      expect(records).toHaveLength(10);
      const byCode = new Map(records.map((x) => [x[0], x]));
      expect(byCode.get(r.E.code)![10]).toBe(TRICKY);
      expect(byCode.get(r.I.code)![10]).toBe(`'${FORMULA}`);
      expect(byCode.get(r.A.code)!.slice(2, 10)).toEqual([
        'Môi trường – vệ sinh',
        'Sở Xây dựng',
        'Đã xử lý',
        'Ứng dụng di động',
        expect.any(String),
        expect.any(String),
        'Đúng hạn',
        'Hài lòng',
      ]);
      expect(byCode.get(r.B.code)![9]).toBe('Không hài lòng');
      expect(byCode.get(r.C.code)![8]).toBe('Trễ hạn');
      expect(byCode.get(r.H.code)!.slice(4, 9)).toEqual([
        'Chờ duyệt kết quả',
        'Ứng dụng di động',
        expect.any(String),
        '',
        '',
      ]);
      const [d] = await t.db.query(`SELECT created_at, handled_at FROM reports WHERE id = $1`, [r.D.id]);
      expect(byCode.get(r.D.code)!.slice(1, 2).concat(byCode.get(r.D.code)![7])).toEqual([
        localDateTime(d.created_at),
        localDateTime(d.handled_at),
      ]);

      const agencyCsv = await bytes(c.leader.token, 'agencies.csv', { ...around(), categoryId: catS }).expect(200);
      expect([...(agencyCsv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const agencyRows = parseCsv((agencyCsv.body as Buffer).subarray(3).toString('utf8'));
      const agencyA = agencyRows.find((x) => x[0] === 'Sở Xây dựng')!;
      expect(agencyA.slice(3, 6)).toEqual(['6', '5', '83.33']);
      // Not satisfied, reopened, the ratings behind the rate, the rate.
      expect(agencyA.slice(8)).toEqual(['2', '1', '3', '50']);
      await bytes(c.officerA.token, 'export.csv', around()).expect(403);
    });

    it('streams a whole period in chunks, every report once, and only their own agency to an agency leader', async () => {
      // Enough extra reports to cross a 1,000-row chunk boundary.
      const misc = (await category(t, { name: 'Khác' })).id;
      await inParallel(Array.from({ length: 40 }), 10, () => file(c.reporter.token, misc));
      const { from, to } = around();
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reports WHERE created_at >= $1`, [
        new Date(`${from}T00:00:00+07:00`),
      ]);
      expect(n).toBeGreaterThan(1000);
      const all = parseCsv(
        (await bytes(c.leader.token, 'export.csv', { from, to }).expect(200)).body.subarray(3).toString('utf8'),
      ).slice(1);
      expect(all).toHaveLength(n);
      expect(new Set(all.map((x) => x[0])).size).toBe(n);
      const mine = parseCsv(
        (await bytes(c.leaderA.token, 'export.csv', { from, to }).expect(200)).body.subarray(3).toString('utf8'),
      ).slice(1);
      const [{ a }] = await t.db.query(`SELECT count(*)::int AS a FROM reports WHERE agency_id = $1`, [c.agencyA.id]);
      expect(mine).toHaveLength(a);
      expect(new Set(mine.map((x) => x[3]))).toEqual(new Set(['Sở Xây dựng']));
    });
  });

  it('counts hotline calls by outcome and local day', async () => {
    const catH = (await category(t, { name: 'Giao thông' })).id;
    const noon = (daysBack: number) => `${localYmd(new Date(Date.now() - daysBack * DAY))}T12:00:00+07:00`;
    const call = (outcome: string, daysBack: number, extra: Record<string, unknown> = {}) =>
      t
        .http()
        .post('/api/v1/hotline/calls')
        .auth(c.operator.token, { type: 'bearer' })
        .send({ callerPhone: '0912345678', startedAt: noon(daysBack), outcome, ...extra })
        .expect(201);
    await call('consultation', 2);
    await call('consultation', 2);
    await call('other', 1);
    const report = (await call('new_report', 0, { report: reportBody(catH) })).body.report;
    await call('existing_report', 0, { reportId: report.id });
    const from = localYmd(new Date(Date.now() - 2 * DAY));
    const res = await get(c.screener.token, 'hotline', { from, to: localYmd(new Date()) }).expect(200);
    expect(res.body.total).toBe(5);
    expect(res.body.byOutcome).toEqual({ new_report: 1, existing_report: 1, consultation: 2, other: 1 });
    expect(res.body.perDay.map((d: { date: string; total: number }) => [d.date, d.total])).toEqual([
      [from, 2],
      [localYmd(new Date(Date.now() - DAY)), 1],
      [localYmd(new Date()), 2],
    ]);
  });

  it('cuts monthly periods at the configured day and hour', async () => {
    const catM = (await category(t, { name: 'Du lịch' })).id;
    const inside = await file(c.reporter.token, catM);
    const outside = await file(c.reporter.token, catM);
    // STATS_MONTH_CUTOFF_DAY=15, HOUR=8: March 2024 is 15/02 08:00 to 15/03 08:00, Vietnam time.
    await t.db.query(`UPDATE reports SET created_at = '2024-03-15T07:59:00+07:00' WHERE id = $1`, [inside.id]);
    await t.db.query(`UPDATE reports SET created_at = '2024-03-15T08:00:00+07:00' WHERE id = $1`, [outside.id]);
    const res = await get(c.leader.token, 'overview', { period: 'month', month: '2024-03', categoryId: catM }).expect(
      200,
    );
    expect(res.body.period).toMatchObject({
      from: '2024-02-15T01:00:00.000Z',
      to: '2024-03-15T01:00:00.000Z',
      granularity: 'day',
    });
    expect(res.body.total).toBe(1);
  });

  it('computes working time in SQL exactly as the JS calendar, with holidays and admin exceptions', async () => {
    // A swapped working Saturday and an extra day off around Tết 2025 (29/01/2025).
    await t
      .http()
      .put('/api/v1/admin/calendar/exceptions')
      .auth(c.admin.token, { type: 'bearer' })
      .send([
        { date: '2025-01-04', kind: 'working', note: 'Làm bù' },
        { date: '2025-01-08', kind: 'off', note: 'Nghỉ' },
      ])
      .expect(200);
    await t.app.get(WorkingDaysService).ensure();
    const office = await t.app.get(CalendarService).calendar('office');
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = Date.parse('2024-12-20T00:00:00+07:00');
    const pairs = Array.from({ length: 400 }, () => {
      const a = start + rand() * 60 * DAY;
      return [new Date(a), new Date(a + rand() * 20 * DAY)];
    });
    // A minute either side of every office period's start and end (DEFAULT_OFFICE_HOURS), on a working Monday,
    // and from a Friday to the next Tuesday, so that each hour of the SQL and the offset are exercised.
    for (const hhmm of DEFAULT_OFFICE_HOURS.flatMap((p) => [p.start, p.end])) {
      for (const shift of [-60_000, 60_000]) {
        const at = Date.parse(`2025-01-13T${hhmm}:00+07:00`) + shift;
        pairs.push([new Date(Date.parse('2025-01-13T00:00:00+07:00')), new Date(at)]);
        pairs.push([new Date(at - 3 * DAY), new Date(at + DAY)]);
      }
    }
    pairs.push([new Date('2025-01-03T16:00:00+07:00'), new Date('2025-01-06T08:30:00+07:00')]); // across the swapped Saturday
    const sqlMinutes = async (calendar: string): Promise<number[]> =>
      (
        await t.db.query(
          `SELECT pa_working_minutes(a, b, $3) AS m FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS u(a, b, i) ORDER BY i`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1]), calendar],
        )
      ).map((r: { m: number }) => r.m);
    for (const kind of ['office', '24x7'] as const) {
      const js = kind === 'office' ? office : createWorkingCalendar('24x7');
      const sql = await sqlMinutes(kind);
      const mismatches = pairs.filter((p, i) => Math.abs(js.workingMinutesBetween(p[0], p[1]) - sql[i]) > 1e-6);
      expect([kind, mismatches]).toEqual([kind, []]);
    }
    // Friday 16:00–17:00, the working Saturday, Monday 07:30–08:30
    expect((await sqlMinutes('office')).at(-1)).toBe(60 + 450 + 60);
  });

  it('runs the SQL functions generated from the TypeScript constants, not hand-written copies', async () => {
    // The body between $$ … $$ of each generated statement is what Postgres must hold (migration 1763900001200).
    for (const statement of [...workingTimeFunctionsSql(), ...statsRollupFunctionsSql(), statsCompactFunctionSql()]) {
      const name = /FUNCTION (\w+)\(/.exec(statement)![1];
      const body = statement.slice(statement.indexOf('$$') + 2, statement.lastIndexOf('$$'));
      const [{ src }] = await t.db.query(`SELECT prosrc AS src FROM pg_proc WHERE proname = $1`, [name]);
      expect([name, src]).toEqual([name, body]);
    }
  });
});

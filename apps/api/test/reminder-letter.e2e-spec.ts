import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ReminderLettersService } from '@app/letters';
import { AgenciesService } from '@app/reference';
import { cast, citizen, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;
const XSS = '<script>alert("xss")</script> Ổ gà & nắp cống vỡ trên đường Lương Ngọc Quyến';

/** Local (Asia/Ho_Chi_Minh) calendar parts, computed with the tz database rather than the code under test. */
function localParts(d: Date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    hh: get('hour'),
    mm: get('minute'),
    weekday: get('weekday'),
  };
}
const ymd = (d: Date) => {
  const p = localParts(d);
  return `${p.y}-${p.m}-${p.d}`;
};

/**
 * pdftotext (poppler-utils, installed by .ci/run) reads the text a person would see in the PDF. Line breaks are
 * layout (a long subject wraps in its column), so whitespace runs become one space.
 */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'letter-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('reminder letters (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let agencyC: { id: string; code: string };
  const r: Record<'a1' | 'a2' | 'a3' | 'b1' | 'c1', { id: string; code: string; dueAt: Date }> = {} as never;

  const letter = (token: string, agencyId: string, query: Record<string, string | number> = {}) =>
    t
      .http()
      .get(`/api/v1/reminders/agencies/${agencyId}/letter`)
      .query(query)
      .auth(token, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        const stream = res as unknown as NodeJS.ReadableStream;
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
    // A code with Vietnamese letters, so that one download name needs filename* and an ASCII fallback.
    agencyC = await t.app
      .get(AgenciesService)
      .create({ code: `Phường-ĐĐP-${randomUUID().slice(0, 4)}`, name: 'UBND phường Phan Đình Phùng' });
    const now = Date.now();
    const make = async (
      key: keyof typeof r,
      agencyId: string,
      daysLate: number,
      level: number,
      over: Record<string, unknown>,
    ) => {
      const report = (
        await t
          .http()
          .post('/api/v1/reports')
          .auth(c.reporter.token, { type: 'bearer' })
          .send(reportBody(c.category.id, over))
          .expect(201)
      ).body;
      await t
        .http()
        .post(`/api/v1/reports/${report.id}/actions/assign`)
        .auth(c.screener.token, { type: 'bearer' })
        .send({ agencyId })
        .expect(200);
      const dueAt = new Date(now - daysLate * DAY);
      // Lateness is simulated in SQL: the escalation engine that normally writes these columns is not under test.
      await t.db.query(`UPDATE reports SET due_at = $2, escalation_level = $3 WHERE id = $1`, [
        report.id,
        dueAt,
        level,
      ]);
      r[key] = { id: report.id, code: report.code, dueAt };
    };
    await make('a1', c.agencyA.id, 9, 3, { description: XSS });
    await make('a2', c.agencyA.id, 6, 3, { title: 'Đèn đường hỏng kéo dài', description: 'Cả dãy đèn tắt từ 19 giờ' });
    await make('a3', c.agencyA.id, 1, 1, { description: 'Vỉa hè bị lấn chiếm để kinh doanh' });
    await make('b1', c.agencyB.id, 8, 3, { description: 'Dây điện võng thấp qua ngõ 12' });
    await make('c1', agencyC.id, 4, 2, { description: 'Cây xanh gãy đổ chưa được thu dọn' });
  });
  afterAll(() => t.close());

  it("renders the PDF letter with Vietnamese text, the agency's overdue cases and a download name", async () => {
    const res = await letter(c.leader.token, c.agencyA.id).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const name = `don-doc-${c.agencyA.code}-${ymd(new Date())}.pdf`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename=${name}`); // ASCII: no filename* needed
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = pdfText(pdf);
    for (const expected of [
      'UBND TỈNH THÁI NGUYÊN',
      'TRUNG TÂM GIÁM SÁT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'V/v đôn đốc xử lý phản ánh hiện trường quá hạn',
      'Kính gửi: Sở Xây dựng',
      'Nơi nhận',
      'GIÁM ĐỐC',
      r.a1.code,
      r.a2.code,
      r.a3.code,
      'Đèn đường hỏng kéo dài',
    ]) {
      expect(text).toContain(expected);
    }
    const p = localParts(new Date());
    const month = Number(p.m) <= 2 ? p.m : String(Number(p.m));
    expect(text).toContain(`Thái Nguyên, ngày ${p.d} tháng ${month} năm ${p.y}`);
    expect(text).not.toContain(r.b1.code);
    expect(text).not.toContain(r.c1.code);

    // Only the cases at or above a level when asked (the weekly letter uses level 3).
    const level3 = pdfText((await letter(c.leader.token, c.agencyA.id, { level: 3, format: 'pdf' }).expect(200)).body);
    expect(level3).toContain(r.a1.code);
    expect(level3).not.toContain(r.a3.code);
  });

  it('names the other agency with its diacritics', async () => {
    const text = pdfText((await letter(c.screener.token, c.agencyB.id).expect(200)).body);
    expect(text).toContain('Kính gửi: Công ty Điện lực');
    expect(text).toContain(r.b1.code);
    expect(text).toContain('đôn đốc');
  });

  it('names a download with Vietnamese letters in filename* and their ASCII reading in filename', async () => {
    const res = await letter(c.leader.token, agencyC.id, { format: 'html' }).expect(200);
    const suffix = agencyC.code.slice('Phường-ĐĐP-'.length);
    const name = `don-doc-${agencyC.code}-${ymd(new Date())}.html`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename=don-doc-Phuong-DDP-${suffix}-${ymd(new Date())}.html; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });

  it('renders HTML with citizen text escaped, never as markup', async () => {
    const res = await letter(c.admin.token, c.agencyA.id, { format: 'html' }).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename=don-doc-${c.agencyA.code}-${ymd(new Date())}.html`,
    );
    const html = (res.body as Buffer).toString('utf8');
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Ổ gà &amp; nắp cống vỡ');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Kính gửi: Sở Xây dựng');
    const due = localParts(r.a1.dueAt);
    expect(html).toContain(`${due.d}/${due.m}/${due.y} ${due.hh}:${due.mm}`);
    for (const code of [r.a1.code, r.a2.code, r.a3.code]) expect(html).toContain(code);
  });

  it("lets an agency leader fetch only their own agency's letter and refuses other roles", async () => {
    await letter(c.leaderA.token, c.agencyA.id).expect(200);
    const other = await letter(c.leaderA.token, c.agencyB.id).expect(404);
    expect(JSON.parse(other.body.toString()).code).toBe('NOT_FOUND');
    const someone = await citizen(t);
    for (const token of [someone.token, c.officerA.token, c.operator.token]) {
      const res = await letter(token, c.agencyA.id).expect(403);
      expect(JSON.parse(res.body.toString()).code).toBe('FORBIDDEN');
    }
    const unknown = await letter(c.leader.token, randomUUID()).expect(404);
    expect(JSON.parse(unknown.body.toString()).code).toBe('NOT_FOUND');
    await letter(c.leader.token, c.agencyA.id, { format: 'docx' }).expect(400);
    await letter(c.leader.token, 'not-a-uuid').expect(400);
  });

  it('prepares one letter per agency with level-3 cases each week, once', async () => {
    const letters = t.app.get(ReminderLettersService);
    // Two workers running the job at the same moment still make one letter per agency.
    const runs = await Promise.all([letters.prepareWeekly(), letters.prepareWeekly()]);
    expect(runs[0].created + runs[1].created).toBe(2);
    const today = new Date();
    const monday = localParts(
      new Date(
        today.getTime() - ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(localParts(today).weekday) * DAY,
      ),
    );
    expect(runs[0].weekStart).toBe(`${monday.y}-${monday.m}-${monday.d}`);

    const rows: Array<{ agency_id: string; week_start: string; case_ids: string[]; html: string }> = await t.db.query(
      `SELECT agency_id, week_start::text, case_ids, html FROM reminder_letters ORDER BY created_at`,
    );
    expect(rows).toHaveLength(2);
    const byAgency = new Map(rows.map((row) => [row.agency_id, row]));
    expect(new Set(byAgency.get(c.agencyA.id)!.case_ids)).toEqual(new Set([r.a1.id, r.a2.id])); // a3 is only level 1
    expect(byAgency.get(c.agencyB.id)!.case_ids).toEqual([r.b1.id]);
    expect(byAgency.has(agencyC.id)).toBe(false); // level 2 only: no letter yet
    expect(byAgency.get(c.agencyA.id)!.html).toContain('&lt;script&gt;');
    expect(byAgency.get(c.agencyA.id)!.html).not.toMatch(/<script/i);

    const again = await letters.prepareWeekly();
    expect(again).toMatchObject({ created: 0, existing: 2 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM reminder_letters`))[0].n).toBe(2);

    const listed = await t
      .http()
      .get('/api/v1/reminders/letters')
      .query({ agencyId: c.agencyA.id })
      .auth(c.leader.token, { type: 'bearer' })
      .expect(200);
    expect(listed.body).toMatchObject({
      total: 1,
      page: 1,
      items: [{ agencyId: c.agencyA.id, agencyName: 'Sở Xây dựng', weekStart: runs[0].weekStart, caseCount: 2 }],
    });
    const all = await t.http().get('/api/v1/reminders/letters').auth(c.screener.token, { type: 'bearer' }).expect(200);
    expect(all.body.total).toBe(2);
    const stored = await t
      .http()
      .get(`/api/v1/reminders/letters/${listed.body.items[0].id}`)
      .auth(c.leader.token, { type: 'bearer' })
      .expect(200);
    expect(stored.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(stored.text).toBe(byAgency.get(c.agencyA.id)!.html);
    await t.http().get('/api/v1/reminders/letters').auth(c.leaderA.token, { type: 'bearer' }).expect(403);
    await t
      .http()
      .get(`/api/v1/reminders/letters/${randomUUID()}`)
      .auth(c.leader.token, { type: 'bearer' })
      .expect(404);
  });
});

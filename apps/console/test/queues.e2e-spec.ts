// The centre's and the agency's queues (issue 19) in Debian's Chromium against the real API and worker: each queue
// shows its cases and its count, live; a returned case is marked with the agency that returned it, which the
// assign form does not preselect; an officer's own cases come first; every queue at 390 px. One app and worker,
// one browser, one page per role loaded once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { cast, reportBody } from '../../api/test/support/fixtures';
import { listen } from '../../api/test/support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from '../../api/test/support/test-app';
import { ARTIFACTS, ensureConsoleBuild, launchChromium, signedInContext, stillAnimations } from './support/browser';

/** The password fixtures.staff() gives every account. */
const PASSWORD = 'Passw0rd!x';
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

jest.setTimeout(180_000);

describe('queues of the centre and the agency in Chromium (browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof cast>>;
  /** The cases, by what was done to them. */
  const r: Record<string, { id: string; code: string }> = {};
  const codeOf = new Map<string, string>();
  const problems: string[] = [];
  let screener: Page;
  let officer: Page;

  const http = () => t.http();
  const act = async (token: string, id: string, slug: string, body: object = {}) => {
    const res = await http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token, { type: 'bearer' }).send(body);
    if (res.status !== 200) throw new Error(`${slug}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  /** Files a case and takes it through these steps: [who, action slug, body]. */
  const build = async (name: string, steps: Array<[() => string, string, object?]>) => {
    const res = await http()
      .post('/api/v1/reports')
      .auth(c.reporter.token, { type: 'bearer' })
      .send(reportBody(c.category.id, { description: `Phản ánh ${name}: ổ gà trên đường Hoàng Văn Thụ` }))
      .expect(201);
    for (const [who, slug, body] of steps) await act(who(), res.body.id, slug, body);
    r[name] = { id: res.body.id, code: res.body.code };
    codeOf.set(res.body.code, name);
  };
  const signIn = async (token: string) => {
    const me = await http().get('/api/v1/me').auth(token, { type: 'bearer' }).expect(200);
    const login = await http().post('/api/v1/auth/login').send({ login: me.body.username, password: PASSWORD });
    const context = await signedInContext(browser, login.body, LAPTOP);
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return page;
  };

  /** The tab of a queue, by its short label (its name goes on with the count). */
  const tab = (page: Page, label: string) => page.getByRole('tab', { name: new RegExp(`^${label}(\\s|$)`) });
  const countOf = async (page: Page, label: string) =>
    tab(page, label).getByTestId('queue-count').getAttribute('data-count');
  /**
   * Opens a queue and waits until it shows exactly these cases (keys of `r`); answers them in the order shown. The
   * previous queue stays on screen while the next one loads, so a count alone could be the old list's.
   */
  async function shows(page: Page, label: string, expected: string[]): Promise<string[]> {
    await tab(page, label).click();
    const items = page.getByRole('tabpanel').locator('button.pa-queue-item');
    const shown = async () =>
      (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''))).map(
        (code) => codeOf.get(code) ?? code,
      );
    const same = async () => JSON.stringify([...(await shown())].sort()) === JSON.stringify([...expected].sort());
    await eventually(same, 15_000).catch(() => undefined);
    expect({ label, shown: [...(await shown())].sort() }).toEqual({ label, shown: [...expected].sort() });
    return shown();
  }

  beforeAll(async () => {
    ensureConsoleBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({
      RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // The question put "30 days ago" must stay unanswered for the whole file: the worker's sweep would otherwise
      // cancel it for want of an answer (5 days) whenever it next runs, which on a busy machine fell mid-file.
      NO_RESPONSE_AFTER_SECONDS: String(365 * 24 * 3600),
    });
    worker = await startWorker();
    const base = await listen(t.app);
    c = await cast(t);
    const scr = () => c.screener.token;
    const offA = () => c.officerA.token;
    const toA: [() => string, string, object] = [scr, 'assign', { agencyId: c.agencyA.id }];
    const toB: [() => string, string, object] = [scr, 'assign', { agencyId: c.agencyB.id }];
    const extension = { workingDays: 2, reason: 'Chờ vật tư' };
    const result: [() => string, string, object] = [offA, 'submit-result', { text: 'Đã vá ổ gà' }];
    await Promise.all([
      build('fresh', []),
      build('returned', [toA, [offA, 'return', { reason: 'Tuyến quốc lộ, không thuộc thẩm quyền' }]]),
      build('extension', [toA, [offA, 'acknowledge'], [offA, 'request-extension', extension]]),
      build('sentBack', [toA, [offA, 'acknowledge'], result, [scr, 'send-back', { reason: 'Thiếu ảnh' }]]),
      build('review', [toA, [offA, 'acknowledge'], result]),
      build('reopened', [
        toA,
        [offA, 'acknowledge'],
        result,
        [scr, 'approve-result'],
        [() => c.reporter.token, 'reopen', { reason: 'Vẫn còn ổ gà' }],
      ]),
      build('done', [toA, [offA, 'acknowledge'], result, [scr, 'approve-result']]),
      build('newA', [toA]),
      build('mine', [toA, [offA, 'acknowledge'], [() => c.leaderA.token, 'delegate', { assigneeId: c.officerA.id }]]),
      build('askedLongAgo', [[scr, 'request-info', { question: 'Ở số nhà nào?' }]]),
      build('askedNow', [[scr, 'request-info', { question: 'Ở số nhà nào?' }]]),
      build('lateLevel1', [toB]),
      build('lateLevel3', [toB]),
      build('later', [toA, [offA, 'acknowledge']]),
    ]);
    // Time, simulated in SQL (the engines that write these columns have their own tests): a question put 30 days
    // ago; two cases of agency B late at levels 1 and 3, out of the sweep's way; the officer's own case due last.
    await t.db.query(`UPDATE reports SET paused_at = now() - interval '30 days' WHERE id = $1`, [r.askedLongAgo.id]);
    for (const [name, level, late] of [
      ['lateLevel1', 1, '1 hour'],
      ['lateLevel3', 3, '10 days'],
    ] as const) {
      await t.db.query(
        `UPDATE reports SET due_at = now() - $2::interval, escalation_level = $3, next_check_at = NULL WHERE id = $1`,
        [r[name].id, late, level],
      );
    }
    await t.db.query(`UPDATE reports SET due_at = due_at + interval '1 day' WHERE id = $1`, [r.mine.id]);

    browser = await launchChromium();
    [screener, officer] = await Promise.all([signIn(c.screener.token), signIn(c.officerA.token)]);
    await Promise.all([screener.goto(`${base}/console/sang-loc`), officer.goto(`${base}/console/xu-ly`)]);
    await Promise.all([tab(screener, 'Mới').waitFor(), tab(officer, 'Mới giao').waitFor()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it("the centre's queues: their cases and counts, live; a returned case marked, its agency not preselected", async () => {
    const p = screener;
    const counts = { Mới: '1', 'Xin gia hạn': '1', 'Bị trả lại': '1', 'Chờ duyệt': '1', 'Mở lại': '1' };
    for (const [label, n] of Object.entries(counts)) {
      await eventually(async () => (await countOf(p, label)) === n, 15_000);
    }
    await shows(p, 'Xin gia hạn', ['extension']);
    await p.getByTestId('extension-mark').getByText('Xin gia hạn 2 ngày').waitFor();
    await shows(p, 'Chờ duyệt', ['review']);
    await shows(p, 'Mở lại', ['reopened']);
    // Overdue from level 1, then from level 3; the citizen's silence past 2 working days, then at any length.
    expect(await shows(p, 'Quá hạn', ['lateLevel1', 'lateLevel3'])).toEqual(['lateLevel3', 'lateLevel1']);
    await p.locator('.ant-segmented-item', { hasText: 'Cấp 3' }).click();
    await eventually(async () => (await p.getByRole('tabpanel').locator('button.pa-queue-item').count()) === 1);
    await eventually(async () => (await countOf(p, 'Quá hạn')) === '1', 15_000);
    await p.getByRole('tabpanel').getByTestId('level-mark').getByText('Cấp 3').waitFor();
    await shows(p, 'Chờ người dân', ['askedLongAgo']);
    await p.getByRole('tabpanel').locator('.ant-select').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option[title="bao lâu cũng được"]').click();
    await eventually(async () => (await p.getByRole('tabpanel').locator('button.pa-queue-item').count()) === 2);
    await eventually(async () => (await countOf(p, 'Chờ người dân')) === '2', 15_000);

    // Live: an agency asks for more time, and the open queue and its count move without a reload; the arrival
    // flashes, what was there does not.
    await shows(p, 'Xin gia hạn', ['extension']);
    await act(c.officerA.token, r.later.id, 'request-extension', { workingDays: 1, reason: 'Mưa lớn' });
    await eventually(async () => (await countOf(p, 'Xin gia hạn')) === '2', 15_000);
    const flashes = async (name: string) =>
      /\bpa-new\b/.test((await p.locator(`button.pa-queue-item[data-code="${r[name].code}"]`).getAttribute('class'))!);
    await eventually(() => flashes('later'), 15_000);
    expect(await flashes('extension')).toBe(false);

    // The returned case: marked with the agency, and that agency (the category's own) not preselected again.
    await shows(p, 'Bị trả lại', ['returned']);
    // Another queue's cases are not arrivals.
    expect(await flashes('returned')).toBe(false);
    await p.getByRole('tabpanel').getByTestId('returned-mark').getByText(`Bị trả lại: ${c.agencyA.name}`).waitFor();
    await shows(p, 'Mới', ['fresh']);
    await tab(p, 'Bị trả lại').click();
    await p.locator(`button.pa-queue-item[data-code="${r.returned.code}"]`).click();
    await p.getByTestId('returned-notice').waitFor();
    await p.getByRole('button', { name: 'Chuyển xử lý' }).waitFor();
    await p.getByText('Chọn cơ quan').waitFor();
    await p.locator('#assign-agency').click();
    await p.locator(`.ant-select-dropdown:visible [title="${c.agencyA.name} (đã trả lại)"]`).waitFor();
    await p.keyboard.press('Escape');
    await stillAnimations(p);
    await p.screenshot({ path: join(ARTIFACTS, 'queues-centre.png') });
    expect(problems).toEqual([]);
  });

  it("the agency's queues: its own cases only, the officer's own first", async () => {
    const p = officer;
    await eventually(async () => (await countOf(p, 'Giao cho tôi')) === '1', 15_000);
    await shows(p, 'Giao cho tôi', ['mine']);
    await shows(p, 'Mới giao', ['newA']);
    // In progress by deadline, the officer's own case first although its deadline is the latest.
    const active = await shows(p, 'Đang xử lý', ['mine', 'extension', 'later', 'reopened', 'sentBack']);
    expect(active[0]).toBe('mine');
    await p.getByRole('tabpanel').getByTestId('mine-mark').waitFor();
    await shows(p, 'Xin gia hạn', ['extension', 'later']);
    await shows(p, 'Xử lý lại', ['sentBack']);
    await shows(p, 'Đã xong', ['done']);
    // Agency B's late cases and the centre's questions are not agency A's.
    await shows(p, 'Chờ người dân', ['review']);
    await stillAnimations(p);
    await p.screenshot({ path: join(ARTIFACTS, 'queues-agency.png') });
    expect(problems).toEqual([]);
  });

  it('every queue at 390 px: all tabs in view, no sideways scrolling, each list usable', async () => {
    for (const [p, labels] of [
      [screener, ['Mới', 'Xin gia hạn', 'Bị trả lại', 'Chờ duyệt', 'Mở lại', 'Đang xử lý', 'Quá hạn', 'Chờ người dân']],
      [officer, ['Giao cho tôi', 'Mới giao', 'Đang xử lý', 'Xin gia hạn', 'Xử lý lại', 'Chờ người dân', 'Đã xong']],
    ] as const) {
      await p.setViewportSize(PHONE);
      for (const label of labels) {
        const box = (await tab(p, label).boundingBox())!;
        expect({ label, inView: box.x >= 0 && box.x + box.width <= PHONE.width }).toEqual({ label, inView: true });
        await tab(p, label).click();
        await p.getByRole('tabpanel').locator('button.pa-queue-item, .ant-empty').first().waitFor();
        const wide = (await p.evaluate('document.documentElement.scrollWidth')) as number;
        expect({ label, wide: wide <= PHONE.width + 1 }).toEqual({ label, wide: true });
      }
      await stillAnimations(p);
      await p.screenshot({ path: join(ARTIFACTS, `queues-phone-${p === screener ? 'centre' : 'agency'}.png`) });
    }
    // A case opens from a queue on the phone.
    await screener.locator(`button.pa-queue-item[data-code="${r.askedLongAgo.code}"]`).click();
    await screener.getByTestId('case-view').getByText(r.askedLongAgo.code).first().waitFor();
    expect(problems).toEqual([]);
  });
});

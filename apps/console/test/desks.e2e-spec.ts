// The operations centre's day in the console (issue 19), in Debian's Chromium against the real API and worker:
// the inbox's bell in every desk with its live count; the register of cases (search, filters in a shareable URL,
// pages) and one case page for every staff role, leaders included, showing exactly the actions the server allows;
// the leaders' figures opening the cases behind them; every desk on a 390 px phone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { ACTION_SLUGS, ACTIONS, type ActionName } from '@app/workflow';
import { cast, reportBody } from '../../api/test/support/fixtures';
import { listen } from '../../api/test/support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from '../../api/test/support/test-app';
import { ARTIFACTS, ensureConsoleBuild, goWithin, launchChromium, settled, signedInContext } from './support/browser';

/** The password fixtures.staff() gives every account. */
const PASSWORD = 'Passw0rd!x';
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

type Who = 'operator' | 'screener' | 'officerA' | 'leaderA' | 'leader' | 'admin';
const WHO: Who[] = ['operator', 'screener', 'officerA', 'leaderA', 'leader', 'admin'];

/** The label of each action's button, by the slug the API lists in allowedActions. */
const LABEL_OF_SLUG = new Map(
  (Object.keys(ACTION_SLUGS) as ActionName[]).map((a) => [ACTION_SLUGS[a] as string, ACTIONS[a].label]),
);

describe('the centre and agency desks in Chromium: inbox, register, case page, phone (browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof cast>>;
  const usernames = {} as Record<Who, string>;
  const problems: string[] = [];
  let waiting: { id: string; code: string };
  let atAgency: { id: string; code: string };
  let late: { id: string; code: string };
  let bounced: { id: string; code: string };

  const http = () => t.http();
  const tokenOf = (who: Who) => c[who].token;
  const post = (who: Who, path: string, body: object) =>
    http().post(`/api/v1${path}`).auth(tokenOf(who), { type: 'bearer' }).send(body);
  const file = async (description: string) =>
    (await post('operator', '/reports', reportBody(c.category.id, { description })).expect(201)).body as {
      id: string;
      code: string;
      version: number;
    };

  /** The signed-in page of each role, loaded once; tests move within it as its links do. */
  const pages = {} as Record<Who, Page>;
  const watch = (who: Who, page: Page) => {
    page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        problems.push(`${who}: console: ${m.text()}`);
    });
  };
  /** The role's page at a console path (below /console), reached as a click on a link would. */
  async function at(who: Who, path: string): Promise<Page> {
    const page = pages[who];
    await goWithin(page, `/console${path}`);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const unread = async (page: Page) => Number(await page.getByTestId('inbox-count').getAttribute('data-count'));

  beforeAll(async () => {
    ensureConsoleBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp();
    worker = await startWorker();
    base = await listen(t.app);
    c = await cast(t);
    for (const who of WHO) {
      const me = await http().get('/api/v1/me').auth(tokenOf(who), { type: 'bearer' }).expect(200);
      usernames[who] = me.body.username;
    }
    waiting = await file('Đèn tín hiệu giao thông ngã tư Đồng Quang bị hỏng');
    atAgency = await file('Cây xanh đổ chắn ngang đường Lương Ngọc Quyến');
    await post('screener', `/reports/${atAgency.id}/actions/assign`, { agencyId: c.agencyA.id }).expect(200);
    late = await file('Rác thải đổ trộm ven đường Bắc Kạn gây mùi hôi');
    await post('screener', `/reports/${late.id}/actions/assign`, { agencyId: c.agencyB.id }).expect(200);
    await t.db.query(`UPDATE reports SET due_at = now() - interval '3 days', escalation_level = 2 WHERE id = $1`, [
      late.id,
    ]);
    // Returned by the agency the category routes to: the screener must not be steered back to it.
    bounced = await file('Biển báo giao thông bị che khuất bởi cây xanh');
    await post('screener', `/reports/${bounced.id}/actions/assign`, { agencyId: c.agencyA.id }).expect(200);
    const assigned = await http().get(`/api/v1/reports/${bounced.id}`).auth(tokenOf('officerA'), { type: 'bearer' });
    await post('officerA', `/reports/${bounced.id}/actions/return`, {
      reason: 'Biển báo thuộc tuyến quốc lộ, không thuộc thẩm quyền của Sở',
      expectedVersion: assigned.body.version,
    }).expect(200);
    browser = await launchChromium();
    // One signed-in page per role, each loaded once (the login form has its own tests).
    await Promise.all(
      WHO.map(async (who) => {
        const login = await http()
          .post('/api/v1/auth/login')
          .send({ login: usernames[who], password: PASSWORD })
          .expect(200);
        const context = await signedInContext(browser, login.body, LAPTOP);
        await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
        const page = await context.newPage();
        watch(who, page);
        await page.goto(`${base}/console/`);
        await page.locator('.pa-header h1').waitFor();
        pages[who] = page;
      }),
    );
  }, 300_000);

  // Each test answers for the browser errors of its own pages.
  beforeEach(() => {
    problems.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('every desk has the bell; the officer sees the count move live, opens the case from a notification, reads all', async () => {
    for (const who of WHO) await pages[who].getByRole('button', { name: /^Thông báo/ }).waitFor();

    const officer = pages.officerA;
    await eventually(async () => (await unread(officer)) >= 1, 15_000);
    const before = await unread(officer);
    // A new assignment reaches the bell without a reload.
    const fresh = await file('Nắp cống bị vỡ trước cổng trường Tiểu học Đồng Quang');
    await post('screener', `/reports/${fresh.id}/actions/assign`, { agencyId: c.agencyA.id }).expect(200);
    await eventually(async () => (await unread(officer)) === before + 1, 15_000);

    await officer.getByRole('button', { name: /^Thông báo/ }).click();
    const panel = officer.getByRole('dialog', { name: 'Thông báo' });
    await panel.locator('button.pa-note[data-unread="true"]').first().waitFor();
    await settled(officer);
    await shot(officer, 'inbox');
    // The newest line is about the case just assigned: it opens that case's page.
    await panel.locator('button.pa-note').first().click();
    await officer.waitForURL(`**/console/ho-so/${fresh.id}`);
    await officer.getByTestId('case-view').getByText(fresh.code).first().waitFor();
    await eventually(async () => (await unread(officer)) === before, 10_000);

    await officer.getByRole('button', { name: /^Thông báo/ }).click();
    await officer.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await eventually(async () => (await unread(officer)) === 0, 10_000);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [c.officerA.id],
    );
    expect(n).toBe(0);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the register: filters in a URL that can be shared, search by code, a page per case with exactly the allowed actions for each role', async () => {
    // A shared link opens the same list (a page load from the address alone).
    const leader = pages.leader;
    await leader.goto(`${base}/console/ho-so?status=received`);
    const table = leader.getByTestId('register');
    await table.getByText(waiting.code).waitFor();
    expect(await table.getByText(atAgency.code).count()).toBe(0);

    // Search by code: the URL carries it, a reload keeps it.
    await at('leader', '/ho-so');
    await leader.getByLabel('Tìm theo mã, số điện thoại hoặc nội dung').fill(late.code);
    await leader.getByRole('button', { name: 'Tìm', exact: true }).click();
    await leader.waitForURL(/\/console\/ho-so\?q=PA-/);
    await leader.reload();
    await table.getByText(late.code).waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(leader, 'register');

    // Overdue only.
    await at('leader', '/ho-so?overdue=true');
    await table.getByText(late.code).waitFor();
    expect(await table.getByText(waiting.code).count()).toBe(0);

    // The leader opens a case (before issue 19 the leader could not).
    await table.getByText(late.code).click();
    await leader.waitForURL(`**/console/ho-so/${late.id}`);
    await leader.getByTestId('case-view').getByText('Diễn biến xử lý').waitFor();

    // Each role's case page offers exactly the actions the server lists for them.
    for (const who of WHO) {
      for (const kase of [waiting, atAgency]) {
        const res = await http().get(`/api/v1/reports/${kase.id}`).auth(tokenOf(who), { type: 'bearer' });
        const page = await at(who, `/ho-so/${kase.id}`);
        if (res.status === 404) {
          await page.getByText('Không tìm thấy dữ liệu').waitFor();
        } else {
          await page.getByTestId('case-view').getByText(kase.code).first().waitFor();
          const expected = (res.body.allowedActions as string[]).map((s) => LABEL_OF_SLUG.get(s)).sort();
          const toolbar = page.getByRole('toolbar', { name: 'Thao tác' });
          const shown = (await toolbar.count())
            ? (await toolbar.getByRole('button').allTextContents()).map((x) => x.replace(/\s*\(\d+ ngày\)$/, '').trim())
            : [];
          expect({ who, code: kase.code, shown: shown.sort() }).toEqual({ who, code: kase.code, shown: expected });
        }
      }
    }
    // A case an agency returned: marked so, and that agency is not offered again as the suggestion.
    const screener = await at('screener', `/ho-so/${bounced.id}`);
    await screener.getByTestId('returned-notice').getByText('không thuộc thẩm quyền của Sở').waitFor();
    await screener.getByRole('button', { name: ACTIONS.assign.label }).waitFor();
    await screener.getByText('Chưa có gợi ý').waitFor();
    await screener.getByText('Chọn cơ quan').waitFor();
    await screener.locator('#assign-agency').click();
    await screener.locator(`.ant-select-dropdown:visible [title="${c.agencyA.name} (đã trả lại)"]`).waitFor();
    await shot(screener, 'case-returned');
    expect(problems).toEqual([]);
  }, 240_000);

  it('the leader clicks through from a figure and from an overdue row to the cases behind them', async () => {
    const leader = await at('leader', '/');
    await leader.getByTestId('stat-total').getByRole('link').waitFor();
    const total = Number(await leader.getByTestId('stat-total').getByRole('link').textContent());
    await leader.getByTestId('stat-total').getByRole('link').click();
    await leader.waitForURL(/\/console\/ho-so\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await leader.getByText(`Kết quả: ${total} hồ sơ`).waitFor();

    await leader.goBack();
    await leader.getByTestId('stat-inProgress').getByRole('link').click();
    await leader.waitForURL(
      /status=assigned%2Cin_progress%2Cpending_review|status=assigned,in_progress,pending_review/,
    );
    await leader.getByTestId('register').getByText(atAgency.code).waitFor();
    expect(await leader.getByTestId('register').getByText(waiting.code).count()).toBe(0);

    await leader.goBack();
    await leader.getByTestId('overdue-list').getByText(late.code).click();
    await leader.waitForURL(`**/console/ho-so/${late.id}`);
    await leader.getByTestId('case-view').getByText(late.code).first().waitFor();
    expect(problems).toEqual([]);
  }, 180_000);

  it('on a 390 px phone every desk fits: no sideways scrolling, the header above the content, the case page readable', async () => {
    for (const who of WHO) {
      const page = pages[who];
      await page.setViewportSize(PHONE);
      await at(who, '/');
      await page.locator('.pa-content').waitFor();
      await settled(page);
      // The page answers the new width and the desk it lands on a moment later: its layout is read once settled.
      const layout = async () => {
        const header = (await page.locator('.pa-header').boundingBox())!;
        const main = (await page.locator('.pa-content').boundingBox())!;
        const wide = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        return {
          who,
          headerAbove: Math.round(header.y + header.height) <= Math.round(main.y) + 1,
          fits: wide <= PHONE.width + 1,
        };
      };
      const fitting = { who, headerAbove: true, fits: true };
      await eventually(async () => JSON.stringify(await layout()) === JSON.stringify(fitting), 10_000).catch(
        () => undefined,
      );
      expect(await layout()).toEqual(fitting);
      await shot(page, `phone-${who}`);
      if (who !== 'operator' && who !== 'admin') {
        await at(who, `/ho-so/${atAgency.id}`);
        const view = page.getByTestId('case-view');
        await view.getByText(atAgency.code).first().waitFor();
        const wideCase = await page.evaluate('document.documentElement.scrollWidth');
        expect({ who, wideCase: (wideCase as number) <= PHONE.width + 1 }).toEqual({ who, wideCase: true });
        await shot(page, `phone-case-${who}`);
      }
      await page.setViewportSize(LAPTOP);
    }
    expect(problems).toEqual([]);
  }, 360_000);
});

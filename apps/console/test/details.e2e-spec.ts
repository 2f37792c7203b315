// The details of issue 19 in Debian's Chromium against the real API and worker: the commune picked by typing on the
// hotline desk (no map: tiles are blocked) and in the screener's reclassify form, the agency leader's delegation
// reaching the officer, the satisfaction rate shown as "—" until somebody rated, the agencies table most overdue
// first, and those desks at 390 px. One app and worker, one browser, one page per role.
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { cast, citizen, reportBody } from '../../api/test/support/fixtures';
import { listen } from '../../api/test/support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from '../../api/test/support/test-app';
import { ensureConsoleBuild, goWithin, launchChromium, settled, signedInContext } from './support/browser';

const PASSWORD = 'Passw0rd!x';
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const COMMUNES = [
  { code: '05500', name: 'Phường Phan Đình Phùng', kind: 'phuong', provinceCode: '19', provinceName: 'Thái Nguyên' },
  { code: '05501', name: 'Phường Gia Sàng', kind: 'phuong', provinceCode: '19', provinceName: 'Thái Nguyên' },
  { code: '05502', name: 'Xã Đại Phúc', kind: 'xa', provinceCode: '19', provinceName: 'Thái Nguyên' },
];

type Who = 'operator' | 'screener' | 'leaderA' | 'officerA' | 'leader';
const WHO: Who[] = ['operator', 'screener', 'leaderA', 'officerA', 'leader'];

describe('desk details in Chromium: communes, reclassify, delegation, satisfaction, agencies (browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof cast>>;
  const pages = {} as Record<Who, Page>;
  const problems: string[] = [];
  let hotlineCase: { id: string; code: string };

  const http = () => t.http();
  const token = (who: Who | 'reporter' | 'admin') => c[who].token;
  const post = (who: Who | 'reporter', path: string, body: object = {}) =>
    http()
      .post(`/api/v1${path}`)
      .auth(token(who), { type: 'bearer' })
      .send(body)
      .expect((r) => {
        if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      });
  const stored = async (id: string) =>
    (await t.db.query(`SELECT commune_code, address, location, assignee_id FROM reports WHERE id = $1`, [id]))[0];
  /** Picks an option of an antd Select found by its label, typing `typed` into its search. */
  const pick = async (page: Page, label: string, typed: string, option: string) => {
    const field = page.getByLabel(label, { exact: true });
    await field.click();
    await field.pressSequentially(typed);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  };
  /** When the page is wider than the window, the elements that reach past its right edge (none at 390 px). */
  const overflowing = async (page: Page) =>
    page.evaluate(() => {
      type El = { getBoundingClientRect: () => { right: number; width: number }; tagName: string; className: unknown };
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number }; querySelectorAll: (s: string) => El[] };
      };
      // Wide tables scroll inside their own box; only a page wider than the window is a fault.
      if (w.document.documentElement.scrollWidth <= w.innerWidth) return [];
      return [...w.document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > w.innerWidth + 1)
        .map((e) => `${e.tagName}.${String(e.className)}`)
        .slice(0, 5);
    });

  beforeAll(async () => {
    ensureConsoleBuild();
    t = await createTestApp();
    worker = await startWorker();
    const base = await listen(t.app);
    c = await cast(t);
    await http()
      .post('/api/v1/admin/communes/import')
      .auth(token('admin'), { type: 'bearer' })
      .send(COMMUNES)
      .expect(200);
    browser = await launchChromium();
    await Promise.all(
      WHO.map(async (who) => {
        const me = await http().get('/api/v1/me').auth(token(who), { type: 'bearer' }).expect(200);
        const login = await http()
          .post('/api/v1/auth/login')
          .send({ login: me.body.username, password: PASSWORD })
          .expect(200);
        const context = await signedInContext(browser, login.body, LAPTOP);
        // No map tiles: the commune and the address must be enough.
        await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
            problems.push(`${who}: console: ${m.text()}`);
        });
        await page.goto(`${base}/console/`);
        await page.locator('.pa-header h1').waitFor();
        pages[who] = page;
      }),
    );
  }, 300_000);

  beforeEach(() => {
    problems.length = 0;
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('files a hotline call with the commune picked by typing and an address, without the map', async () => {
    const operator = pages.operator;
    await goWithin(operator, '/console/tong-dai');
    await operator.getByLabel('Số điện thoại người gọi').fill('0987 654 321');
    await operator.getByText('Người gọi chưa có phản ánh nào').waitFor();
    await operator.getByLabel('Lĩnh vực').click();
    await operator.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="Giao thông"]`).click();
    await operator.getByLabel('Mô tả sự việc').fill('Nắp cống bị vỡ trước cổng chợ, người đi bộ dễ sập chân');
    // Without accents, as an operator types on a hurry.
    await pick(operator, 'Xã, phường', 'phan dinh phung', 'Phường Phan Đình Phùng (05500)');
    await operator.getByRole('button', { name: 'Lưu cuộc gọi và tạo phản ánh' }).click();
    // No point and no address: the form asks for the address, nothing is sent.
    await operator.getByText('Nhập địa chỉ (hoặc chọn vị trí trên bản đồ)').waitFor();
    await operator.getByLabel('Địa chỉ').fill('Số 5, tổ 3, đường Lương Ngọc Quyến');
    await operator.getByRole('button', { name: 'Lưu cuộc gọi và tạo phản ánh' }).click();
    const done = operator.getByTestId('call-done');
    await done.waitFor();
    const code = /PA-\d{4}-\d{6}/.exec((await done.textContent()) ?? '')![0];
    const [row] = await t.db.query(`SELECT id FROM reports WHERE code = $1`, [code]);
    hotlineCase = { id: row.id, code };
    expect(await stored(row.id)).toMatchObject({
      commune_code: '05500',
      address: 'Số 5, tổ 3, đường Lương Ngọc Quyến',
      location: null,
    });

    // The desk on a phone: nothing wider than the screen.
    await operator.setViewportSize(PHONE);
    await operator.getByLabel('Xã, phường').waitFor();
    expect(await overflowing(operator)).toEqual([]);
  });

  it('reclassifies a case from the case view with another commune and address', async () => {
    const screener = pages.screener;
    await goWithin(screener, `/console/ho-so/${hotlineCase.id}`);
    await screener.getByTestId('case-view').getByText(`Phản ánh ${hotlineCase.code}`).waitFor();
    await screener.getByRole('button', { name: 'Điều chỉnh phân loại' }).click();
    const dialog = screener.getByRole('dialog', { name: 'Điều chỉnh phân loại' });
    // The case's commune is shown by name, not by its code.
    await dialog.getByText('Phường Phan Đình Phùng (05500)').waitFor();
    await pick(screener, 'Xã, phường', 'gia sang', 'Phường Gia Sàng (05501)');
    await dialog.getByLabel('Địa chỉ').fill('Số 9, tổ 12, phường Gia Sàng');
    await dialog.getByLabel('Lý do (không bắt buộc)').fill('Địa chỉ thuộc phường Gia Sàng');
    await dialog.getByRole('button', { name: 'Lưu phân loại' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => (await stored(hotlineCase.id)).commune_code === '05501', 30_000);
    expect((await stored(hotlineCase.id)).address).toBe('Số 9, tổ 12, phường Gia Sàng');
    await screener.getByText('Địa chỉ thuộc phường Gia Sàng').first().waitFor();
  });

  it('delegates a case to an officer from the case view, and the officer finds it among theirs', async () => {
    const filed = (await post('operator', '/reports', reportBody(c.category.id, { description: 'Cây đổ chắn lối đi' })))
      .body as { id: string; code: string };
    await post('screener', `/reports/${filed.id}/actions/assign`, { agencyId: c.agencyA.id });
    const leaderA = pages.leaderA;
    await goWithin(leaderA, `/console/ho-so/${filed.id}`);
    await leaderA.getByRole('button', { name: 'Giao cán bộ xử lý' }).click();
    const dialog = leaderA.getByRole('dialog', { name: 'Giao cán bộ xử lý' });
    await dialog.getByLabel('Cán bộ').click();
    const fullName = (await t.db.query(`SELECT full_name FROM users WHERE id = $1`, [c.officerA.id]))[0].full_name;
    await leaderA.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: fullName }).click();
    await dialog.getByRole('button', { name: 'Giao' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => (await stored(filed.id)).assignee_id === c.officerA.id, 30_000);

    const officer = pages.officerA;
    await goWithin(officer, '/console/ho-so?assignee=me');
    await officer.getByText(filed.code).first().waitFor();
    // Late now: the agencies table below puts this agency first.
    await t.db.query(`UPDATE reports SET due_at = now() - interval '3 days' WHERE id = $1`, [filed.id]);
  });

  it('shows "—" for satisfaction until somebody rated, then the rate and the count; the most overdue agency first', async () => {
    // Three cases at agency B (more received, a name first in the alphabet, none late); one of A's handled.
    for (const d of ['Đèn đường hỏng', 'Mất điện khu dân cư', 'Dây điện võng thấp']) {
      const r = (await post('operator', '/reports', reportBody(c.category.id, { description: d }))).body;
      await post('screener', `/reports/${r.id}/actions/assign`, { agencyId: c.agencyB.id });
    }
    const reporter = await citizen(t);
    const mine = (
      await http()
        .post('/api/v1/reports')
        .auth(reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id, { description: 'Ổ gà trước số nhà 20' }))
    ).body as { id: string };
    await post('screener', `/reports/${mine.id}/actions/assign`, { agencyId: c.agencyA.id });
    await post('officerA', `/reports/${mine.id}/actions/acknowledge`);
    await post('officerA', `/reports/${mine.id}/actions/submit-result`, { text: 'Đã vá ổ gà' });
    await post('screener', `/reports/${mine.id}/actions/approve-result`);

    const leader = pages.leader;
    await goWithin(leader, '/console/lanh-dao');
    const rate = leader.getByTestId('stat-satisfactionRate');
    const refresh = () => leader.getByRole('button', { name: 'Làm mới' }).click();
    // One handled case, nobody rated: no rate, and the number of ratings says why.
    const rated = leader.getByTestId('stat-rated');
    await eventually(async () => {
      await refresh();
      return (await rated.textContent()) === 'Chưa có lượt đánh giá, 0 không hài lòng, 0 khiếu nại lại';
    }, 45_000);
    expect(await rate.locator('.ant-statistic-content').textContent()).toBe('—');

    // The agencies table: overdue first (A), although B received more and comes first by name.
    const names = async () =>
      leader.getByTestId('stats-agencies').locator('tbody tr.ant-table-row td:first-child').allTextContents();
    await eventually(async () => (await names())[0] === c.agencyA.name, 30_000);
    expect((await names()).slice(0, 2)).toEqual([c.agencyA.name, c.agencyB.name]);

    await http()
      .post(`/api/v1/reports/${mine.id}/actions/rate`)
      .auth(reporter.token, { type: 'bearer' })
      .send({ satisfied: true })
      .expect(200);
    await eventually(async () => {
      await refresh();
      return (await rate.locator('.ant-statistic-content').textContent()) === '100,0 %';
    }, 45_000);
    expect(await rated.textContent()).toBe('1 lượt đánh giá, 0 không hài lòng, 0 khiếu nại lại');

    await leader.setViewportSize(PHONE);
    await settled(leader);
    expect(await overflowing(leader)).toEqual([]);
  });
});

// The citizens' portal (issue 21) in Debian's Chromium against the real API: the published cases on the map and in
// the list with filters in a shareable URL, and the first load's script budget; a case's page by its code; reporting
// with the keyboard (proven phone, duplicate hint, follow instead, photo, point); my cases (answer, rate, reopen); the
// indicators and area alerts on a laptop, and the README's screenshot. Phone (390 px) and desktop.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { normalizeVnMobile } from '@app/common';
import { agency, cast, reportBody } from '../../api/test/support/fixtures';
import { listen } from '../../api/test/support/realtime-client';
import { testSmsServer } from '../../api/test/support/sms-server';
import { createTestApp, eventually, type TestApp } from '../../api/test/support/test-app';
import { ensureBuild, launchChromium } from '../../console/test/support/browser';

const ARTIFACTS = join(__dirname, 'artifacts');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1440, height: 900 };
/** The first load's compressed script, at most (docs/architecture.md#portal). */
const SCRIPT_BUDGET = 200 * 1024;
const WARD = '90001';
/** Where the reporter stands: off the map's first view, which must come to it. */
const HERE = { latitude: 21.6801, longitude: 105.9312 };

type Case = { id: string; code: string; version: number };

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08040' } })
    .png()
    .toBuffer();

describe("the citizens' portal in Chromium: map and list, a case's page, report, my cases, indicators, alerts (browser)", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof cast>>;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let wardName: string;
  let waiting: Case;
  let resolved: Case;
  let toReopen: Case;
  let unscreened: Case;
  let asked: Case;
  let neighbour: Case;

  const act = (token: string, id: string, slug: string, body: object = {}) =>
    t.http().post(`/api/v1/reports/${id}/actions/${slug}`).auth(token, { type: 'bearer' }).send(body).expect(200);
  const file = async (token: string, over: Record<string, unknown>): Promise<Case> =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(token, { type: 'bearer' })
        .send(reportBody(c.category.id, over))
        .expect(201)
    ).body;
  const assign = (id: string) => act(c.screener.token, id, 'assign', { agencyId: c.agencyA.id });
  async function resolve(id: string, text: string) {
    await assign(id);
    await act(c.officerA.token, id, 'acknowledge');
    await act(c.officerA.token, id, 'submit-result', { text });
    await act(c.screener.token, id, 'approve-result');
  }
  const report = async (id: string) =>
    (await t.http().get(`/api/v1/reports/${id}`).auth(c.screener.token, { type: 'bearer' }).expect(200)).body;

  async function open(path: string, viewport: typeof PHONE, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...options,
    });
    contexts.push(context);
    // The tile server is unreachable here, as on a phone behind a bad network: the pages must work without it.
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${base}${path}`);
    return page;
  }

  /** Proves the phone on the page's form with the code the tests' SMS provider received. */
  async function proveAs(page: Page, phone: string) {
    const e164 = normalizeVnMobile(phone)!;
    const sms = testSmsServer().server;
    const before = sms.to(e164).length;
    await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByLabel(/Mã xác thực/).fill(await sms.codeFor(e164, before + 1));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }

  const noSideScroll = (page: Page) =>
    page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { documentElement: { scrollWidth: number } } };
      return document.documentElement.scrollWidth;
    });

  beforeAll(async () => {
    ensureBuild('portal');
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp();
    base = await listen(t.app);
    c = await cast(t);
    await t
      .http()
      .post('/api/v1/admin/communes/import')
      .auth(c.admin.token, { type: 'bearer' })
      .send([
        { code: WARD, name: 'Phường Phan Đình Phùng', kind: 'phuong', provinceCode: '90', provinceName: 'Thái Nguyên' },
      ])
      .expect(200);
    const ward = await agency(t, 'UBND phường Phan Đình Phùng');
    await t
      .http()
      .patch(`/api/v1/admin/agencies/${ward.id}`)
      .auth(c.admin.token, { type: 'bearer' })
      .send({ communeCode: WARD })
      .expect(200);
    wardName = ward.name;

    waiting = await file(c.otherCitizen.token, {
      description: 'Đèn chiếu sáng công cộng tổ 5 bị hỏng nhiều ngày',
      location: { lat: 21.6105, lng: 105.8261 },
    });
    await assign(waiting.id);
    await t.db.query(`UPDATE reports SET commune_code = $1 WHERE id = $2`, [WARD, waiting.id]);
    const photo = await t
      .http()
      .post('/api/v1/attachments')
      .auth(c.reporter.token, { type: 'bearer' })
      .attach('file', await png(), 'cong.png')
      .expect(201);
    resolved = await file(c.reporter.token, {
      attachmentIds: [photo.body.id],
      description: 'Cống thoát nước đường Bến Oánh bị tắc, nước tràn',
      location: { lat: 21.5783, lng: 105.8702 },
    });
    await resolve(resolved.id, 'Đã nạo vét, thông cống thoát nước đoạn Bến Oánh');
    toReopen = await file(c.reporter.token, {
      description: 'Cây xanh gãy cành trước trường Mầm non Hoa Hồng',
      location: { lat: 21.5791, lng: 105.8712 },
    });
    await resolve(toReopen.id, 'Đã cắt tỉa cành cây gãy');
    unscreened = await file(c.otherCitizen.token, { description: 'Rác thải tồn đọng cuối ngõ 12 chưa được thu gom' });
    asked = await file(c.reporter.token, { description: 'Vỉa hè bị lấn chiếm để kinh doanh' });
    await act(c.screener.token, asked.id, 'request-info', { question: 'Xin cho biết số nhà gần nhất?' });
    // Someone else's report where the reporter will stand: the duplicate hint offers to follow it.
    neighbour = await file(c.otherCitizen.token, {
      description: 'Ổ gà lớn giữa đường Quang Trung gây nguy hiểm cho xe máy',
      location: { lat: HERE.latitude, lng: HERE.longitude },
    });
    await assign(neighbour.id);
    browser = await launchChromium();
  }, 300_000);

  beforeEach(() => {
    problems.length = 0;
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it("the API serves the portal at its page paths only, with its policy; other paths stay the API's", async () => {
    const page = await t.http().get(`/phan-anh/${resolved.code}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    const asset = await t.http().get(script).set('Accept-Encoding', 'br, gzip').expect(200);
    expect(asset.headers).toMatchObject({ 'content-encoding': 'br', vary: expect.stringContaining('accept-encoding') });
    expect(asset.headers['cache-control']).toContain('immutable');
    // A client that takes no compression gets the file itself.
    const plain = await t.http().get(script).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text.length).toBeGreaterThan(Number(asset.headers['content-length']));
    for (const path of [
      '/assets/gone.js',
      '/api/v1/no-such-route',
      '/gui-phan-anh/extra',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const res = await t.http().get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('the home page on a phone: under the script budget, published cases only, filters in a shareable URL, the map', async () => {
    const scripts: Promise<{ url: string; encoding?: string; bytes: number }>[] = [];
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    contexts.push(context);
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    let measuring = true;
    page.on('requestfinished', (request) => {
      if (!measuring || request.resourceType() !== 'script') return;
      scripts.push(
        Promise.all([request.response(), request.sizes()]).then(([response, sizes]) => ({
          url: request.url(),
          encoding: response?.headers()['content-encoding'],
          bytes: sizes.responseBodySize,
        })),
      );
    });
    page.on('console', (m) => m.type() === 'error' && !/Failed to load/.test(m.text()) && problems.push(m.text()));
    await page.goto(`${base}/`);
    const list = page.getByTestId('public-list');
    await list.getByText(resolved.code).waitFor();
    await list.getByText(waiting.code).waitFor();
    expect(await list.getByText(unscreened.code).count()).toBe(0);
    // The map drew the cases from the server's clusters and points, without tiles, and says why it is blank.
    await page.locator('.leaflet-container .pa-dot, .leaflet-container .pa-cluster').first().waitFor();
    await page.getByTestId('tiles-down').waitFor();

    // The first load: the bytes of every script the page received, as they came over the wire (Brotli).
    measuring = false;
    const received = await Promise.all(scripts);
    expect(received.some((s) => /leaflet/.test(s.url))).toBe(true);
    expect(received.filter((s) => s.encoding !== 'br')).toEqual([]);
    expect(received.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(SCRIPT_BUDGET);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);

    // Filters go into the URL; a reload (or a shared link) shows the same list.
    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã xử lý' });
    await page.waitForURL(/status=resolved/);
    await list.getByText(toReopen.code).waitFor();
    await page.reload();
    await list.getByText(resolved.code).waitFor();
    expect(await list.getByText(waiting.code).count()).toBe(0);
    await page.getByLabel('Từ ngày').fill('2099-01-01');
    await page.waitForURL(/from=2099-01-01/);
    await page.getByText('Không có phản ánh nào phù hợp.').waitFor();
    await page.goto(`${base}/?communeCode=${WARD}`);
    await eventually(async () => (await page.getByLabel('Xã, phường').inputValue()) === WARD, 10_000);
    await list.getByText(waiting.code).waitFor();
    expect(await list.getByText(resolved.code).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'home-phone.png') });

    // A point on the map opens its case.
    await page.locator('.leaflet-container .pa-dot').first().click();
    await page.waitForURL(`**/phan-anh/${waiting.code}`);
    await page.getByTestId('case').getByText(waiting.code).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it("a case's public page by its code: what was reported, who handles it, the answer; an unknown code says so", async () => {
    const page = await open(`/phan-anh/${resolved.code.toLowerCase()}`, PHONE);
    const view = page.getByTestId('case');
    await view.getByText('Kết quả xử lý').waitFor();
    await view.getByText('Đã nạo vét, thông cống thoát nước đoạn Bến Oánh').waitFor();
    await view.getByText(c.agencyA.name).waitFor();
    await view.getByText('Đã xử lý', { exact: true }).waitFor();
    expect(await page.title()).toBe(`Phản ánh ${resolved.code} — Phản ánh hiện trường`);
    // The reporter's photo, its public copy, loaded under the page's policy.
    const img = view.getByRole('img', { name: 'Ảnh hiện trường 1' });
    await eventually(
      async () => (await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) === 64,
      10_000,
    );
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(ARTIFACTS, 'case-phone.png') });
    await page.goto(`${base}/phan-anh/PA-2000-999999`);
    await page.getByRole('alert').getByText('Không tìm thấy phản ánh này.').waitFor();
    expect(problems).toEqual([]);
  });

  it('reporting with the keyboard on a phone, the duplicate hint and following instead, then my cases: answer, rate, reopen', async () => {
    const page = await open('/gui-phan-anh', PHONE, {
      geolocation: HERE,
      permissions: ['geolocation'],
    });
    await proveAs(page, c.reporter.phone);

    // The form in the order a keyboard walks it.
    const category = page.getByLabel('Lĩnh vực *');
    await category.focus();
    const order: string[] = [];
    for (let i = 0; i < 20 && order.at(-1) !== 'Gửi phản ánh'; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          type El = { labels?: { textContent: string }[]; textContent: string; getAttribute: (n: string) => string };
          const el = (globalThis as unknown as { document: { activeElement: El } }).document.activeElement;
          return (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
        }),
      );
    }
    const expected = [
      'Tiêu đề',
      'Nội dung phản ánh *',
      'Dùng vị trí hiện tại',
      'Địa chỉ',
      'Xã, phường',
      'Ảnh hiện trường',
      'Cho phép công khai',
      'Gửi phản ánh',
    ];
    const positions = expected.map((name) => order.findIndex((o) => o.startsWith(name)));
    expect({ order, positions }).toEqual({ order, positions: [...positions].sort((a, b) => a - b) });
    expect(positions.every((p) => p >= 0)).toBe(true);

    await category.selectOption(c.category.id);
    await category.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ổ gà đường Quang Trung');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ổ gà lớn giữa đường Quang Trung, xe máy dễ ngã');
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('place').getByText('Đã chọn: 21.68010, 105.93120').waitFor();
    const inView = async () => {
      const [map, dot] = await Promise.all([
        page.locator('.pa-map').boundingBox(),
        page.locator('.pa-map .pa-picked').boundingBox(),
      ]);
      return (
        !!map &&
        !!dot &&
        dot.x >= map.x &&
        dot.x + dot.width <= map.x + map.width &&
        dot.y >= map.y &&
        dot.y + dot.height <= map.y + map.height
      );
    };
    await eventually(inView, 10_000);

    // Someone already reported it nearby: follow it instead.
    const hint = page.getByRole('status').filter({ hasText: 'Có thể đã có người phản ánh vấn đề này gần đây' });
    await hint.getByText(neighbour.code).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });
    await hint.getByRole('button', { name: `Theo dõi ${neighbour.code}` }).click();
    await hint.getByText('Đã theo dõi').waitFor();
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM report_followers WHERE report_id = $1 AND user_id = $2`,
      [neighbour.id, c.reporter.id],
    );
    expect(n).toBe(1);

    // Or file it anyway, with a photo, sent from the keyboard.
    await page
      .getByLabel(/Ảnh hiện trường/)
      .setInputFiles({ name: 'o-ga.png', mimeType: 'image/png', buffer: await png() });
    await page.getByLabel('Địa chỉ (số nhà, đường, tổ/xóm)').fill('Trước số 15 đường Quang Trung');
    await page.getByLabel(/^Xã, phường/).selectOption(WARD);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).focus();
    await page.keyboard.press('Enter');
    const code = await page.getByTestId('new-code').textContent();
    const [filed] = await t.db.query(
      `SELECT r.reporter_id, r.channel, r.address, r.commune_code, (SELECT count(*)::int FROM attachments a WHERE a.report_id = r.id) AS photos
         FROM reports r WHERE r.code = $1`,
      [code],
    );
    expect(filed).toEqual({
      reporter_id: c.reporter.id,
      channel: 'app',
      address: 'Trước số 15 đường Quang Trung',
      commune_code: WARD,
      photos: 1,
    });

    // My cases: the centre's question answered, one result rated, another reopened; the followed case listed.
    await page.getByRole('status').getByRole('link', { name: 'Phản ánh của tôi' }).click();
    const mine = (kase: Case) => page.getByTestId(`my-${kase.code}`);
    await mine(asked).getByText('Xin cho biết số nhà gần nhất?').waitFor();
    // A new page has its title and takes the focus, as a screen reader expects.
    expect(await page.title()).toBe('Phản ánh của tôi — Phản ánh hiện trường');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('noi-dung');
    await mine(asked).getByLabel('Thông tin bổ sung').fill('Gần số nhà 27 đường Lương Ngọc Quyến');
    await mine(asked).getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
    await eventually(async () => (await report(asked.id)).status !== 'need_info', 10_000);

    await mine(resolved).getByLabel('Không hài lòng').check();
    await mine(resolved).getByLabel('Góp ý (không bắt buộc)').fill('Mưa to vẫn còn ngập');
    await mine(resolved).getByRole('button', { name: 'Gửi đánh giá' }).click();
    await mine(resolved).getByText('Bạn đã đánh giá: Không hài lòng').waitFor();
    expect((await report(resolved.id)).rating).toMatchObject({ satisfied: false, comment: 'Mưa to vẫn còn ngập' });

    await mine(toReopen)
      .getByLabel(/Lý do mở lại/)
      .fill('Cành cây khác lại sắp gãy');
    await mine(toReopen).getByRole('button', { name: 'Mở lại phản ánh' }).click();
    await eventually(async () => (await report(toReopen.id)).status === 'in_progress', 10_000);
    await mine(neighbour).getByText('đang theo dõi', { exact: false }).waitFor();
    expect(await mine(asked).getByText('đang theo dõi', { exact: false }).count()).toBe(0);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(ARTIFACTS, 'mine-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 120_000);

  it('on a laptop: the home beside the map (the README screenshot), the indicators per agency and commune, area alerts with their Atom feed', async () => {
    const page = await open('/', LAPTOP);
    await page.getByTestId('public-list').getByText(resolved.code).waitFor();
    await page.locator('.leaflet-container .pa-dot, .leaflet-container .pa-cluster').first().waitFor();
    // The README's picture: docs/portal.png is a copy of this one, taken when the look changes.
    await page.screenshot({ path: join(ARTIFACTS, 'portal.png') });

    // The page's code lost on the way (a dropped network): it says so and a retry brings the page.
    await page.route(/\/assets\/transparency-[\w-]+\.js$/, (route) => route.abort(), { times: 1 });
    await page.getByRole('link', { name: 'Kết quả xử lý' }).click();
    await page.getByRole('alert').getByText('Không tải được trang này').waitFor();
    await page.getByRole('button', { name: 'Thử lại' }).click();
    const table = page.getByTestId('indicators');
    await table.getByText(c.agencyA.name).waitFor();
    await page.getByLabel('Xã, phường').check();
    await table.getByText('Theo xã, phường').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'indicators-laptop.png'), fullPage: true });

    await page.getByRole('link', { name: 'Thông báo khu vực' }).click();
    await page.getByLabel('Nguồn tin Atom của xã, phường').selectOption(WARD);
    const feed = await page.getByTestId('atom').getAttribute('href');
    const atom = await t.http().get(feed!).expect(200);
    expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(atom.text).toContain(waiting.code);

    await proveAs(page, c.otherCitizen.phone);
    await page.getByRole('combobox', { name: 'Xã, phường', exact: true }).selectOption(WARD);
    await page.getByRole('button', { name: 'Nhận thông báo' }).click();
    await page.getByTestId('subscriptions').getByText(wardName).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'alerts-laptop.png'), fullPage: true });
    const subs = await t
      .http()
      .get('/api/v1/me/subscriptions')
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .expect(200);
    expect(subs.body).toEqual([expect.objectContaining({ kind: 'commune', communeCode: WARD })]);
    await page.getByTestId('subscriptions').getByRole('button', { name: 'Bỏ theo dõi' }).click();
    await eventually(async () => (await page.getByTestId('subscriptions').locator('li').count()) === 0, 10_000);
    await t.http().get('/api/v1/me/subscriptions').auth(c.otherCitizen.token, { type: 'bearer' }).expect(200, []);
    expect(problems).toEqual([]);
  }, 120_000);
});

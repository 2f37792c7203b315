// The staff console in a real browser (Debian's Chromium through playwright-core) against the real API and the
// real worker, so socket.io events flow as in production. One case goes round the desks: the operator logs a call
// that files a report; the screener, in a second browser context, sees it arrive without reloading and assigns
// it; the agency officer sees it arrive, acknowledges it and submits a result; the leader's figures move.
// Screenshots of every desk go to apps/console/test/artifacts/ (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { agency, category, staff, type Login } from '../../api/test/support/fixtures';
import { listen } from '../../api/test/support/realtime-client';
import { createTestApp, eventually, startWorker, type TestApp } from '../../api/test/support/test-app';
import { ARTIFACTS, ensureConsoleBuild, launchChromium, settled } from './support/browser';

/** The password fixtures.staff() gives every account. */
const PASSWORD = 'Passw0rd!x';
const LAPTOP = { width: 1440, height: 900 };
const TABLET = { width: 820, height: 1180 };

describe('staff console in Chromium (browser)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const users: Record<'operator' | 'screener' | 'officer' | 'leader' | 'admin', Login & { username: string }> =
    {} as never;
  let soXd: { id: string };
  let phuong: { id: string };
  let giaoThong: { id: string };

  const api = (token: string) => ({
    post: (path: string, body: unknown) =>
      t
        .http()
        .post(`/api/v1${path}`)
        .auth(token, { type: 'bearer' })
        .send(body as object),
  });

  /** A fresh browser context (own storage, own socket), logged in through the login page. */
  async function open(who: keyof typeof users, viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    contexts.push(context);
    // The closed network of CI has no tile server: tiles must fail without breaking anything.
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    pages.set(`${who}-${pages.size}`, page);
    page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        problems.push(`${who}: console: ${m.text()}`);
    });
    await page.goto(`${base}/console/`);
    await page.getByLabel('Tên đăng nhập hoặc số điện thoại').fill(users[who].username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    return page;
  }

  const pages = new Map<string, Page>();
  const shot = async (page: Page, name: string, fullPage = false) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
  };
  const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();
  const stat = (page: Page, key: string) =>
    text(page.getByTestId(`stat-${key}`).locator('.ant-statistic-content-value'));
  const liveConnected = (page: Page) =>
    page.locator('[data-testid="live-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
  /** Marks the document: if the page reloads, the mark is gone. */
  // (Code run in the page is passed as strings: this file is type-checked without the DOM library.)
  const mark = (page: Page) => page.evaluate('window.paMark = 42');
  const stillMarked = (page: Page) => page.evaluate('window.paMark === 42');
  beforeAll(async () => {
    ensureConsoleBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp();
    worker = await startWorker();
    base = await listen(t.app);

    soXd = await agency(t, 'Sở Xây dựng');
    phuong = await agency(t, 'UBND phường Phan Đình Phùng');
    giaoThong = await category(t, { name: 'Giao thông', defaultAgencyId: soXd.id });
    await category(t, { name: 'Điện – chiếu sáng', defaultAgencyId: phuong.id });
    const logins = {
      operator: await staff(t, ['operator']),
      screener: await staff(t, ['screener']),
      officer: await staff(t, ['agency_officer'], soXd.id),
      leader: await staff(t, ['leader']),
      admin: await staff(t, ['admin']),
    };
    const names = {
      operator: 'Trần Thị Tổng Đài',
      screener: 'Lê Văn Sàng Lọc',
      officer: 'Phạm Minh Cán Bộ',
      leader: 'Đỗ Quang Lãnh Đạo',
      admin: 'Quản Trị Viên',
    };
    for (const [k, login] of Object.entries(logins)) {
      // Names people would have, for the screenshots.
      await t.db.query(`UPDATE users SET full_name = $2 WHERE id = $1`, [login.id, names[k as keyof typeof names]]);
      const me = await t.http().get('/api/v1/me').auth(login.token, { type: 'bearer' }).expect(200);
      users[k as keyof typeof users] = { ...login, username: me.body.username };
    }

    // Earlier cases, made late on purpose: one waiting for screening, one with the ward, both past their deadline.
    const filed = async (description: string, address: string) =>
      (
        await api(logins.operator.token)
          .post('/reports', {
            categoryId: giaoThong.id,
            description,
            address,
            location: { lat: 21.5931, lng: 105.8467 },
          })
          .expect(201)
      ).body as { id: string; code: string; version: number };
    const waiting = await filed(
      'Đèn tín hiệu giao thông ngã tư Đồng Quang bị hỏng, xe cộ đi lại lộn xộn',
      'Ngã tư Đồng Quang',
    );
    const withWard = await filed(
      'Rác thải đổ trộm ven đường Bắc Kạn gây mùi hôi',
      'Đường Bắc Kạn, phường Phan Đình Phùng',
    );
    await api(logins.screener.token)
      .post(`/reports/${withWard.id}/actions/assign`, { agencyId: phuong.id })
      .expect(200);
    await t.db.query(`UPDATE reports SET due_at = now() - interval '3 days', escalation_level = 2 WHERE id = $1`, [
      withWard.id,
    ]);
    await t.db.query(`UPDATE reports SET due_at = now() - interval '5 hours', escalation_level = 1 WHERE id = $1`, [
      waiting.id,
    ]);

    browser = await launchChromium();
  }, 300_000);

  afterEach(async () => {
    // What each open page showed when a step failed (or at the end): artefacts to look at, not assertions.
    for (const [name, page] of pages)
      await page.screenshot({ path: join(ARTIFACTS, `last-${name}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('serves the built console under /console/ with SPA fallback and its own page policy', async () => {
    const page = await t.http().get('/console/sang-loc').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain(
      "img-src 'self' data: blob: https://tile.openstreetmap.org",
    );
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    const asset = await t.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await t.http().get('/console/assets/does-not-exist.js').expect(404);
    await t.http().get('/console/..%2f..%2fpackage.json').expect(404);
  });

  it('takes one case from the hotline to the agency, live, and the leader sees the figures move', async () => {
    const started = Date.now();

    // Leader: the dashboard before.
    const leader = await open('leader');
    await leader.getByRole('heading', { name: 'Lãnh đạo' }).waitFor();
    await eventually(async () => (await stat(leader, 'total')) === '2');
    const before = { total: await stat(leader, 'total'), inProgress: await stat(leader, 'inProgress') };
    expect(before).toEqual({ total: '2', inProgress: '1' });
    await leader.getByText('Rác thải đổ trộm ven đường Bắc Kạn').waitFor();

    // Screener and agency officer: their desks open, live, before anything happens.
    const screener = await open('screener');
    await screener.getByRole('heading', { name: 'Sàng lọc' }).waitFor();
    await screener.locator('button.pa-queue-item').first().waitFor();
    expect(await screener.locator('button.pa-queue-item').count()).toBe(1);
    expect(await text(screener.locator('button.pa-queue-item').first())).toContain('Quá hạn');
    await liveConnected(screener);
    await mark(screener);

    const officer = await open('officer');
    await officer.getByRole('heading', { name: 'Xử lý' }).waitFor();
    await officer.getByText('Không có vụ việc mới').waitFor();
    await liveConnected(officer);
    await mark(officer);

    // Operator: the caller's number shows their history; the call files a report with a photo and a map point.
    const operator = await open('operator');
    await operator.getByRole('heading', { name: 'Tổng đài 1022' }).waitFor();
    await operator.getByLabel('Số điện thoại người gọi').fill('0912 345 678');
    await operator.getByText('Người gọi chưa có phản ánh nào').waitFor();
    await operator.getByLabel('Họ tên người gọi').fill('Nguyễn Văn Gọi');
    await operator.getByLabel('Lĩnh vực').click();
    await operator.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Giao thông"]').click();
    await operator.getByLabel('Mô tả sự việc').fill('Ổ gà lớn giữa đường Hoàng Văn Thụ, nguy hiểm cho xe máy');
    await operator.getByLabel('Địa chỉ').fill('Số 12 đường Hoàng Văn Thụ, phường Phan Đình Phùng');
    await operator.getByTestId('map-picker').click({ position: { x: 300, y: 130 } });
    await eventually(async () => (await operator.getByLabel('Vĩ độ').inputValue()) !== '');
    const photo = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#b03a2e' } })
      .png()
      .toBuffer();
    const uploaded = operator.waitForResponse((r) => r.url().endsWith('/api/v1/attachments') && r.status() === 201);
    await operator
      .locator('input[type=file]')
      .setInputFiles({ name: 'o-ga.png', mimeType: 'image/png', buffer: photo });
    await uploaded;
    await shot(operator, 'hotline-form');
    await operator.getByRole('button', { name: 'Lưu cuộc gọi và tạo phản ánh' }).click();
    const done = operator.getByTestId('call-done');
    await done.waitFor();
    const code = /PA-\d{4}-\d{6}/.exec(await text(done))![0];
    await operator.locator('[data-testid="caller-reports"]').getByText(code).waitFor();
    await shot(operator, 'hotline');

    // Screener: the new report arrives without a reload; its photo, map and routing suggestion are there.
    const item = screener.locator(`button.pa-queue-item[data-code="${code}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await stillMarked(screener)).toBe(true);
    // Keyboard: the queue entries are buttons; Enter opens one.
    await item.focus();
    await screener.keyboard.press('Enter');
    await screener.getByTestId('report-description').getByText('Ổ gà lớn giữa đường Hoàng Văn Thụ').waitFor();
    await screener.getByRole('img', { name: `Ảnh phản ánh ${code} 1` }).waitFor();
    await screener.locator('[title="Sở Xây dựng (gợi ý)"]').first().waitFor();
    await screener.getByTestId('duplicates').waitFor();
    await shot(screener, 'screening');
    await shot(screener, 'screening-full', true);
    await screener.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await item.waitFor({ state: 'detached', timeout: 10_000 });

    // Agency officer: the case arrives without a reload; acknowledge, then submit the result.
    const kase = officer.locator(`button.pa-queue-item[data-code="${code}"]`);
    await kase.waitFor({ timeout: 15_000 });
    expect(await stillMarked(officer)).toBe(true);
    await kase.click();
    await officer.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
    await officer.getByRole('button', { name: 'Gửi kết quả xử lý' }).waitFor();

    // Screener: the case is in the agencies' queue, where the offered actions include urging the agency on; the
    // officer's open case shows it live.
    await screener.getByRole('tab', { name: /Đang xử lý/ }).click();
    await screener.locator(`button.pa-queue-item[data-code="${code}"]`).click();
    await screener.getByRole('button', { name: 'Đôn đốc' }).click();
    await screener
      .getByRole('textbox', { name: 'Lời nhắn cho cơ quan (không bắt buộc)' })
      .fill('Đề nghị hoàn thành trong ngày');
    await screener.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await officer.getByText('Đề nghị hoàn thành trong ngày').waitFor({ timeout: 10_000 });
    await officer.getByText('Đôn đốc xử lý').first().waitFor();

    await officer.getByRole('button', { name: 'Gửi kết quả xử lý' }).click();
    await officer
      .getByRole('textbox', { name: 'Kết quả xử lý' })
      .fill('Đã vá ổ gà bằng bê tông nhựa nóng, đường đã thông thoáng');
    await officer.getByRole('button', { name: 'Gửi kết quả', exact: true }).click();
    await officer.locator('.ant-card-extra').getByText('Chờ duyệt kết quả').waitFor({ timeout: 10_000 });
    const [{ status }] = await t.db.query(`SELECT status FROM reports WHERE code = $1`, [code]);
    expect(status).toBe('pending_review');
    await officer.getByRole('tab', { name: /Chờ người dân/ }).click();
    await kase.click();
    await officer.getByText('Đã vá ổ gà bằng bê tông nhựa nóng').first().waitFor();
    await shot(officer, 'agency');

    // Leader: the figures move; the overdue list names the late ward, whose reminder letter downloads as PDF.
    await leader.getByRole('button', { name: 'Làm mới' }).click();
    await eventually(async () => (await stat(leader, 'total')) === '3', 10_000);
    expect(await stat(leader, 'inProgress')).toBe('2');
    const letter = leader.waitForEvent('download');
    await leader.getByRole('button', { name: /Tải văn bản đôn đốc \(PDF\) cho UBND phường Phan Đình Phùng/ }).click();
    const pdf = await (await letter).createReadStream();
    const head = await new Promise<string>((ok) =>
      pdf.once('data', (b: Buffer) => ok(b.subarray(0, 5).toString('latin1'))),
    );
    pdf.destroy();
    expect(head).toBe('%PDF-');
    const csv = leader.waitForEvent('download');
    await leader.getByRole('button', { name: 'Tải CSV' }).click();
    const csvStream = await (await csv).createReadStream();
    const csvText = await new Promise<string>((ok) => {
      const chunks: Buffer[] = [];
      csvStream.on('data', (b: Buffer) => chunks.push(b)).on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    });
    expect(csvText).toContain(code);
    await shot(leader, 'leadership');
    await shot(leader, 'leadership-full', true);

    // The agency desk on a tablet held upright, and the admin's API key shown once.
    const tablet = await open('officer', TABLET);
    await tablet.getByRole('heading', { name: 'Xử lý' }).waitFor();
    await tablet.getByRole('tab', { name: /Chờ người dân/ }).click();
    await tablet.locator(`button.pa-queue-item[data-code="${code}"]`).click();
    await tablet.getByText('Đã vá ổ gà bằng bê tông nhựa nóng').first().waitFor();
    await shot(tablet, 'agency-tablet');

    const admin = await open('admin');
    await admin.getByRole('heading', { name: 'Quản trị' }).waitFor();
    await admin.getByRole('cell', { name: users.officer.username, exact: true }).waitFor();
    await admin.getByRole('tab', { name: 'Khóa API' }).click();
    await admin.getByLabel('Tên hệ thống').fill('LGSP Thái Nguyên');
    await admin.getByRole('button', { name: 'Tạo khóa' }).click();
    const key = await text(admin.getByTestId('api-key-value'));
    await settled(admin);
    expect(key.length).toBeGreaterThan(20);
    await shot(admin, 'admin');
    await admin.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    await admin.getByRole('tab', { name: 'Lĩnh vực và thời hạn' }).click();
    await admin.getByRole('button', { name: 'Sửa lĩnh vực Giao thông' }).click();
    await admin.getByRole('dialog', { name: 'Sửa lĩnh vực Giao thông' }).getByText('Thời hạn theo giai đoạn').waitFor();
    await settled(admin);
    await shot(admin, 'admin-category');

    writeFileSync(join(ARTIFACTS, 'timing.txt'), `round trip ${Date.now() - started} ms\n`);
    expect(problems).toEqual([]);
    // Five browsers and the whole stack on two shared cores: minutes when other tests run beside it.
  }, 240_000);
});

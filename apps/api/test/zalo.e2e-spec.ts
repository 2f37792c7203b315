import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import nock from 'nock';
import sharp from 'sharp';
import { Db } from '@app/database';
import type { DeliveryMessage, Recipient } from '@app/notifications/channels/delivery-channel';
import { ZaloChannel, zaloIdsSql } from '@app/notifications/channels/zalo.channel';
import { ZaloApi, zaloSignature, ZALO_URLS } from '@app/zalo';
import { cast, reportBody, THAI_NGUYEN } from './support/fixtures';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';
import { REDIS_URL } from './support/test-env';

const APP_ID = '3605211416208941163';
const OA_ID = '579745863508352884';
const OA_SECRET_KEY = 'oa-secret-key-of-the-zalo-e2e-test';
const APP_SECRET = 'app-secret-of-the-zalo-e2e-test';
const FIRST_REFRESH_TOKEN = 'refresh-token-as-configured';
const ZNS_TEMPLATE = '298012';
const CDN = 'https://f21-zpc.zdn.vn';

const url = (u: string) => new URL(u);
const OAUTH = url(ZALO_URLS.accessToken);
const CS = url(ZALO_URLS.csMessage);
const ZNS = url(ZALO_URLS.znsMessage);

interface Sent {
  accessToken: string;
  body: { recipient: { user_id: string }; message: { text: string } };
}
interface Refresh {
  secretKey: string;
  form: URLSearchParams;
}
interface ZnsSent {
  accessToken: string;
  body: { phone: string; template_id: string; template_data: Record<string, string>; tracking_id: string };
}

/**
 * Zalo Official Account in and out (docs/channels.md#zalo). Zalo's servers (OAuth, the OA message API, ZNS, the
 * photo CDN) are intercepted at the network edge by nock: our real HTTP client builds every request. The webhook
 * payloads below are the recorded edge: built field by field in the shape of Zalo's OA webhook events
 * (user_send_text, user_send_location, user_send_image, follow) as public integrations read them, and signed as Zalo
 * signs them (docs/channels.md#zalo says where each shape and the signature come from).
 */
describe('Zalo OA webhook, conversations and delivery (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let c: Awaited<ReturnType<typeof cast>>;
  const sent: Sent[] = [];
  const refreshes: Refresh[] = [];
  const zns: ZnsSent[] = [];
  /** Error answers the OA message API gives before answering normally again (Zalo's `{ error, message }`). */
  const csFailures: Array<{ error: number; message: string }> = [];
  let tokenCount = 0;
  let msgSeq = 0;

  const repliesTo = (zaloUserId: string) =>
    sent.filter((s) => s.body.recipient.user_id === zaloUserId).map((s) => s.body.message.text);

  /** A webhook event in Zalo's shape, its raw JSON and the headers Zalo sends with it. */
  const event = (name: string, zaloUserId: string, message: object, at = Date.now()) => {
    const body = {
      app_id: APP_ID,
      user_id_by_app: `55${zaloUserId}`,
      event_name: name,
      timestamp: String(at),
      sender: { id: zaloUserId },
      recipient: { id: OA_ID },
      message: { msg_id: `msg-${++msgSeq}`, ...message },
    };
    const raw = JSON.stringify(body);
    return { raw, signature: zaloSignature(APP_ID, raw, body.timestamp, OA_SECRET_KEY) };
  };
  const post = (raw: string, signature?: string) => {
    const req = t.http().post('/api/v1/zalo/webhook').set('content-type', 'application/json');
    return (signature === undefined ? req : req.set('X-ZEvent-Signature', signature)).send(raw);
  };
  const deliver = async (e: { raw: string; signature: string }) => {
    await post(e.raw, e.signature).expect(200, { received: true });
  };
  const text = (zaloUserId: string, words: string) => event('user_send_text', zaloUserId, { text: words });
  const location = (zaloUserId: string, at = THAI_NGUYEN) =>
    event('user_send_location', zaloUserId, {
      attachments: [
        {
          type: 'location',
          payload: { coordinates: { latitude: String(at.lat), longitude: String(at.lng) } },
        },
      ],
    });
  const image = (zaloUserId: string, path: string) =>
    event('user_send_image', zaloUserId, {
      text: '',
      attachments: [{ type: 'image', payload: { thumbnail: `${CDN}/thumb${path}`, url: `${CDN}${path}` } }],
    });

  /** Waits for the nth reply to a Zalo user and returns it. */
  const reply = (zaloUserId: string, n: number) => eventually(async () => repliesTo(zaloUserId)[n - 1], 20_000);

  /** Files a report from a fresh Zalo user through the whole conversation; returns its code and the replies. */
  const fileByZalo = async (zaloUserId: string, words: string) => {
    await deliver(text(zaloUserId, words));
    expect(await reply(zaloUserId, 1)).toContain('vị trí');
    await deliver(location(zaloUserId));
    const menu = await reply(zaloUserId, 2);
    const choice = menu
      .split('\n')
      .find((l) => l.endsWith(`. ${c.category.name}`))!
      .split('.')[0];
    await deliver(text(zaloUserId, choice));
    const filed = await reply(zaloUserId, 3);
    const code = /mã (\S+)\./.exec(filed)![1];
    return { code, filed };
  };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock(OAUTH.origin)
      .post(OAUTH.pathname)
      .reply(function (_uri, body) {
        refreshes.push({ secretKey: String(this.req.headers.secret_key), form: new URLSearchParams(String(body)) });
        tokenCount++;
        return [
          200,
          { access_token: `access-${tokenCount}`, refresh_token: `refresh-${tokenCount}`, expires_in: '90000' },
        ];
      })
      .persist();
    nock(CS.origin)
      .post(CS.pathname)
      .reply(function (_uri, body) {
        const failure = csFailures.shift();
        if (failure) return [200, failure];
        const b = body as Sent['body'];
        sent.push({ accessToken: String(this.req.headers.access_token), body: b });
        return [
          200,
          { error: 0, message: 'Success', data: { message_id: `oa-${sent.length}`, user_id: b.recipient.user_id } },
        ];
      })
      .persist();
    nock(ZNS.origin)
      .post(ZNS.pathname)
      .reply(function (_uri, body) {
        zns.push({ accessToken: String(this.req.headers.access_token), body: body as ZnsSent['body'] });
        return [200, { error: 0, message: 'Success', data: { msg_id: 'zns-1', sent_time: String(Date.now()) } }];
      })
      .persist();
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08040' } })
      .jpeg()
      .toBuffer();
    nock(CDN).get('/photo.jpg').reply(200, photo, { 'content-type': 'image/jpeg' }).persist();
    nock(CDN)
      .get('/notes.jpg')
      .reply(200, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'), {
        'content-type': 'image/jpeg',
      })
      .persist();
    t = await createTestApp({
      ZALO_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
      ZALO_REFRESH_TOKEN: FIRST_REFRESH_TOKEN,
      ZALO_ZNS_TEMPLATE_STATUS: ZNS_TEMPLATE,
    });
    worker = await startWorker();
    c = await cast(t);
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('refuses a missing, wrong or stale signature with 401 UNAUTHENTICATED before reading the event', async () => {
    const e = text('1000000000000001', 'Ổ gà');
    const refused = async (raw: string, signature: string | undefined, reason: string) => {
      const res = await post(raw, signature).expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason } });
    };
    await refused(e.raw, undefined, 'missing_signature');
    await refused(e.raw, zaloSignature(APP_ID, e.raw, String(Date.now()), 'not-the-oa-secret'), 'bad_signature');
    // One byte changed after signing: the signature covers the body as sent.
    await refused(e.raw.replace('Ổ gà', 'Ổ voi'), e.signature, 'bad_signature');
    // Correctly signed, but from an hour ago: a replay.
    const old = event('user_send_text', '1000000000000001', { text: 'Ổ gà' }, Date.now() - 3_600_000);
    await refused(old.raw, old.signature, 'stale_event');
    // Nothing of it reached a conversation.
    const rows = await t.db.query(`SELECT 1 FROM zalo_conversations WHERE zalo_user_id = '1000000000000001'`);
    expect(rows).toHaveLength(0);
  });

  it('turns text, a shared location and photos into a report of channel zalo, and answers with its code', async () => {
    const zaloUser = '2000000000000002';
    await deliver(text(zaloUser, 'Cột điện nghiêng sắp đổ'));
    expect(await reply(zaloUser, 1)).toBe(
      'Đã nhận. Bạn vui lòng gửi thêm vị trí (chia sẻ vị trí trong Zalo) để hoàn tất phản ánh.',
    );
    await deliver(image(zaloUser, '/photo.jpg'));
    expect(await reply(zaloUser, 2)).toBe('Đã nhận 1/5 ảnh.');
    // A file that is not an image goes through the same upload checks as the app's and is refused.
    await deliver(image(zaloUser, '/notes.jpg'));
    expect(await reply(zaloUser, 3)).toContain('Ảnh vừa gửi không đọc được');
    await deliver(text(zaloUser, 'ngay trước cổng trường'));
    expect(await reply(zaloUser, 4)).toContain('vị trí');
    await deliver(location(zaloUser));
    const menu = await reply(zaloUser, 5);
    expect(menu).toMatch(/^Phản ánh của bạn thuộc lĩnh vực nào\? Hãy trả lời bằng số:\n1\. /);
    const choice = menu
      .split('\n')
      .find((l) => l.endsWith(`. ${c.category.name}`))!
      .split('.')[0];
    // A number out of range is more text: the menu comes again.
    await deliver(text(zaloUser, '99'));
    expect(await reply(zaloUser, 6)).toBe(menu);
    const chosen = text(zaloUser, choice);
    await deliver(chosen);
    const filed = await reply(zaloUser, 7);
    // Zalo sends an event again when it thinks we were slow: same message id, one job, nothing filed twice.
    await deliver(chosen);
    const code = /mã (\S+)\./.exec(filed)![1];
    const [report] = await t.db.query(
      `SELECT r.id, r.channel, r.description, r.category_id, ST_Y(r.location::geometry) AS lat, u.kind, u.phone,
              (SELECT count(*)::int FROM attachments a WHERE a.report_id = r.id) AS photos,
              (SELECT mime_type FROM attachments a WHERE a.report_id = r.id) AS mime
         FROM reports r JOIN users u ON u.id = r.reporter_id
         JOIN zalo_conversations z ON z.user_id = r.reporter_id
        WHERE r.code = $1 AND z.zalo_user_id = $2`,
      [code, zaloUser],
    );
    expect(report).toMatchObject({
      channel: 'zalo',
      description: 'Cột điện nghiêng sắp đổ\nngay trước cổng trường\n99',
      category_id: c.category.id,
      kind: 'caller',
      phone: null,
      photos: 1,
      mime: 'image/jpeg',
    });
    expect(report.lat).toBeCloseTo(THAI_NGUYEN.lat, 5);
    // Every reply went with the access token got from the configured refresh token.
    expect(refreshes[0].form.get('refresh_token')).toBe(FIRST_REFRESH_TOKEN);
    expect(refreshes[0].form.get('app_id')).toBe(APP_ID);
    expect(refreshes[0].form.get('grant_type')).toBe('refresh_token');
    expect(refreshes[0].secretKey).toBe(APP_SECRET);
    expect(new Set(sent.map((s) => s.accessToken))).toEqual(new Set(['access-1']));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reports WHERE channel = 'zalo'`);
    expect(n).toBe(1);
  });

  it("fetches photos only from Zalo's CDNs: another host is refused without a request", async () => {
    const zaloUser = '2000000000000009';
    await deliver(
      event('user_send_image', zaloUser, {
        attachments: [{ type: 'image', payload: { url: 'https://169.254.169.254.example.net/latest/meta-data.jpg' } }],
      }),
    );
    expect(await reply(zaloUser, 1)).toContain('Ảnh vừa gửi không đọc được');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM attachments a JOIN zalo_conversations z ON z.user_id = a.owner_id
        WHERE z.zalo_user_id = $1`,
      [zaloUser],
    );
    expect(n).toBe(0);
  });

  it('gives the duplicate hint when a public case is already open nearby', async () => {
    const first = await fileByZalo('3000000000000003', 'Nắp cống bị mất');
    // Published once assigned (docs/domain.md): the screener sends it to the agency.
    const [{ id }] = await t.db.query(`SELECT id FROM reports WHERE code = $1`, [first.code]);
    await t
      .http()
      .post(`/api/v1/reports/${id}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId: c.agencyA.id })
      .expect(200);
    const second = await fileByZalo('3000000000000004', 'Nắp cống bị mất, rất nguy hiểm');
    expect(second.filed).toContain(`Có thể đã có người phản ánh vấn đề này: ${first.code}`);
  });

  it('refreshes the access token when Zalo says it expired, with the refresh token Zalo handed out last', async () => {
    const before = refreshes.length;
    csFailures.push({ error: -216, message: 'Access token is invalid' });
    const zaloUser = '4000000000000005';
    // A follow event names the user as `follower`, not `sender`.
    const body = {
      app_id: APP_ID,
      oa_id: OA_ID,
      event_name: 'follow',
      source: 'oa_profile',
      follower: { id: zaloUser },
    };
    const raw = JSON.stringify({ ...body, timestamp: String(Date.now()) });
    await deliver({ raw, signature: zaloSignature(APP_ID, raw, JSON.parse(raw).timestamp, OA_SECRET_KEY) });
    expect(await reply(zaloUser, 1)).toContain('Để gửi phản ánh');
    expect(refreshes.length).toBe(before + 1);
    expect(refreshes.at(-1)!.form.get('refresh_token')).toBe(`refresh-${before}`);
    expect(sent.at(-1)!.accessToken).toBe(`access-${before + 1}`);
    // The cached token's time runs out (its Redis key expires a minute before Zalo's): the next message refreshes.
    const redis = new Redis(REDIS_URL);
    await redis.del(`${t.prefix}:zalo:access-token`).finally(() => redis.disconnect());
    await deliver(text(zaloUser, 'Xin chào'));
    await reply(zaloUser, 2);
    expect(refreshes.length).toBe(before + 2);
    expect(refreshes.at(-1)!.form.get('refresh_token')).toBe(`refresh-${before + 1}`);
    expect(sent.at(-1)!.accessToken).toBe(`access-${before + 2}`);
  });

  it('sends a change of a case filed by Zalo back to that conversation, through the delivery layer', async () => {
    const zaloUser = '6000000000000008';
    const { code } = await fileByZalo(zaloUser, 'Cây đổ chắn ngang đường');
    const [{ id }] = await t.db.query(`SELECT id FROM reports WHERE code = $1`, [code]);
    await t
      .http()
      .post(`/api/v1/reports/${id}/actions/request-info`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ question: 'Cây đổ ở số nhà nào?' })
      .expect(200);
    // The citizen has no app: the important message goes to Zalo, into the conversation the case came from.
    // The citizen has no app: the important message goes to Zalo, into the conversation the case came from, in
    // the delivery layer's words for Zalo (its SMS line).
    const told = await eventually(
      async () => repliesTo(zaloUser).find((m) => m.includes('cần bổ sung thông tin')),
      20_000,
    );
    expect(told).toBe(`Phản ánh ${code} cần bổ sung thông tin. Tra cứu bằng mã này.`);
    // The receipt was not sent a second time (the conversation had the code): the prompt, the menu, the code, this.
    expect(repliesTo(zaloUser)).toHaveLength(4);
  });

  it('sends a ZNS template message to a citizen with a phone and neither the app nor a conversation', async () => {
    const person = c.otherCitizen;
    const report = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(person.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body as { id: string; code: string };
    await t
      .http()
      .post(`/api/v1/reports/${report.id}/actions/request-info`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ question: 'Ổ gà rộng bao nhiêu?' })
      .expect(200);
    const sentZns = await eventually(
      async () =>
        zns.find((z) => z.body.template_data.code === report.code && z.body.template_data.text.includes('bổ sung')),
      20_000,
    );
    const [event] = await t.db.query(
      `SELECT id FROM report_events WHERE report_id = $1 AND type = 'report.info_requested'`,
      [report.id],
    );
    expect(sentZns.body).toEqual({
      phone: person.phone.replace(/^\+/, ''),
      template_id: ZNS_TEMPLATE,
      template_data: {
        code: report.code,
        title: expect.any(String),
        text: `Phản ánh ${report.code} cần bổ sung thông tin. Tra cứu bằng mã này.`,
      },
      tracking_id: event.id,
    });
    expect(sentZns.body.phone).toMatch(/^84\d{9}$/);
  });

  describe('the Zalo delivery channel', () => {
    let channel: ZaloChannel;
    const message = (code: string, over: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
      eventId: '6f1c2a3b-0000-4000-8000-000000000001',
      eventType: 'report.info_requested',
      reportId: '6f1c2a3b-0000-4000-8000-000000000002',
      reportCode: code,
      importance: 'important',
      texts: { zalo: { title: 'Cần bổ sung thông tin', body: 'Cơ quan xử lý cần bạn bổ sung thông tin.' } },
      params: { code, title: 'Cần bổ sung thông tin', text: 'Cơ quan xử lý cần bạn bổ sung thông tin.' },
      notificationId: null,
      ...over,
    });
    /** The person as the delivery layer reads them: phone, and the Zalo ids through zaloIdsSql. */
    const recipient = async (userId: string): Promise<Recipient> => {
      const row = await worker
        .get(Db, { strict: false })
        .kysely.selectFrom('users as u')
        .select(['u.id', 'u.phone'])
        .select(zaloIdsSql('u.id').as('zaloIds'))
        .where('u.id', '=', userId)
        .executeTakeFirstOrThrow();
      return { userId: row.id, phone: row.phone, email: null, pushTokens: [], zaloIds: row.zaloIds };
    };

    beforeAll(() => {
      channel = new ZaloChannel(worker.get(ZaloApi, { strict: false }), worker.get(Db, { strict: false }));
    });

    it('sends a change of a case filed by Zalo back into that conversation', async () => {
      const zaloUser = '5000000000000006';
      const { code } = await fileByZalo(zaloUser, 'Đèn đường hỏng cả dãy');
      const [{ id: reportId, reporter_id: userId }] = await t.db.query(
        `SELECT id, reporter_id FROM reports WHERE code = $1`,
        [code],
      );
      const person = await recipient(userId);
      expect(person.zaloIds).toEqual([zaloUser]);
      expect(channel.canReach(person)).toBe(true);
      // The receipt is not sent again: the conversation that filed the case was answered with its code.
      const count = repliesTo(zaloUser).length;
      expect(await channel.send(person, message(code, { eventType: 'report.created', reportId }))).toMatchObject({
        status: 'delivered',
      });
      expect(repliesTo(zaloUser)).toHaveLength(count);
      expect(await channel.send(person, message(code))).toEqual({ status: 'delivered', detail: 'oa' });
      expect(repliesTo(zaloUser).at(-1)).toBe(`Phản ánh ${code}: Cơ quan xử lý cần bạn bổ sung thông tin.`);
    });

    it('sends the ZNS template to a phone without a conversation, and to one whose conversation Zalo refuses', async () => {
      const phoneOnly = (await t.db.query(
        `INSERT INTO users (kind, phone, full_name, roles) VALUES ('caller', '+84912000111', 'Lê Thị Zns', '{citizen}') RETURNING id`,
      )) as Array<{ id: string }>;
      const person = await recipient(phoneOnly[0].id);
      expect(person.zaloIds).toEqual([]);
      expect(channel.canReach(person)).toBe(true);
      expect(await channel.send(person, message('PA-ZNS-1'))).toEqual({ status: 'delivered', detail: 'zns' });
      expect(zns.at(-1)).toEqual({
        accessToken: expect.stringMatching(/^access-\d+$/),
        body: {
          phone: '84912000111',
          template_id: ZNS_TEMPLATE,
          template_data: {
            code: 'PA-ZNS-1',
            title: 'Cần bổ sung thông tin',
            text: 'Cơ quan xử lý cần bạn bổ sung thông tin.',
          },
          tracking_id: '6f1c2a3b-0000-4000-8000-000000000001',
        },
      });
      // Zalo refuses the conversation for good (the follower has not written within its window): ZNS instead.
      csFailures.push({ error: -230, message: 'User has not interacted with the OA in the last 7 days' });
      const before = zns.length;
      const both = { ...person, zaloIds: ['5000000000000007'] };
      expect(await channel.send(both, message('PA-ZNS-2'))).toEqual({ status: 'delivered', detail: 'zns' });
      expect(zns).toHaveLength(before + 1);
      // Nobody to reach: no conversation, no phone.
      expect(channel.canReach({ ...person, phone: null })).toBe(false);
    });
  });
});

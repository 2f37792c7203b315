import type { INestApplicationContext } from '@nestjs/common';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { AgencyMailService } from '@app/notifications';
import { LettersProcessor } from '../../worker/src/letters.processor';
import { cast, reportBody } from './support/fixtures';
import { freePort } from './support/free-port';
import { createTestApp, eventually, startWorker, type TestApp } from './support/test-app';

const DAY = 24 * 3600_000;

/**
 * Email to agencies through the real nodemailer client to a real SMTP server (smtp-server) run by the test: the
 * digest of new assignments and the weekly reminder letter with its PDF attached.
 */
describe('agency email over SMTP (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let worker: INestApplicationContext;
  let smtp: SMTPServer;
  const mails: Array<ParsedMail & { envelopeTo: string[] }> = [];
  const to = (address: string) => mails.filter((m) => m.envelopeTo.includes(address));

  const file = async (description: string) =>
    (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id, { description }))
        .expect(201)
    ).body as { id: string; code: string };
  const assign = (reportId: string, agencyId: string) =>
    t
      .http()
      .post(`/api/v1/reports/${reportId}/actions/assign`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ agencyId })
      .expect(200);
  const setEmail = (agencyId: string, email: unknown, status = 200) =>
    t
      .http()
      .patch(`/api/v1/admin/agencies/${agencyId}`)
      .auth(c.admin.token, { type: 'bearer' })
      .send({ email })
      .expect(status);

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
            callback();
          })
          .catch(callback);
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Trung tâm Phản ánh hiện trường <phananh@tinh.test>',
    });
    c = await cast(t);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('lets an admin set an agency’s address, and refuses a bad one', async () => {
    const res = await setEmail(c.agencyA.id, 'vanthu@soxd.tinh.test');
    expect(res.body.email).toBe('vanthu@soxd.tinh.test');
    expect((await setEmail(c.agencyA.id, 'not an address', 400)).body.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .patch(`/api/v1/admin/agencies/${c.agencyA.id}`)
      .auth(c.screener.token, { type: 'bearer' })
      .send({ email: 'x@y.test' })
      .expect(403);
  });

  it('mails each agency the digest of its new assignments, once', async () => {
    await setEmail(c.agencyA.id, 'vanthu@soxd.tinh.test');
    const a = await file('Ổ gà lớn trước cổng trường tiểu học');
    const b = await file('Đèn tín hiệu giao thông không hoạt động');
    await assign(a.id, c.agencyA.id);
    await assign(b.id, c.agencyA.id);
    // Agency B has no address: nothing for it.
    const other = await file('Cột điện nghiêng sau bão');
    await assign(other.id, c.agencyB.id);

    const mail = worker.get(AgencyMailService);
    expect(await mail.sendDigests()).toEqual({ agencies: 1, cases: 2 });
    const [digest] = await eventually(async () =>
      to('vanthu@soxd.tinh.test').length ? to('vanthu@soxd.tinh.test') : null,
    );
    expect(digest.from?.text).toContain('phananh@tinh.test');
    expect(digest.subject).toBe('[Phản ánh hiện trường] 2 phản ánh mới giao cho Sở Xây dựng');
    expect(digest.text).toContain(`- ${a.code}: Ổ gà lớn trước cổng trường tiểu học`);
    expect(digest.text).toContain(`- ${b.code}: Đèn tín hiệu giao thông không hoạt động`);
    expect(digest.text).not.toContain(other.code);
    // The watermark moved: nothing new, nothing sent.
    expect(await mail.sendDigests()).toEqual({ agencies: 0, cases: 0 });
    expect(to('vanthu@soxd.tinh.test')).toHaveLength(1);
  });

  it('mails the weekly reminder letter to the agency as a PDF attachment, once', async () => {
    await setEmail(c.agencyA.id, 'lanhdao@soxd.tinh.test');
    const late = await file('Rác thải tồn đọng nhiều ngày');
    await assign(late.id, c.agencyA.id);
    await t.db.query(`UPDATE reports SET due_at = $2, escalation_level = 3 WHERE id = $1`, [
      late.id,
      new Date(Date.now() - 8 * DAY),
    ]);
    const letters = worker.get(LettersProcessor);
    const run = await letters.prepareReminderLetters();
    expect(run).toMatchObject({ created: 1, emailed: 1 });
    const [letter] = await eventually(async () =>
      to('lanhdao@soxd.tinh.test').length ? to('lanhdao@soxd.tinh.test') : null,
    );
    expect(letter.subject).toMatch(
      /^\[Phản ánh hiện trường\] Văn bản đôn đốc xử lý phản ánh quá hạn, tuần \d\d\/\d\d\/\d{4}$/,
    );
    expect(letter.attachments).toHaveLength(1);
    const [pdf] = letter.attachments;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toMatch(/^don-doc-.+\.pdf$/);
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.content.length).toBeGreaterThan(1000);
    // A second run in the same week neither prepares nor sends it again.
    expect(await letters.prepareReminderLetters()).toMatchObject({ created: 0, emailed: 0 });
    expect(to('lanhdao@soxd.tinh.test')).toHaveLength(1);
  });
});

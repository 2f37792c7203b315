import { cast, reportBody } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('personal data: export and deletion (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  beforeAll(async () => {
    t = await createTestApp();
    c = await cast(t);
  });
  afterAll(() => t.close());

  it("exports all of a citizen's data, and only theirs", async () => {
    const mine = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    await t
      .http()
      .post('/api/v1/reports')
      .auth(c.otherCitizen.token, { type: 'bearer' })
      .send(reportBody(c.category.id))
      .expect(201);
    await t
      .http()
      .post(`/api/v1/reports/${mine.id}/actions/withdraw`)
      .auth(c.reporter.token, { type: 'bearer' })
      .send({})
      .expect(200);
    const res = await t.http().get('/api/v1/me/data-export').auth(c.reporter.token, { type: 'bearer' }).expect(200);
    expect(res.body.user).toMatchObject({ id: c.reporter.id, phone: c.reporter.phone, fullName: 'Nguyễn Văn Báo' });
    expect(res.body.reports.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['report.created', 'report.withdrawn']);
  });

  it('anonymises on deletion but keeps the reports and their timelines', async () => {
    const r = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.otherCitizen.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    await t.db.query(
      `INSERT INTO user_identities (provider, subject, user_id) VALUES ('vneid', 'eid-subject-001', $1)`,
      [c.otherCitizen.id],
    );
    await t.http().delete('/api/v1/me').auth(c.otherCitizen.token, { type: 'bearer' }).expect(204);
    const [user] = await t.db.query(
      `SELECT phone, username, password_hash, full_name, anonymised_at FROM users WHERE id = $1`,
      [c.otherCitizen.id],
    );
    expect(user).toMatchObject({ phone: null, username: null, password_hash: null, full_name: 'Người dùng đã xóa' });
    expect(user.anonymised_at).not.toBeNull();
    expect(await t.db.query(`SELECT 1 FROM user_identities WHERE user_id = $1`, [c.otherCitizen.id])).toEqual([]);
    const seen = await t.http().get(`/api/v1/reports/${r.id}`).auth(c.screener.token, { type: 'bearer' }).expect(200);
    expect(seen.body).toMatchObject({
      id: r.id,
      hideIdentity: true,
      allowContact: false,
      reporter: { fullName: 'Người dùng đã xóa', phone: null },
    });
    const timeline = await t
      .http()
      .get(`/api/v1/reports/${r.id}/timeline`)
      .auth(c.screener.token, { type: 'bearer' })
      .expect(200);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(['report.created']);
    // The person can no longer log in.
    await t.http().post('/api/v1/auth/login').send({ login: c.otherCitizen.phone, password: 'Passw0rd!x' }).expect(401);
  });
});

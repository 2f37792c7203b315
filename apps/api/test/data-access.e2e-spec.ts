import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, type Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions, Db, sql } from '@app/database';
import { dbUrl, PG_ADMIN_URL, templateDbName, workerDbName } from './support/test-env';

// The data-access bridge (docs/architecture.md#data-access): Kysely typed by the generated schema, on TypeORM's
// pool and inside TypeORM's transactions.
describe('Data access (Kysely over TypeORM)', () => {
  let ds: DataSource;
  let db: Db;
  let url: string;

  beforeAll(async () => {
    // The worker's database cloned from the migrated template, without booting the app (nothing here needs it).
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${workerDbName()} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${workerDbName()} TEMPLATE ${templateDbName()}`);
    await admin.end();
    url = dbUrl(workerDbName());
    ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
    db = new Db(ds);
  });
  afterAll(() => ds?.destroy());

  it('the committed schema types (libs/database/src/sql/schema.ts) are what the migrations produce', async () => {
    // A migration without `npm run db:types` fails here, with the difference in the message.
    const run = promisify(execFile)(
      process.execPath,
      ['node_modules/kysely-codegen/dist/cli/bin.js', '--verify', '--log-level=error', '--url', url],
      { cwd: `${__dirname}/../../..` },
    );
    await expect(run).resolves.toBeDefined();
  });

  it("runs on the DataSource's pool: no connection of its own", async () => {
    const pool = (ds.driver as unknown as { master: Pool }).master;
    const pids = await Promise.all(
      Array.from({ length: 6 }, () =>
        sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(db.kysely),
      ),
    );
    const distinct = new Set(pids.map((r) => r.rows[0].pid));
    expect(distinct.size).toBeLessThanOrEqual(2);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`.execute(db.kysely);
    expect(rows[0].n).toBe(pool.totalCount);
  });

  it("joins the caller's TypeORM transaction, commits and rolls back with it", async () => {
    const code = `DA-${Date.now()}`;
    await expect(
      ds.transaction(async (m) => {
        const k = db.fromManager(m);
        const [{ txid: ours }] = await m.query(`SELECT txid_current()::text AS txid`);
        const { rows } = await sql<{ txid: string }>`SELECT txid_current()::text AS txid`.execute(k);
        expect(rows[0].txid).toBe(ours);
        await k.insertInto('agencies').values({ code, name: 'Sở thử' }).execute();
        const seen = await m.query(`SELECT 1 FROM agencies WHERE code = $1`, [code]);
        expect(seen).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.kysely.selectFrom('agencies').where('code', '=', code).selectAll().execute()).toEqual([]);

    const inserted = await db.transaction(async (trx) =>
      trx
        .insertInto('agencies')
        .values({ code, name: 'Sở thử' })
        .returning(['id', 'isActive', 'createdAt'])
        .executeTakeFirstOrThrow(),
    );
    expect(inserted).toMatchObject({ isActive: true, createdAt: expect.any(Date) });
    const row = await db.kysely
      .selectFrom('agencies')
      .where('id', '=', inserted.id)
      .select(['code', 'parentId'])
      .executeTakeFirst();
    expect(row).toEqual({ code, parentId: null });
    // Affected-row counts come through (an unregistered device's 404, "marked n read" depend on them).
    const renamed = await db.kysely
      .updateTable('agencies')
      .set({ name: 'Sở đổi tên' })
      .where('code', '=', code)
      .executeTakeFirst();
    expect(renamed.numUpdatedRows).toBe(1n);
    const removed = await db.kysely
      .deleteFrom('agencies')
      .where('code', 'in', [code, `${code}-none`])
      .executeTakeFirst();
    expect(removed.numDeletedRows).toBe(1n);
  });

  it("fails as TypeORM does (QueryFailedError with Postgres's code) and refuses Kysely's own transactions", async () => {
    const code = `DA-dup-${Date.now()}`;
    await db.kysely.insertInto('agencies').values({ code, name: 'a' }).execute();
    const error = await db.kysely
      .insertInto('agencies')
      .values({ code, name: 'b' })
      .execute()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as { driverError: { code: string } }).driverError.code).toBe('23505');
    await expect(db.kysely.transaction().execute(async () => undefined)).rejects.toThrow(/Db\.transaction/);
  });
});

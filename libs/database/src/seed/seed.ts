// `npm run seed`: the admin account from ADMIN_USERNAME / ADMIN_PASSWORD, the calendar exceptions for 2026 and
// 2027, and (unless SEED_DEMO=false) the demo province with its reports (unless SEED_DEMO_REPORTS=false:
// demo-reports.ts). Safe to run any number of times: every row is upserted by its natural key, existing users keep
// their passwords, and a demo report already there is left alone.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CALENDAR_EXCEPTIONS_SEED } from '@app/calendar';
import { hashPassword } from '@app/common/passwords';
import { isPublishedSecret, readSecretFiles } from '@app/config';
import { parseCommuneFile } from '@app/reference/commune-file';
import { upsertCommunes } from '@app/reference/commune-store';
import { defaultEscalation, defaultSla } from '@app/calendar/default-deadlines';
import type { Role } from '@app/workflow';
import { dataSourceOptions } from '../data-source-options';
import { Db, sql, type Database, type Kysely } from '../sql';
import { THAI_NGUYEN_COMMUNES_CSV } from './data/thai-nguyen-communes';
import { DEMO_AGENCIES, DEMO_CATEGORIES, DEMO_USERS } from './demo-province';
import { seedDemoReports, type DemoCast } from './demo-reports';

async function upsertUser(
  k: Kysely<Database>,
  u: { username: string; fullName: string; roles: Role[]; agencyId?: string | null; phone?: string | null },
  password: string,
): Promise<void> {
  await k
    .insertInto('users')
    .values({
      username: u.username,
      phone: u.phone ?? null,
      // A seeded phone counts as proven: the operator who seeds it vouches for it (docs/identity.md).
      phoneVerifiedAt: u.phone ? sql<Date>`now()` : null,
      passwordHash: await hashPassword(password),
      fullName: u.fullName,
      roles: u.roles,
      agencyId: u.agencyId ?? null,
    })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({
        fullName: eb.ref('excluded.fullName'),
        roles: eb.ref('excluded.roles'),
        agencyId: eb.ref('excluded.agencyId'),
      })),
    )
    .execute();
}

/** The demo users' password when DEMO_PASSWORD is not set: published in the README, so never in production. */
const BUILT_IN_DEMO_PASSWORD = 'Demo@12345';

export async function seed(db: DataSource, source: NodeJS.ProcessEnv = process.env): Promise<void> {
  const k = new Db(db).kysely;
  const env = readSecretFiles(source);
  const production = env.NODE_ENV === 'production';
  const adminPassword = env.ADMIN_PASSWORD;
  if (!adminPassword || adminPassword.length < 10)
    throw new Error('ADMIN_PASSWORD (at least 10 characters) is required');
  if (production && isPublishedSecret(adminPassword)) {
    throw new Error('ADMIN_PASSWORD: a published development value or placeholder is not allowed in production');
  }
  const demoPassword = env.DEMO_PASSWORD || BUILT_IN_DEMO_PASSWORD;
  if (production && env.SEED_DEMO !== 'false' && isPublishedSecret(demoPassword)) {
    throw new Error('DEMO_PASSWORD: in production the demo users need a password of their own (or SEED_DEMO=false)');
  }
  await upsertUser(
    k,
    { username: env.ADMIN_USERNAME || 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'] },
    adminPassword,
  );

  for (const e of CALENDAR_EXCEPTIONS_SEED) {
    await k
      .insertInto('calendarExceptions')
      .values({ date: e.date, kind: e.kind, note: e.note })
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
  }
  if (env.SEED_DEMO === 'false') return;

  // Through the admin import's parser: the demo list is exactly what an import would accept.
  const communes = parseCommuneFile(THAI_NGUYEN_COMMUNES_CSV);
  if (communes.errors.length) throw new Error(`demo communes: ${JSON.stringify(communes.errors)}`);
  await upsertCommunes(k, communes.rows);

  const agencyIds = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const commune = a.commune ?? null;
    const area = a.box ? sql`ST_Multi(ST_MakeEnvelope(${sql.join(a.box)}, 4326))` : sql`NULL`;
    // A commune already linked to an agency (by the admin, or to this one) stays as it is: the seed runs at every
    // start and must neither steal a link nor fail on the one-agency-per-commune rule.
    const { rows } = await sql<{ id: string }>`
      INSERT INTO agencies (code, name, parent_id, commune_code, jurisdiction, level)
      VALUES (${a.code}, ${a.name}, ${a.parent ? (agencyIds.get(a.parent) ?? null) : null},
              CASE WHEN EXISTS (SELECT 1 FROM agencies WHERE commune_code = ${commune}) THEN NULL ELSE ${commune}::text END,
              ${area}, ${a.level ?? 'department'})
      ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, commune_code = coalesce(agencies.commune_code, EXCLUDED.commune_code)
      RETURNING id`.execute(k);
    agencyIds.set(a.code, rows[0].id);
  }
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    const calendar = c.calendar ?? 'office';
    await k
      .insertInto('categories')
      .values({
        code: c.code,
        name: c.name,
        defaultPriority: c.priority ?? 'normal',
        calendar,
        sla: JSON.stringify(defaultSla(calendar)),
        escalation: JSON.stringify(defaultEscalation(calendar)),
        defaultAgencyId: agencyIds.get(c.agency) ?? null,
        locationBound: c.locationBound ?? true,
        sortOrder: i,
      })
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
  }
  for (const u of DEMO_USERS) {
    await upsertUser(k, { ...u, agencyId: u.agency ? agencyIds.get(u.agency) : null }, demoPassword);
  }
  if (env.SEED_DEMO_REPORTS === 'false') return;
  const added = await seedDemoReports(db, await demoCast(k, agencyIds, demoPassword));
  if (added) console.log(`seed: ${added} demo reports`);
}

/**
 * Who acts in the demo cases: the demo users, and an officer for each agency that has none
 * (`canbo.<agency code>`, the demo password), made when a case first needs one.
 */
async function demoCast(k: Kysely<Database>, agencyIds: Map<string, string>, password: string): Promise<DemoCast> {
  const user = async (username: string): Promise<string> =>
    (await k.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const codeOf = new Map([...agencyIds].map(([code, id]) => [id, code]));
  const officers = new Map<string, string>();
  return {
    screener: await user('sangloc'),
    operator: await user('tongdai'),
    leader: await user('lanhdao'),
    citizen: await user('nguoidan'),
    agencyByCode: agencyIds,
    officerOf: async (agencyId) => {
      const known = officers.get(agencyId);
      if (known) return known;
      const find = async () =>
        (
          await k
            .selectFrom('users')
            .select('id')
            .where('agencyId', '=', agencyId)
            .where(sql<boolean>`'agency_officer' = ANY(roles)`)
            .where('isActive', '=', true)
            .orderBy('username')
            .limit(1)
            .executeTakeFirst()
        )?.id;
      let id = await find();
      if (!id) {
        const code = codeOf.get(agencyId) ?? agencyId.slice(0, 8);
        await upsertUser(
          k,
          { username: `canbo.${code}`, fullName: `Cán bộ ${code}`, roles: ['agency_officer'], agencyId },
          password,
        );
        id = (await find())!;
      }
      officers.set(agencyId, id);
      return id;
    },
  };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = new DataSource(dataSourceOptions(url, 2));
  db.initialize()
    .then(() => seed(db))
    .then(() => console.log('seed: done'))
    .finally(() => db.destroy())
    .catch((e) => {
      console.error(`seed failed: ${(e as Error).message}`);
      process.exit(1);
    });
}

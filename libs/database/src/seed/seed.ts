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
import { defaultEscalation, defaultSla } from '@app/reference/reference-defaults';
import { dataSourceOptions } from '../data-source-options';
import { Db } from '../sql';
import { THAI_NGUYEN_COMMUNES_CSV } from './data/thai-nguyen-communes';
import { DEMO_AGENCIES, DEMO_CATEGORIES, DEMO_USERS } from './demo-province';
import { seedDemoReports, type DemoCast } from './demo-reports';

async function upsertUser(
  db: DataSource,
  u: { username: string; fullName: string; roles: string[]; agencyId?: string | null; phone?: string | null },
  password: string,
): Promise<void> {
  // A seeded phone counts as proven: the operator who seeds it vouches for it (docs/identity.md).
  await db.query(
    `INSERT INTO users (username, phone, phone_verified_at, password_hash, full_name, roles, agency_id)
     VALUES ($1, $2::text, CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, $3, $4, $5, $6)
     ON CONFLICT (username) DO UPDATE SET full_name = EXCLUDED.full_name, roles = EXCLUDED.roles,
       agency_id = EXCLUDED.agency_id`,
    [u.username, u.phone ?? null, await hashPassword(password), u.fullName, u.roles, u.agencyId ?? null],
  );
}

/** The demo users' password when DEMO_PASSWORD is not set: published in the README, so never in production. */
const BUILT_IN_DEMO_PASSWORD = 'Demo@12345';

export async function seed(db: DataSource, source: NodeJS.ProcessEnv = process.env): Promise<void> {
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
    db,
    { username: env.ADMIN_USERNAME || 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'] },
    adminPassword,
  );

  for (const e of CALENDAR_EXCEPTIONS_SEED) {
    await db.query(
      `INSERT INTO calendar_exceptions (date, kind, note) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING`,
      [e.date, e.kind, e.note],
    );
  }
  if (env.SEED_DEMO === 'false') return;

  // Through the admin import's parser: the demo list is exactly what an import would accept.
  const communes = parseCommuneFile(THAI_NGUYEN_COMMUNES_CSV);
  if (communes.errors.length) throw new Error(`demo communes: ${JSON.stringify(communes.errors)}`);
  await upsertCommunes(new Db(db).kysely, communes.rows);

  const agencyIds = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const [row] = await db.query(
      // A commune already linked to an agency (by the admin, or to this one) stays as it is: the seed runs at
      // every start and must neither steal a link nor fail on the one-agency-per-commune rule.
      `INSERT INTO agencies (code, name, parent_id, commune_code, jurisdiction)
       VALUES ($1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM agencies WHERE commune_code = $4) THEN NULL ELSE $4 END,
               CASE WHEN $5::float8 IS NULL THEN NULL ELSE ST_Multi(ST_MakeEnvelope($5, $6, $7, $8, 4326)) END)
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, commune_code = coalesce(agencies.commune_code, EXCLUDED.commune_code)
       RETURNING id`,
      [
        a.code,
        a.name,
        a.parent ? agencyIds.get(a.parent) : null,
        a.commune ?? null,
        ...(a.box ?? [null, null, null, null]),
      ],
    );
    agencyIds.set(a.code, row.id);
  }
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    const calendar = c.calendar ?? 'office';
    await db.query(
      `INSERT INTO categories (code, name, default_priority, calendar, sla, escalation, default_agency_id, location_bound, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [
        c.code,
        c.name,
        c.priority ?? 'normal',
        calendar,
        defaultSla(calendar),
        defaultEscalation(calendar),
        agencyIds.get(c.agency),
        c.locationBound ?? true,
        i,
      ],
    );
  }
  for (const u of DEMO_USERS) {
    await upsertUser(db, { ...u, agencyId: u.agency ? agencyIds.get(u.agency) : null }, demoPassword);
  }
  if (env.SEED_DEMO_REPORTS === 'false') return;
  const added = await seedDemoReports(db, await demoCast(db, agencyIds, demoPassword));
  if (added) console.log(`seed: ${added} demo reports`);
}

/**
 * Who acts in the demo cases: the demo users, and an officer for each agency that has none
 * (`canbo.<agency code>`, the demo password), made when a case first needs one.
 */
async function demoCast(db: DataSource, agencyIds: Map<string, string>, password: string): Promise<DemoCast> {
  const user = async (username: string): Promise<string> =>
    (await db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;
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
          await db.query(
            `SELECT id FROM users WHERE agency_id = $1 AND 'agency_officer' = ANY(roles) AND is_active ORDER BY username LIMIT 1`,
            [agencyId],
          )
        )[0]?.id as string | undefined;
      let id = await find();
      if (!id) {
        const code = codeOf.get(agencyId) ?? agencyId.slice(0, 8);
        await upsertUser(
          db,
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

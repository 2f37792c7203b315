import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../../libs/database/src/data-source-options';
import { dbUrl, PG_ADMIN_URL, TEST_DB_PATTERN, templateDbName } from './test-env';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Builds this run's template database by applying the real migrations to an empty database. */
export default async function globalSetup(): Promise<void> {
  process.env.PA_TEST_RUN = String(process.pid);
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`);
    if (!rows.length) throw new Error('PostGIS is not installed: apt-get install -y postgresql-15-postgis-3');
    // Databases left by runs that were killed before their teardown.
    const { rows: dbs } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'pa_test_%'`,
    );
    for (const { datname } of dbs) {
      const pid = Number(TEST_DB_PATTERN.exec(datname)?.[1]);
      if (!pid || !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${templateDbName()} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDbName()}`);
  } finally {
    await admin.end();
  }
  const ds = new DataSource(dataSourceOptions(dbUrl(templateDbName()), 2));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

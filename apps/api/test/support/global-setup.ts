import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../../libs/database/src/data-source-options';
import { dbUrl, PG_ADMIN_URL, TEMPLATE_DB } from './test-env';

/** Builds the template database once per run by applying the real migrations to an empty database. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`);
    if (!rows.length) throw new Error('PostGIS is not installed: apt-get install -y postgresql-15-postgis-3');
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const ds = new DataSource(dataSourceOptions(dbUrl(TEMPLATE_DB), 2));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

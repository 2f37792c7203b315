// The bench database: created if missing, migrated with the real migrations, seeded with the demo province.
import 'reflect-metadata';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { seed } from '@app/database/seed/seed';
import { syncWorkingDays } from '@app/stats/working-days.service';
import { BENCH } from './config';

export function maintenanceUrl(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  return { name, admin: u.toString() };
}

/** Creates the database if missing (its name must look like a bench database), migrates it, seeds it. */
export async function prepareDatabase(url = BENCH.databaseUrl): Promise<void> {
  const { name, admin } = maintenanceUrl(url);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  if (!/bench/i.test(name))
    throw new Error(`refusing to fill "${name}": the bench database's name must contain "bench"`);
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      console.log(`[bench] creating database ${name}`);
      await c.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await c.end();
  }
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length) console.log(`[bench] migrations: ${ran.map((m) => m.name).join(', ')}`);
    await seed(ds, { ...process.env, ADMIN_PASSWORD: BENCH.adminPassword, SEED_DEMO: 'true' });
    // Lunar holidays into working_days, as the API does at start, before any handling time is computed.
    await syncWorkingDays(ds);
  } finally {
    await ds.destroy();
  }
}

export const pool = (max = 4, url = BENCH.databaseUrl) => new Pool({ connectionString: url, max });

/** Reports in the bench database, excluding the ones the bench itself created (title 'BENCH'). */
export async function generatedCount(p: Pool): Promise<number> {
  const { rows } = await p.query(`SELECT count(*)::int AS n FROM reports WHERE title IS DISTINCT FROM 'BENCH'`);
  return rows[0].n;
}

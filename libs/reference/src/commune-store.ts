import { sql, type Database, type Kysely } from '@app/database';
import type { CommuneRow } from './commune-file';

export interface CommuneImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts communes by code in one statement (so all or nothing): new codes are created, changed ones updated,
 * the rest left untouched (their updated_at too). Communes missing from the rows are kept: agencies and reports
 * point at them. Used by the admin's import and the demo seed alike.
 */
export async function upsertCommunes(db: Kysely<Database>, rows: CommuneRow[]): Promise<CommuneImportResult> {
  const column = (f: keyof CommuneRow) => rows.map((r) => r[f]);
  // One INSERT … SELECT unnest of five text arrays, in the sql tag: Kysely's builder would bind five parameters a row.
  const {
    rows: [counts],
  } = await sql<{ created: number; updated: number }>`
     WITH written AS (
       INSERT INTO communes AS c (code, name, kind, province_code, province_name)
       SELECT * FROM unnest(${column('code')}::text[], ${column('name')}::text[], ${column('kind')}::text[],
                            ${column('provinceCode')}::text[], ${column('provinceName')}::text[])
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, province_code = EXCLUDED.province_code,
             province_name = EXCLUDED.province_name, updated_at = now()
         WHERE (c.name, c.kind, c.province_code, c.province_name)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.province_code, EXCLUDED.province_name)
       RETURNING xmax = 0 AS created
     )
     SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
       FROM written`.execute(db);
  return { total: rows.length, ...counts, unchanged: rows.length - counts.created - counts.updated };
}

import type { CommuneRow } from './commune-file';

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

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
export async function upsertCommunes(sql: Sql, rows: CommuneRow[]): Promise<CommuneImportResult> {
  const column = (f: keyof CommuneRow) => rows.map((r) => r[f]);
  const [counts] = (await sql.query(
    `WITH written AS (
       INSERT INTO communes AS c (code, name, kind, province_code, province_name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, province_code = EXCLUDED.province_code,
             province_name = EXCLUDED.province_name, updated_at = now()
         WHERE (c.name, c.kind, c.province_code, c.province_name)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.province_code, EXCLUDED.province_name)
       RETURNING xmax = 0 AS created
     )
     SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
       FROM written`,
    [column('code'), column('name'), column('kind'), column('provinceCode'), column('provinceName')],
  )) as Array<{ created: number; updated: number }>;
  return { total: rows.length, ...counts, unchanged: rows.length - counts.created - counts.updated };
}

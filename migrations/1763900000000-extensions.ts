import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostGIS for locations and jurisdictions, pg_trgm for fuzzy text, unaccent for accent-insensitive Vietnamese.
 * `pa_unaccent` wraps unaccent as IMMUTABLE (unaccent itself is only STABLE because its dictionary could
 * change) so it can back generated columns and indexes; đ/Đ are mapped explicitly because they are separate
 * letters, not accented d, and some unaccent rule files miss them.
 */
export class Extensions1763900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE FUNCTION pa_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, translate($1, 'đĐ', 'dD'))) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS pa_unaccent(text)`);
    await q.query(`DROP EXTENSION IF EXISTS unaccent`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    await q.query(`DROP EXTENSION IF EXISTS postgis`);
  }
}

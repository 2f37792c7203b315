import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Communes (xã, phường, đặc khu: the lower of the two levels of local government since 1 July 2025) and where
 * reports are (docs/domain.md#communes-and-addresses):
 * - `communes` holds the official list the admin imports (code, name, kind, province), searched without accents
 *   through `search_text`, folded by the one `pa_unaccent` (migration 1763900000000);
 * - a commune's People's Committee is an agency: `agencies.commune_code` links them (one agency per commune), and
 *   that agency's jurisdiction is the commune's area, which is how a point finds its commune;
 * - a report records its commune, and may have no point when staff give a commune and an address instead (the
 *   map is not always reachable from a government network): a report needs a point or a commune.
 */
export class Communes1763900001300 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE communes (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
        name text NOT NULL CHECK (name <> ''),
        kind text NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu')),
        province_code text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
        province_name text NOT NULL CHECK (province_name <> ''),
        search_text text GENERATED ALWAYS AS (pa_unaccent(name || ' ' || province_name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX communes_search_trgm ON communes USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX communes_province_idx ON communes (province_code, name)`);

    await q.query(`ALTER TABLE agencies ADD COLUMN commune_code text REFERENCES communes(code) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX agencies_commune_key ON agencies (commune_code) WHERE commune_code IS NOT NULL`);

    await q.query(`ALTER TABLE reports ADD COLUMN commune_code text REFERENCES communes(code)`);
    await q.query(`ALTER TABLE reports ALTER COLUMN location DROP NOT NULL`);
    await q.query(
      `ALTER TABLE reports ADD CONSTRAINT reports_place_check CHECK (location IS NOT NULL OR commune_code IS NOT NULL)`,
    );
    await q.query(`CREATE INDEX reports_commune_created_idx ON reports (commune_code, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reports_commune_created_idx`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_place_check`);
    // Reports filed without a point cannot go back to a table that requires one, and they are records: refuse.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM reports WHERE location IS NULL`);
    if (n > 0) throw new Error(`${n} reports have no point: they cannot be kept without communes`);
    await q.query(`ALTER TABLE reports ALTER COLUMN location SET NOT NULL`);
    await q.query(`ALTER TABLE reports DROP COLUMN commune_code`);
    await q.query(`DROP INDEX agencies_commune_key`);
    await q.query(`ALTER TABLE agencies DROP COLUMN commune_code`);
    await q.query(`DROP TABLE communes`);
  }
}

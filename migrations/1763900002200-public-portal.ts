import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The citizens' portal (docs/api.md#public, docs/domain.md#privacy):
 * - the centre's public wording of a report (`public_title`, `public_description`; null = the reporter's words);
 * - a citizen's area alerts (`area_subscriptions`): a commune, a radius around a point, or a category;
 * - indexes of the public reports (is_public) for the public map's box query and the public list's newest-first
 *   pages. The predicate is the part of `publishedSql` that never changes (screening and the withdrawn and spam
 *   cancellations are filtered on the rows found), so a report's row never moves in or out of it.
 */
export class PublicPortal1763900002200 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN public_title text, ADD COLUMN public_description text`);
    await q.query(`
      CREATE INDEX reports_public_map_gist ON reports USING gist ((location::geometry))
       WHERE is_public AND location IS NOT NULL`);
    await q.query(`
      CREATE INDEX reports_public_created_idx ON reports (created_at DESC, id)
       WHERE is_public`);
    await q.query(`
      CREATE TABLE area_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('commune', 'area', 'category')),
        commune_code text REFERENCES communes(code),
        category_id uuid REFERENCES categories(id),
        location geography(Point, 4326),
        radius_m integer CHECK (radius_m BETWEEN 50 AND 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (kind = 'commune' AND commune_code IS NOT NULL AND category_id IS NULL AND location IS NULL AND radius_m IS NULL) OR
          (kind = 'category' AND category_id IS NOT NULL AND commune_code IS NULL AND location IS NULL AND radius_m IS NULL) OR
          (kind = 'area' AND location IS NOT NULL AND radius_m IS NOT NULL AND commune_code IS NULL AND category_id IS NULL)
        )
      )`);
    // The same alert twice is one: the unique keys make a repeated POST find the existing row.
    await q.query(
      `CREATE UNIQUE INDEX area_subscriptions_commune_key ON area_subscriptions (user_id, commune_code) WHERE kind = 'commune'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX area_subscriptions_category_key ON area_subscriptions (user_id, category_id) WHERE kind = 'category'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX area_subscriptions_area_key ON area_subscriptions (user_id, (location::text), radius_m) WHERE kind = 'area'`,
    );
    // Who hears about a report: the dispatcher looks its commune, its category and its point up.
    await q.query(
      `CREATE INDEX area_subscriptions_commune_idx ON area_subscriptions (commune_code) WHERE kind = 'commune'`,
    );
    await q.query(
      `CREATE INDEX area_subscriptions_category_idx ON area_subscriptions (category_id) WHERE kind = 'category'`,
    );
    await q.query(
      `CREATE INDEX area_subscriptions_area_gist ON area_subscriptions USING gist (location) WHERE kind = 'area'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS area_subscriptions`);
    await q.query(`DROP INDEX IF EXISTS reports_public_created_idx`);
    await q.query(`DROP INDEX IF EXISTS reports_public_map_gist`);
    await q.query(`ALTER TABLE reports DROP COLUMN public_description, DROP COLUMN public_title`);
  }
}

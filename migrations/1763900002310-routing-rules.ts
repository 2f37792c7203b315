import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing rules (docs/domain.md#routing-rules): which agency a report goes to by category (or category group),
 * commune and time of day, tried in `position` order; the first that matches wins, a rule without conditions is a
 * default, and without a match routing falls back to the jurisdiction polygons. A report keeps the rule its
 * suggestion came from (`reports.suggestion_rule`: id, name and why it matched), so the screener reads the
 * explanation the system had at filing.
 */
export class RoutingRules1763900002310 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (name <> ''),
        position integer NOT NULL DEFAULT 0,
        category_id uuid REFERENCES categories(id) ON DELETE CASCADE,
        category_group text CHECK (category_group <> ''),
        commune_code text REFERENCES communes(code) ON DELETE CASCADE,
        hours text NOT NULL DEFAULT 'any' CHECK (hours IN ('any', 'office', 'off_hours')),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (category_id IS NULL OR category_group IS NULL)
      )`);
    await q.query(`CREATE INDEX routing_rules_order_idx ON routing_rules (position, created_at) WHERE is_active`);
    await q.query(`ALTER TABLE reports ADD COLUMN suggestion_rule jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP COLUMN suggestion_rule`);
    await q.query(`DROP TABLE routing_rules`);
  }
}

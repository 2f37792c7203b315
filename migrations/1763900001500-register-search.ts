import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of all cases (GET /api/v1/reports, docs/api.md#reports) searches a report's words wherever they
 * are: its title, description and address, accent-insensitive. `search_norm` holds the three folded by the one
 * folding rule, `pa_unaccent` (1763900000000-extensions: lower case, accents off, đ/Đ to d), and a trigram GIN
 * index serves `LIKE '%word%'` on it. It replaces the trigram index on `description_norm`, which only the list's
 * search used (the duplicate score computes `similarity` on the few candidates it has already found, without an
 * index). `updated_at` gets an index for the register's "last updated" order.
 */
export class RegisterSearch1763900001500 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reports ADD COLUMN search_norm text
        GENERATED ALWAYS AS (pa_unaccent(coalesce(title, '') || ' ' || description || ' ' || coalesce(address, ''))) STORED`);
    await q.query(`CREATE INDEX reports_search_trgm ON reports USING gin (search_norm gin_trgm_ops)`);
    await q.query(`DROP INDEX reports_description_trgm`);
    await q.query(`CREATE INDEX reports_updated_idx ON reports (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reports_updated_idx`);
    await q.query(`CREATE INDEX reports_description_trgm ON reports USING gin (description_norm gin_trgm_ops)`);
    await q.query(`ALTER TABLE reports DROP COLUMN search_norm`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 integrations. Each API key acts through its own users row (no password, no roles), created on first
 * use: api_keys.user_id links them. open311_requests keeps what only the Open311 interface knows about a
 * report it filed: which key filed it (an integration may post updates only on its own requests), the values
 * of the category's attributes and the media_url link the integration sent (never fetched).
 */
export class Open311Integrations1763900000600 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN user_id uuid UNIQUE REFERENCES users(id)`);
    await q.query(`
      CREATE TABLE open311_requests (
        report_id uuid PRIMARY KEY REFERENCES reports(id),
        api_key_id uuid NOT NULL REFERENCES api_keys(id),
        attributes jsonb NOT NULL DEFAULT '{}',
        media_url text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX open311_requests_key_idx ON open311_requests (api_key_id)`);
    // GET servicerequestupdates reads the public part of the timeline by time window.
    await q.query(`CREATE INDEX report_events_public_created_idx ON report_events (created_at) WHERE NOT internal`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS report_events_public_created_idx`);
    await q.query(`DROP TABLE IF EXISTS open311_requests`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN IF EXISTS user_id`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zalo Official Account conversations (docs/channels.md#zalo): one row per Zalo user who wrote to the province's
 * OA, linking that Zalo id to the citizen record that owns the reports filed from the chat (the link the Zalo
 * delivery channel follows to push status changes back), and holding the draft report being put together
 * message by message (text, a shared location, photos) until it is filed.
 */
export class ZaloConversations1763900002100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zalo_conversations (
        zalo_user_id text PRIMARY KEY CHECK (zalo_user_id ~ '^[0-9]{1,32}$'),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        description text NOT NULL DEFAULT '',
        lat double precision,
        lng double precision,
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        category_choices uuid[],
        seen_msg_ids text[] NOT NULL DEFAULT '{}',
        last_report_id uuid REFERENCES reports(id) ON DELETE SET NULL,
        last_inbound_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((lat IS NULL) = (lng IS NULL))
      )`);
    await q.query(`CREATE INDEX zalo_conversations_user_idx ON zalo_conversations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE zalo_conversations`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery layer (docs/channels.md): each person's choices of channels and quiet hours, one row per delivery
 * (event, person, channel) with its outcome, and the agencies' email address for the assignment digest and the
 * reminder letters.
 */
export class Delivery1763900002000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Only what the person changed is stored: the defaults (docs/channels.md#preferences) apply to the rest.
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        channels jsonb NOT NULL DEFAULT '{}',
        quiet_start time,
        quiet_end time,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    // One row per (event, person, channel): a repeated dispatch or a retried job finds its row.
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES report_events(id),
        report_id uuid NOT NULL REFERENCES reports(id),
        user_id uuid NOT NULL REFERENCES users(id),
        channel text NOT NULL CHECK (channel IN ('push','sms','zalo','email')),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','delivered','failed-permanent','failed-transient')),
        attempts int NOT NULL DEFAULT 0,
        detail text,
        not_before timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        UNIQUE (event_id, user_id, channel)
      )`);
    await q.query(`CREATE INDEX deliveries_report_idx ON deliveries (report_id)`);
    await q.query(`ALTER TABLE agencies ADD COLUMN email text`);
    // The assignment digest's watermark: assignments after it are in the next digest.
    await q.query(`ALTER TABLE agencies ADD COLUMN digest_sent_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE reminder_letters ADD COLUMN emailed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminder_letters DROP COLUMN emailed_at`);
    await q.query(`ALTER TABLE agencies DROP COLUMN digest_sent_at`);
    await q.query(`ALTER TABLE agencies DROP COLUMN email`);
    await q.query(`DROP TABLE IF EXISTS deliveries`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
  }
}

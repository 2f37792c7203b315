import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder letters (văn bản đôn đốc) prepared by the weekly job. The letter's HTML is kept as it was sent that
 * week, with the cases it named, because the cases move on afterwards. One letter per agency and week: the
 * unique key is what makes the job idempotent when it runs twice or on two workers.
 */
export class ReminderLetters1763900000300 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        case_ids uuid[] NOT NULL DEFAULT '{}',
        html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, week_start)
      )`);
    // The unique key serves "letters of one agency"; this one the unfiltered list, newest week first.
    await q.query(`CREATE INDEX reminder_letters_week_idx ON reminder_letters (week_start DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS reminder_letters`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caller records apart from accounts (docs/identity.md). A hotline or Open311 caller is known only by a phone
 * that somebody else typed: a `caller` row holds their reports for the staff, and joins an account only once the
 * account holder proves that phone (phone_verified_at). Before, one row per phone was both, so an integration's
 * `phone=` filed reports into whoever's account had that phone, and registering a phone took over its caller
 * record. A phone is now unique among accounts and, separately, among caller records.
 */
export class CallerRecords1763900001000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN kind text NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'caller'))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN phone_verified_at timestamptz`);
    // Until now every account had a password and every record none (registration always set one).
    await q.query(
      `UPDATE users SET kind = 'caller' WHERE password_hash IS NULL AND username IS NULL AND anonymised_at IS NULL`,
    );
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_phone_key`);
    await q.query(`CREATE UNIQUE INDEX users_account_phone_key ON users (phone) WHERE kind = 'account'`);
    await q.query(`CREATE UNIQUE INDEX users_caller_phone_key ON users (phone) WHERE kind = 'caller'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_caller_phone_key`);
    await q.query(`DROP INDEX users_account_phone_key`);
    // Two rows of one phone cannot both keep it under the old single constraint: the caller record gives it up.
    await q.query(
      `UPDATE users c SET phone = NULL WHERE kind = 'caller' AND EXISTS (SELECT 1 FROM users a WHERE a.kind = 'account' AND a.phone = c.phone)`,
    );
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_phone_key UNIQUE (phone)`);
    await q.query(`ALTER TABLE users DROP COLUMN phone_verified_at`);
    await q.query(`ALTER TABLE users DROP COLUMN kind`);
  }
}

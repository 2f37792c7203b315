import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified identity and the account lifecycle (docs/identity.md):
 * - one-time codes sent by SMS, stored hashed, one live code per phone and purpose;
 * - a session version per user, carried by access tokens: bumping it (lock, password change, role change,
 *   log out everywhere) refuses every token issued before, within seconds, on every API process;
 * - the last login, shown to admins;
 * - authenticator-app two-factor (TOTP) for staff: the secret encrypted, recovery codes hashed;
 * - identities at outside providers (the national e-ID over OpenID Connect) linked to accounts;
 * - one-time password-reset links an admin hands over.
 */
export class Identity1763900001100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE otp_codes (
        phone text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('register', 'login', 'reset')),
        code_hash text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        sent_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        PRIMARY KEY (phone, purpose)
      )`);
    await q.query(`CREATE INDEX otp_codes_expires_idx ON otp_codes (expires_at)`);

    await q.query(`ALTER TABLE users ADD COLUMN session_version int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN last_login_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN totp_secret text`);
    await q.query(`ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz`);
    // The time step of the last accepted code: a code is accepted once (replay protection).
    await q.query(`ALTER TABLE users ADD COLUMN totp_last_step bigint`);
    await q.query(`ALTER TABLE users ADD COLUMN recovery_code_hashes text[] NOT NULL DEFAULT '{}'`);

    await q.query(`
      CREATE TABLE user_identities (
        provider text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, subject)
      )`);
    await q.query(`CREATE INDEX user_identities_user_idx ON user_identities (user_id)`);

    await q.query(`
      CREATE TABLE password_reset_links (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_links_user_idx ON password_reset_links (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_links`);
    await q.query(`DROP TABLE user_identities`);
    for (const column of [
      'recovery_code_hashes',
      'totp_last_step',
      'totp_enabled_at',
      'totp_secret',
      'last_login_at',
      'session_version',
    ]) {
      await q.query(`ALTER TABLE users DROP COLUMN ${column}`);
    }
    await q.query(`DROP TABLE otp_codes`);
  }
}

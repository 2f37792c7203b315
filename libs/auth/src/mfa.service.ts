import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource } from 'typeorm';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import type { Role } from '@app/workflow';

export interface TotpSetup {
  /** Base32 secret, for typing into an authenticator app. */
  secret: string;
  /** otpauth:// URI, for a QR code. */
  otpauthUrl: string;
}

const RECOVERY_CODES = 10;
const ISSUER = 'Phản ánh hiện trường';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

/**
 * Two-factor login for staff with an authenticator app (TOTP, RFC 6238), required for the roles in
 * MFA_REQUIRED_ROLES (admins by default) and open to any staff member. The secret is stored encrypted
 * (AES-256-GCM, MFA_SECRET_KEY), each code is accepted once (the last time step is kept), and ten one-time
 * recovery codes, stored hashed, stand in for a lost phone.
 */
@Injectable()
export class MfaService {
  private readonly key: Buffer;
  private readonly requiredRoles: Set<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: Env,
  ) {
    this.key = env.MFA_SECRET_KEY
      ? createHash('sha256').update(env.MFA_SECRET_KEY).digest()
      : Buffer.from(hkdfSync('sha256', env.JWT_SECRET, 'pa-mfa', 'totp-secret-encryption', 32));
    this.requiredRoles = new Set(
      env.MFA_REQUIRED_ROLES.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    );
  }

  /** Whether the roles must log in with a second factor. */
  requiredFor(roles: readonly Role[]): boolean {
    return roles.some((r) => this.requiredRoles.has(r));
  }

  /** Starts (or restarts) enrolment: a new secret, not in force until a code from it is confirmed. */
  async setUp(userId: string, label: string): Promise<TotpSetup> {
    const secret = generateSecret();
    const [set] = await this.db.query(
      `WITH set AS (UPDATE users SET totp_secret = $2, updated_at = now() WHERE id = $1 AND totp_enabled_at IS NULL RETURNING 1)
       SELECT 1 FROM set`,
      [userId, this.encrypt(secret)],
    );
    if (!set) throw new AppError('CONFLICT', 'Two-factor login is already on: turn it off first');
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label, secret }) };
  }

  /** Confirms enrolment with a code from the app; returns the recovery codes, shown this once. */
  async activate(userId: string, code: string): Promise<string[]> {
    const [row] = await this.db.query(`SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1`, [userId]);
    if (!row?.totp_secret) throw new AppError('CONFLICT', 'Set up two-factor login first');
    if (row.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor login is already on');
    const step = await this.matchingStep(this.decrypt(row.totp_secret), code, null);
    if (step === null) throw new AppError('UNAUTHENTICATED', 'Wrong code');
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const hex = randomBytes(5).toString('hex');
      return `${hex.slice(0, 5)}-${hex.slice(5)}`;
    });
    await this.db.query(
      `UPDATE users SET totp_enabled_at = now(), totp_last_step = $2, recovery_code_hashes = $3, updated_at = now() WHERE id = $1`,
      [userId, step, codes.map((c) => sha256(normaliseRecoveryCode(c)))],
    );
    return codes;
  }

  /**
   * Checks a second factor: a code from the app (once per time step) or an unused recovery code (then used up).
   * Atomic per user: of two requests with the same code, one passes.
   */
  async verify(userId: string, code: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT totp_secret, totp_last_step, recovery_code_hashes FROM users WHERE id = $1 AND totp_enabled_at IS NOT NULL FOR UPDATE`,
        [userId],
      );
      if (!row) return false;
      if (/^\d{6}$/.test(code)) {
        const step = await this.matchingStep(
          this.decrypt(row.totp_secret),
          code,
          row.totp_last_step === null ? null : Number(row.totp_last_step),
        );
        if (step === null) return false;
        await m.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1`, [userId, step]);
        return true;
      }
      const hash = sha256(normaliseRecoveryCode(code));
      const hashes: string[] = row.recovery_code_hashes;
      if (!hashes.some((h) => h.length === hash.length && timingSafeEqual(Buffer.from(h), Buffer.from(hash))))
        return false;
      await m.query(`UPDATE users SET recovery_code_hashes = array_remove(recovery_code_hashes, $2) WHERE id = $1`, [
        userId,
        hash,
      ]);
      return true;
    });
  }

  /** Turns two-factor login off (the user, or an admin resetting a lost authenticator). */
  async disable(userId: string): Promise<void> {
    await this.db.query(
      `UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, recovery_code_hashes = '{}', updated_at = now()
        WHERE id = $1`,
      [userId],
    );
  }

  /** The time step the code matches (±1 step for clock drift), later than `after`; null: no match. */
  private async matchingStep(secret: string, code: string, after: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret,
      token: code,
      epochTolerance: 30,
      ...(after !== null ? { afterTimeStep: after } : {}),
    });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  }

  private encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
      '.',
    );
  }

  private decrypt(stored: string): string {
    const [, iv, tag, data] = stored.split('.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

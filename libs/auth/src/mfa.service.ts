import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import { Db, sql } from '@app/database';
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
    private readonly db: Db,
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
    const set = await this.db.kysely
      .updateTable('users')
      .set({ totpSecret: this.encrypt(secret), updatedAt: sql`now()` })
      .where('id', '=', userId)
      .where('totpEnabledAt', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!set) throw new AppError('CONFLICT', 'Two-factor login is already on: turn it off first');
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label, secret }) };
  }

  /** Confirms enrolment with a code from the app; returns the recovery codes, shown this once. */
  async activate(userId: string, code: string): Promise<string[]> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select(['totpSecret', 'totpEnabledAt'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row?.totpSecret) throw new AppError('CONFLICT', 'Set up two-factor login first');
    if (row.totpEnabledAt) throw new AppError('CONFLICT', 'Two-factor login is already on');
    const step = await this.matchingStep(this.decrypt(row.totpSecret), code, null);
    if (step === null) throw new AppError('UNAUTHENTICATED', 'Wrong code');
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const hex = randomBytes(5).toString('hex');
      return `${hex.slice(0, 5)}-${hex.slice(5)}`;
    });
    await this.db.kysely
      .updateTable('users')
      .set({
        totpEnabledAt: sql`now()`,
        totpLastStep: step,
        recoveryCodeHashes: codes.map((c) => sha256(normaliseRecoveryCode(c))),
        updatedAt: sql`now()`,
      })
      .where('id', '=', userId)
      .execute();
    return codes;
  }

  /**
   * Checks a second factor: a code from the app (once per time step) or an unused recovery code (then used up).
   * Atomic per user: of two requests with the same code, one passes.
   */
  async verify(userId: string, code: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const row = await trx
        .selectFrom('users')
        .select(['totpSecret', 'totpLastStep', 'recoveryCodeHashes'])
        .where('id', '=', userId)
        .where('totpEnabledAt', 'is not', null)
        .forUpdate()
        .executeTakeFirst();
      if (!row?.totpSecret) return false;
      if (/^\d{6}$/.test(code)) {
        const step = await this.matchingStep(
          this.decrypt(row.totpSecret),
          code,
          row.totpLastStep === null ? null : Number(row.totpLastStep),
        );
        if (step === null) return false;
        await trx.updateTable('users').set({ totpLastStep: step }).where('id', '=', userId).execute();
        return true;
      }
      const hash = sha256(normaliseRecoveryCode(code));
      const hashes = row.recoveryCodeHashes;
      if (!hashes.some((h) => h.length === hash.length && timingSafeEqual(Buffer.from(h), Buffer.from(hash))))
        return false;
      await trx
        .updateTable('users')
        .set({ recoveryCodeHashes: sql<string[]>`array_remove(recovery_code_hashes, ${hash})` })
        .where('id', '=', userId)
        .execute();
      return true;
    });
  }

  /** Turns two-factor login off (the user, or an admin resetting a lost authenticator). */
  async disable(userId: string): Promise<void> {
    await this.db.kysely
      .updateTable('users')
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        updatedAt: sql`now()`,
      })
      .where('id', '=', userId)
      .execute();
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

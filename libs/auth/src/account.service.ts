import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '@app/common';
import { Db, sql, User } from '@app/database';
import { AuthService, type LoginResult } from './auth.service';
import { MfaService, type TotpSetup } from './mfa.service';
import { OtpService } from './otp.service';
import { hashPassword, verifyPassword } from '@app/common/passwords';
import { SessionGate, type SessionClaims } from './session-gate';
import { type Session, SessionIssuer, sha256 } from './session-issuer';

/** How the holder proves it is them before a password change: the current password, or a code sent by SMS. */
export type PasswordProof = { currentPassword: string } | { code: string };

/**
 * What a logged-in person does with their own account (docs/identity.md): change the password, log out of this
 * session or of every one, switch the authenticator app on or off; and the one-time reset links an admin hands over.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    private readonly sessions: SessionIssuer,
    private readonly gate: SessionGate,
    private readonly otp: OtpService,
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
  ) {}

  /** Sets a new password; every other session ends, this one continues with new tokens. */
  async changePassword(session: SessionClaims, proof: PasswordProof, newPassword: string): Promise<Session> {
    const user = await this.orm
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: session.userId })
      .getOneOrFail();
    if ('currentPassword' in proof) {
      if (!(await verifyPassword(user.passwordHash, proof.currentPassword)))
        throw new AppError('UNAUTHENTICATED', 'Wrong password');
    } else {
      if (!user.phone || !user.phoneVerifiedAt)
        throw new AppError('VALIDATION_FAILED', 'This account has no proven phone to send a code to');
      await this.otp.consume(user.phone, 'reset', proof.code);
    }
    await this.setPassword(user.id, await hashPassword(newPassword));
    return this.sessions.issue(user);
  }

  /** Ends this session only. */
  async logout(session: SessionClaims): Promise<void> {
    await this.sessions.end(session.userId, session.sessionId);
  }

  /** Ends every session of the user, on every device, within seconds. */
  async logoutEverywhere(userId: string): Promise<void> {
    const ended = await this.gate.endAll(userId);
    await ended.afterCommit();
    await this.sessions.revokeRefreshTokens(userId);
  }

  async setUpMfa(userId: string): Promise<TotpSetup> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select(sql<string>`coalesce(username, phone, id::text)`.as('label'))
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return this.mfa.setUp(userId, row.label);
  }

  async activateMfa(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return { recoveryCodes: await this.mfa.activate(userId, code) };
  }

  /** Turns the second factor off, with a code from it; not for roles that must keep one. */
  async disableMfa(userId: string, roles: User['roles'], code: string): Promise<void> {
    if (this.mfa.requiredFor(roles)) throw new AppError('FORBIDDEN', 'Your role must log in with a second factor');
    if (!(await this.mfa.verify(userId, code))) throw new AppError('UNAUTHENTICATED', 'Wrong code');
    await this.mfa.disable(userId);
  }

  /**
   * Uses a reset link an admin issued (UsersService.issueResetLink): the new password, then the login goes on as
   * after a password (a session, or the second factor first: whoever holds the link still needs the phone's code).
   */
  async resetWithLink(token: string, newPassword: string): Promise<LoginResult> {
    const row = await this.db.kysely
      .updateTable('passwordResetLinks')
      .set({ usedAt: sql`now()` })
      .where('tokenHash', '=', sha256(token))
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .returning('userId')
      .executeTakeFirst();
    if (!row) throw new AppError('UNAUTHENTICATED', 'This reset link is wrong, used or expired');
    await this.setPassword(row.userId, await hashPassword(newPassword));
    return this.auth.afterPassword(await this.orm.getRepository(User).findOneByOrFail({ id: row.userId }));
  }

  /** A new password ends every session of the account (a stolen session must not outlive the change). */
  private async setPassword(userId: string, passwordHash: string): Promise<void> {
    const ended = await this.db.transaction(async (trx, m) => {
      await trx.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
      return this.gate.endAll(userId, m);
    });
    await ended.afterCommit();
    await this.sessions.revokeRefreshTokens(userId);
  }
}

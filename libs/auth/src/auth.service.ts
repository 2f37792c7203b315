import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppError, normalizeVnMobile } from '@app/common';
import { RefreshToken, User } from '@app/database';
import { canonicalLogin, LoginThrottleService } from './login-throttle.service';
import { MfaService, type TotpSetup } from './mfa.service';
import { DUMMY_HASH_PROMISE, verifyPassword } from '@app/common/passwords';
import { type Session, SessionIssuer, sha256 } from './session-issuer';
import { TokenService } from './token.service';

export { type PublicUser, type Session, toPublicUser } from './session-issuer';

/** A password was right, and a second factor is due before the session: `required` (enter a code) or `enroll`. */
export interface MfaChallenge {
  mfa: 'required' | 'enroll';
  /** Proves the password step for the next call, for MFA_STEP_SECONDS. */
  mfaToken: string;
  expiresInSeconds: number;
}

export type LoginResult = Session | MfaChallenge;

const MFA_STEP_SECONDS = 300;

/**
 * Logging in with a password (and a second factor where due), refreshing and logging out. Logins by one-time
 * code are PhoneAuthService's; account changes AccountService's (docs/identity.md).
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly loginThrottle: LoginThrottleService,
    private readonly sessions: SessionIssuer,
    private readonly mfa: MfaService,
  ) {}

  /**
   * Login by phone (any written form) or username. The same error for "no such user" and "wrong password", and
   * the attempt is reserved against the account's budgets before the password is checked (LoginThrottleService).
   * Staff who use (or must use) an authenticator app get a challenge instead of a session.
   */
  async login(login: string, password: string, ip: string): Promise<LoginResult> {
    const phone = normalizeVnMobile(login);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where(phone ? "u.phone = :phone AND u.kind = 'account'" : 'lower(u.username) = lower(:login)', { phone, login })
      .getOne();
    const attempt = await this.loginThrottle.reserve(user ? user.id : `unknown:${phone ?? canonicalLogin(login)}`, ip);
    const ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await DUMMY_HASH_PROMISE.then((dummy) => verifyPassword(dummy, password).then(() => false));
    if (!user || !ok || !user.isActive || user.anonymisedAt) {
      throw new AppError('UNAUTHENTICATED', 'Wrong login or password');
    }
    await attempt.succeeded();
    return this.afterPassword(user);
  }

  /**
   * What a proven password leads to: a session, or the second factor first for staff who use (or must use) one.
   * Also after a password set through an admin's reset link: the link must not stand in for the second factor.
   */
  afterPassword(user: User): Promise<LoginResult> | LoginResult {
    if (user.totpEnabledAt) return this.challenge(user.id, 'required');
    if (this.mfa.requiredFor(user.roles)) return this.challenge(user.id, 'enroll');
    return this.sessions.login(user);
  }

  /** The second step of a login: a code from the authenticator app, or a recovery code. */
  async verifyMfa(mfaToken: string, code: string, ip: string): Promise<Session> {
    const userId = this.tokens.verifyStep(mfaToken, 'mfa');
    const attempt = await this.loginThrottle.reserve(userId, ip);
    if (!(await this.mfa.verify(userId, code))) throw new AppError('UNAUTHENTICATED', 'Wrong code');
    await attempt.succeeded();
    return this.sessions.login(await this.activeUser(userId));
  }

  /** Enrolment during login, for a role that must use a second factor and has none yet: the secret to scan. */
  async enrollMfa(mfaToken: string): Promise<TotpSetup> {
    const user = await this.activeUser(this.tokens.verifyStep(mfaToken, 'mfa-enroll'));
    return this.mfa.setUp(user.id, user.username ?? user.phone ?? user.id);
  }

  /** Confirms that enrolment with a code: the recovery codes (shown once) and the session. */
  async activateMfa(mfaToken: string, code: string, ip: string): Promise<Session & { recoveryCodes: string[] }> {
    const userId = this.tokens.verifyStep(mfaToken, 'mfa-enroll');
    const attempt = await this.loginThrottle.reserve(userId, ip);
    const recoveryCodes = await this.mfa.activate(userId, code);
    await attempt.succeeded();
    return { ...(await this.sessions.login(await this.activeUser(userId))), recoveryCodes };
  }

  /**
   * Rotates a refresh token. Using a token twice (a stolen copy racing the owner) revokes its whole family,
   * so both must log in again.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const tokenHash = sha256(refreshToken);
    const rotated = await this.db.transaction(async (m) => {
      const current = await m.findOneBy(RefreshToken, { tokenHash });
      if (!current) return null;
      const claimed = await m
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: () => 'now()' })
        .where({ id: current.id, revokedAt: IsNull() })
        .andWhere('expires_at > now()')
        .execute();
      if (!claimed.affected) {
        if (current.revokedAt) {
          await m.update(RefreshToken, { familyId: current.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        }
        return null;
      }
      return current;
    });
    if (!rotated) throw new AppError('UNAUTHENTICATED', 'Refresh token expired or revoked');
    const session = await this.sessions.issue(await this.activeUser(rotated.userId), rotated.familyId);
    await this.db.getRepository(RefreshToken).update(rotated.id, { replacedBy: session.refreshTokenId });
    return session;
  }

  private challenge(userId: string, mfa: MfaChallenge['mfa']): MfaChallenge {
    const step = mfa === 'required' ? 'mfa' : 'mfa-enroll';
    return { mfa, mfaToken: this.tokens.signStep(userId, step, MFA_STEP_SECONDS), expiresInSeconds: MFA_STEP_SECONDS };
  }

  private async activeUser(userId: string): Promise<User> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || !user.isActive || user.anonymisedAt || user.kind !== 'account')
      throw new AppError('UNAUTHENTICATED', 'Account disabled');
    return user;
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Env } from '@app/config';
import { AppError, normalizeVnMobile } from '@app/common';
import { RefreshToken, User } from '@app/database';
import type { AuthUser } from './access.decorators';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords';
import { canonicalLogin, LoginThrottleService } from './login-throttle.service';
import { TokenService } from './token.service';

export interface PublicUser {
  id: string;
  username: string | null;
  phone: string | null;
  fullName: string;
  roles: string[];
  agencyId: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: PublicUser;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  username: u.username,
  phone: u.phone,
  fullName: u.fullName,
  roles: u.roles,
  agencyId: u.agencyId,
});

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly loginThrottle: LoginThrottleService,
    private readonly env: Env,
  ) {}

  /**
   * Citizen self-registration by phone. A caller record of that phone (hotline, Open311) stays apart: it joins
   * the account only once the phone is proven (docs/identity.md).
   */
  async register(phoneInput: string, password: string, fullName: string): Promise<Session> {
    const phone = normalizeVnMobile(phoneInput);
    if (!phone) throw new AppError('VALIDATION_FAILED', 'Invalid phone', { fields: { phone: ['not a Vietnamese mobile number'] } });
    const passwordHash = await hashPassword(password);
    const [row] = await this.db.query(
      `INSERT INTO users (kind, phone, password_hash, full_name, roles) VALUES ('account', $1, $2, $3, '{citizen}')
       ON CONFLICT (phone) WHERE kind = 'account' DO NOTHING RETURNING id`,
      [phone, passwordHash, fullName],
    );
    if (!row) throw new AppError('CONFLICT', 'This phone is already registered');
    return this.startSession(await this.users.findOneByOrFail({ id: row.id }));
  }

  /**
   * Login by phone (any written form) or username. The same error for "no such user" and "wrong password", and
   * the attempt is reserved against the account's budgets before the password is checked (LoginThrottleService).
   */
  async login(login: string, password: string, ip: string): Promise<Session> {
    const phone = normalizeVnMobile(login);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where(phone ? "u.phone = :phone AND u.kind = 'account'" : 'lower(u.username) = lower(:login)', { phone, login })
      .getOne();
    const attempt = await this.loginThrottle.reserve(user ? user.id : `unknown:${phone ?? canonicalLogin(login)}`, ip);
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await DUMMY_HASH_PROMISE.then(
      (dummy) => verifyPassword(dummy, password).then(() => false),
    );
    if (!user || !ok || !user.isActive || user.anonymisedAt) {
      throw new AppError('UNAUTHENTICATED', 'Wrong login or password');
    }
    await attempt.succeeded();
    return this.startSession(user);
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
    const user = await this.users.findOneBy({ id: rotated.userId });
    if (!user || !user.isActive || user.anonymisedAt) throw new AppError('UNAUTHENTICATED', 'Account disabled');
    const session = await this.startSession(user, rotated.familyId);
    await this.refreshTokens.update(rotated.id, { replacedBy: session.refreshTokenId });
    return session;
  }

  /** Revokes every refresh token of a user (logout everywhere, password change, anonymisation). */
  async revokeAll(userId: string): Promise<void> {
    await this.refreshTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async startSession(user: User, familyId: string = randomUUID()): Promise<Session & { refreshTokenId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const row = await this.refreshTokens.save(
      this.refreshTokens.create({
        userId: user.id,
        familyId,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(Date.now() + this.env.REFRESH_TTL_DAYS * 86_400_000),
      }),
    );
    const authUser: AuthUser = { id: user.id, roles: user.roles, agencyId: user.agencyId };
    const session = { accessToken: this.tokens.signAccess(authUser), refreshToken, user: toPublicUser(user) };
    // refreshTokenId is for rotation bookkeeping only; it is not enumerable so it never reaches a response.
    return Object.defineProperty(session, 'refreshTokenId', { value: row.id, enumerable: false }) as Session & {
      refreshTokenId: string;
    };
  }
}

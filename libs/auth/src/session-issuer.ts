import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import { RefreshToken, User } from '@app/database';
import type { Role } from '@app/workflow';
import { SessionGate } from './session-gate';
import { TokenService } from './token.service';

export interface PublicUser {
  id: string;
  username: string | null;
  phone: string | null;
  fullName: string;
  roles: Role[];
  agencyId: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: PublicUser;
}

export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  username: u.username,
  phone: u.phone,
  fullName: u.fullName,
  roles: u.roles,
  agencyId: u.agencyId,
});

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Starts and ends sessions. A session is a refresh-token family (its id is the access tokens' `sid`); access
 * tokens carry the user's session version, checked on every request by SessionGate.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    private readonly gate: SessionGate,
    private readonly env: Env,
  ) {}

  /** A new login (`familyId` absent) or the next tokens of one (refresh). 401 for an account that may not log in. */
  async issue(user: User, familyId: string = randomUUID()): Promise<Session & { refreshTokenId: string }> {
    const version = await this.gate.currentVersion(user.id);
    if (version < 0) throw new AppError('UNAUTHENTICATED', 'Account disabled');
    const refreshToken = randomBytes(32).toString('base64url');
    const row = await this.refreshTokens.save(
      this.refreshTokens.create({
        userId: user.id,
        familyId,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(Date.now() + this.env.REFRESH_TTL_DAYS * 86_400_000),
      }),
    );
    const accessToken = this.tokens.signAccess(
      { id: user.id, roles: user.roles, agencyId: user.agencyId },
      { version, sessionId: familyId },
    );
    const session = { accessToken, refreshToken, user: toPublicUser(user) };
    // refreshTokenId is for rotation bookkeeping only; it is not enumerable so it never reaches a response.
    return Object.defineProperty(session, 'refreshTokenId', { value: row.id, enumerable: false }) as Session & {
      refreshTokenId: string;
    };
  }

  /** A fresh login of the user (password, code, provider): a new session, and the last login recorded. */
  async login(user: User): Promise<Session> {
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issue(user);
  }

  /** Logs out of one session: its refresh tokens and, within seconds, its access tokens stop working. */
  async end(userId: string, sessionId: string): Promise<void> {
    await this.refreshTokens.update({ userId, familyId: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.gate.endSession(userId, sessionId);
  }

  /** Revokes every refresh token of a user (log out everywhere, password change, lock, anonymisation). */
  async revokeRefreshTokens(userId: string): Promise<void> {
    await this.refreshTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import { Db, sql } from '@app/database';
import { RealtimeSessions } from '@app/notifications';
import { InjectRedis } from '@app/queue';

/** What an access token claims about its session. */
export interface SessionClaims {
  userId: string;
  /** The user's session version when the token was issued. */
  version: number;
  /** The login the token belongs to (its refresh-token family): logging out of it refuses its tokens. */
  sessionId: string;
}

interface SessionState {
  /** Current session version; -1 for an account that may not log in (locked, deleted, anonymised, unknown). */
  version: number;
  sessionRevoked: boolean;
}

/** How long one API process trusts what it last read: revocation bites everywhere within about this long. */
const LOCAL_CACHE_MS = 2000;
/** How long Redis keeps a user's session version between reads from the database. */
const SHARED_CACHE_SECONDS = 3600;

/**
 * Revocation within seconds (docs/identity.md, Sessions). Access tokens live 15 minutes; without this a deleted,
 * locked or re-passworded account, or a session logged out, would keep working until its token expired. Every
 * token carries the user's session version and its session id; every request and socket handshake checks them
 * against the current state, read from a 2-second cache of this process, then Redis (shared by every API
 * process), then the database. Bumping the version (lock, password change, roles or agency changed, log out
 * everywhere) refuses all earlier tokens; revoking a session id refuses that login's tokens. The account's sockets
 * are closed at once.
 */
@Injectable()
export class SessionGate {
  private readonly local = new Map<string, { state: SessionState; at: number }>();

  constructor(
    private readonly db: Db,
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Env,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The API's sockets (absent in the worker). Looked up when needed: the gateway itself depends on this gate. */
  private get realtime(): RealtimeSessions | undefined {
    try {
      return this.moduleRef.get(RealtimeSessions, { strict: false });
    } catch {
      return undefined;
    }
  }

  /** 401 UNAUTHENTICATED unless the token's session is still the account's current one. */
  async assertCurrent(claims: SessionClaims): Promise<void> {
    const state = await this.state(claims);
    if (state.version !== claims.version || state.sessionRevoked) {
      throw new AppError('UNAUTHENTICATED', 'Session ended: log in again');
    }
  }

  /** The current session version of a user, for the tokens of a new session; -1 if the account may not log in. */
  async currentVersion(userId: string): Promise<number> {
    return (await this.state({ userId, version: 0, sessionId: '' })).version;
  }

  /**
   * Ends every session of the user: bumps the version (inside `m`'s transaction when given, so the change and the
   * bump commit together), then, once `afterCommit` runs, publishes it and closes the user's sockets.
   */
  async endAll(userId: string, m?: EntityManager): Promise<{ afterCommit: () => Promise<void> }> {
    await (m ? this.db.fromManager(m) : this.db.kysely)
      .updateTable('users')
      .set((eb) => ({ sessionVersion: eb('sessionVersion', '+', 1), updatedAt: sql`now()` }))
      .where('id', '=', userId)
      .execute();
    return { afterCommit: () => this.published(userId) };
  }

  /** Ends one session (log out): its tokens are refused from now on, the others stay. */
  async endSession(userId: string, sessionId: string): Promise<void> {
    await this.redis.set(this.revokedKey(sessionId), '1', 'EX', this.env.JWT_ACCESS_TTL_SECONDS).catch(() => undefined);
    this.local.delete(this.localKey(userId, sessionId));
    this.realtime?.disconnectUser(userId);
  }

  /** After a change to the account committed: every process reads the new state, the user's sockets close. */
  async published(userId: string): Promise<void> {
    for (const key of this.local.keys()) if (key.startsWith(`${userId}:`)) this.local.delete(key);
    const state = await this.fromDatabase(userId);
    // A plain SET overwrites whatever a reader cached before the commit (readers only SET NX).
    await this.redis.set(this.versionKey(userId), String(state), 'EX', SHARED_CACHE_SECONDS).catch(() => undefined);
    this.realtime?.disconnectUser(userId);
  }

  private async state({ userId, sessionId }: SessionClaims): Promise<SessionState> {
    const key = this.localKey(userId, sessionId);
    const hit = this.local.get(key);
    if (hit && Date.now() - hit.at < LOCAL_CACHE_MS) return hit.state;
    const state = await this.shared(userId, sessionId);
    if (this.local.size > 50_000) this.local.clear();
    this.local.set(key, { state, at: Date.now() });
    return state;
  }

  /** Redis, else the database. While Redis is down every process reads the database (cached 2 s): never open. */
  private async shared(userId: string, sessionId: string): Promise<SessionState> {
    const [version, revoked] = await this.redis
      .mget(this.versionKey(userId), sessionId ? this.revokedKey(sessionId) : this.versionKey(userId))
      .catch(() => [null, null]);
    if (version !== null) return { version: Number(version), sessionRevoked: !!sessionId && revoked !== null };
    const fresh = await this.fromDatabase(userId);
    // NX: a reader never overwrites the value a concurrent change published after its read.
    await this.redis
      .set(this.versionKey(userId), String(fresh), 'EX', SHARED_CACHE_SECONDS, 'NX')
      .catch(() => undefined);
    return { version: fresh, sessionRevoked: !!sessionId && revoked !== null };
  }

  private async fromDatabase(userId: string): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select(
        sql<number>`CASE WHEN is_active AND anonymised_at IS NULL AND kind = 'account' THEN session_version ELSE -1 END`.as(
          'version',
        ),
      )
      .where('id', '=', userId)
      .executeTakeFirst();
    return row ? Number(row.version) : -1;
  }

  private versionKey = (userId: string) => `session-version:${userId}`;
  private revokedKey = (sessionId: string) => `session-revoked:${sessionId}`;
  private localKey = (userId: string, sessionId: string) => `${userId}:${sessionId}`;
}

import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { Db, sql } from '@app/database';
import { SessionGate } from './session-gate';

/**
 * A citizen's rights under the Personal Data Protection Law (91/2025): export everything held about them,
 * and deletion, which anonymises their identity but keeps their reports and timelines, because those are
 * the province's records of what was reported and done.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionGate,
  ) {}

  async export(userId: string) {
    const k = this.db.kysely;
    const user = await k
      .selectFrom('users')
      .select(['id', 'username', 'phone', 'fullName', 'roles', 'createdAt'])
      .where('id', '=', userId)
      .where('anonymisedAt', 'is', null)
      .executeTakeFirst();
    if (!user) throw notFound('User');
    const [reports, events, calls, follows, devices, notifications] = await Promise.all([
      k
        .selectFrom('reports')
        .select(['id', 'code', 'status', 'channel', 'title', 'description', 'address'])
        .select([sql<number>`ST_Y(location::geometry)`.as('lat'), sql<number>`ST_X(location::geometry)`.as('lng')])
        .select(['isPublic', 'hideIdentity', 'allowContact', 'ratingSatisfied', 'ratingComment', 'createdAt'])
        .where('reporterId', '=', userId)
        .orderBy('createdAt')
        .execute(),
      k
        .selectFrom('reportEvents as e')
        .innerJoin('reports as r', 'r.id', 'e.reportId')
        .select(['e.id', 'r.code as reportCode', 'e.type', 'e.data', 'e.createdAt as at'])
        .where('e.actorId', '=', userId)
        .orderBy('e.seq')
        .execute(),
      k
        .selectFrom('hotlineCalls')
        .select(['id', 'callerPhone', 'callerName', 'startedAt', 'outcome', 'reportId'])
        .where('callerUserId', '=', userId)
        .orderBy('startedAt')
        .execute(),
      k
        .selectFrom('reportFollowers')
        .select(['reportId', 'via', 'createdAt as since'])
        .where('userId', '=', userId)
        .execute(),
      k
        .selectFrom('devices')
        .select(['platform', 'createdAt as registeredAt', 'lastSeenAt'])
        .where('userId', '=', userId)
        .execute(),
      k
        .selectFrom('notifications')
        .select(['title', 'body', 'createdAt as at', 'readAt'])
        .where('userId', '=', userId)
        .orderBy('createdAt')
        .execute(),
    ]);
    return { exportedAt: new Date(), user, reports, events, hotlineCalls: calls, follows, devices, notifications };
  }

  /** Anonymises the account in one transaction; the person can no longer log in or be identified. */
  async anonymise(userId: string): Promise<void> {
    const ended = await this.db.transaction(async (trx, m) => {
      const done = await trx
        .updateTable('users')
        .set({
          username: null,
          phone: null,
          passwordHash: null,
          fullName: 'Người dùng đã xóa',
          isActive: false,
          anonymisedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where('id', '=', userId)
        .where('anonymisedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!done) throw notFound('User');
      await trx
        .updateTable('refreshTokens')
        .set({ revokedAt: sql`now()` })
        .where('userId', '=', userId)
        .where('revokedAt', 'is', null)
        .execute();
      await trx.deleteFrom('devices').where('userId', '=', userId).execute();
      // The link to an outside identity (the national e-ID's subject) is personal data too.
      await trx.deleteFrom('userIdentities').where('userId', '=', userId).execute();
      await trx.deleteFrom('notifications').where('userId', '=', userId).execute();
      await trx.deleteFrom('idempotencyKeys').where('userId', '=', userId).execute();
      // Reports stay, with nothing that points back to the person.
      await trx
        .updateTable('reports')
        .set({ hideIdentity: true, allowContact: false })
        .where('reporterId', '=', userId)
        .execute();
      await trx
        .updateTable('hotlineCalls')
        .set({ callerPhone: 'anonymised', callerName: null })
        .where('callerUserId', '=', userId)
        .execute();
      return this.sessions.endAll(userId, m);
    });
    // Its tokens are refused and its sockets closed within seconds, not when the token expires.
    await ended.afterCommit();
  }
}

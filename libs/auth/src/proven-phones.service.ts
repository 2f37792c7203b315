import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db, sql, User } from '@app/database';

export interface ProvenPhoneOptions {
  /** Create a citizen account when the phone has none (registration, code login, a provider's sign-in). */
  create: boolean;
  /** The name of a new account, or of one that has none yet. */
  fullName?: string;
  /** A new account's password hash (registration); otherwise it logs in by code or provider only. */
  passwordHash?: string;
}

/**
 * What happens when someone proves they hold a phone (a one-time code by SMS, Firebase phone sign-in, the national
 * e-ID's verified phone): the account of that phone is theirs, marked proven, and the phone's caller record
 * (reports filed for it by the hotline or an integration, calls, follows, inbox) joins it. Only here do caller
 * records join accounts (docs/identity.md, Caller records). Runs inside the caller's transaction.
 */
@Injectable()
export class ProvenPhones {
  constructor(private readonly db: Db) {}

  /** The account of a proven phone, created if asked; null when there is none and none may be created. */
  async account(m: EntityManager, phone: string, options: ProvenPhoneOptions): Promise<User | null> {
    let user = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where(`u.phone = :phone AND u.kind = 'account'`, { phone })
      .getOne();
    if (!user && !options.create) return null;
    const trx = this.db.fromManager(m);
    if (!user) {
      const row = await trx
        .insertInto('users')
        .values({
          kind: 'account',
          phone,
          phoneVerifiedAt: sql`now()`,
          passwordHash: options.passwordHash ?? null,
          fullName: options.fullName ?? '',
          roles: ['citizen'],
        })
        // The partial unique index on accounts' phones (its predicate is matched as written, hence the literal).
        .onConflict((oc) => oc.column('phone').where('kind', '=', sql.lit('account')).doNothing())
        .returning('id')
        .executeTakeFirst();
      // Two first sign-ins of one phone at once: the other created it; take theirs.
      user = await m.getRepository(User).findOneByOrFail(row ? { id: row.id } : { phone, kind: 'account' });
    } else {
      await trx
        .updateTable('users')
        .set({
          phoneVerifiedAt: sql`coalesce(phone_verified_at, now())`,
          fullName: sql`CASE WHEN full_name = '' THEN ${options.fullName ?? ''} ELSE full_name END`,
          updatedAt: sql`now()`,
        })
        .where('id', '=', user.id)
        .execute();
    }
    await this.joinCallerRecord(m, phone, user.id);
    // As it is now (proven, and named if it was not): the session is built from it.
    return m.getRepository(User).findOneByOrFail({ id: user.id });
  }

  /** Moves what the phone's caller record holds to the account, then deletes the record. */
  private async joinCallerRecord(m: EntityManager, phone: string, accountId: string): Promise<void> {
    const trx = this.db.fromManager(m);
    const caller = await trx
      .selectFrom('users')
      .select('id')
      .where('kind', '=', 'caller')
      .where('phone', '=', phone)
      .forUpdate()
      .executeTakeFirst();
    if (!caller) return;
    await trx.updateTable('reports').set({ reporterId: accountId }).where('reporterId', '=', caller.id).execute();
    await trx
      .updateTable('hotlineCalls')
      .set({ callerUserId: accountId })
      .where('callerUserId', '=', caller.id)
      .execute();
    await trx
      .insertInto('reportFollowers')
      .columns(['reportId', 'userId', 'via', 'createdAt'])
      .expression((eb) =>
        eb
          .selectFrom('reportFollowers')
          .select(['reportId', eb.val(accountId).as('userId'), 'via', 'createdAt'])
          .where('userId', '=', caller.id),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .updateTable('notifications as n')
      .set({ userId: accountId })
      .where('n.userId', '=', caller.id)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notifications as a')
              .select('a.id')
              .where('a.userId', '=', accountId)
              .whereRef('a.eventId', '=', 'n.eventId'),
          ),
        ),
      )
      .execute();
    // Its follows and any inbox line the account already had are deleted with it (ON DELETE CASCADE).
    await trx.deleteFrom('users').where('id', '=', caller.id).execute();
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { User } from '@app/database';

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
  /** The account of a proven phone, created if asked; null when there is none and none may be created. */
  async account(m: EntityManager, phone: string, options: ProvenPhoneOptions): Promise<User | null> {
    let user = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where(`u.phone = :phone AND u.kind = 'account'`, { phone })
      .getOne();
    if (!user && !options.create) return null;
    if (!user) {
      const [row] = await m.query(
        `INSERT INTO users (kind, phone, phone_verified_at, password_hash, full_name, roles)
         VALUES ('account', $1, now(), $2, $3, '{citizen}')
         ON CONFLICT (phone) WHERE kind = 'account' DO NOTHING RETURNING id`,
        [phone, options.passwordHash ?? null, options.fullName ?? ''],
      );
      // Two first sign-ins of one phone at once: the other created it; take theirs.
      user = await m.getRepository(User).findOneByOrFail(row ? { id: row.id } : { phone, kind: 'account' });
    } else {
      await m.query(
        `UPDATE users SET phone_verified_at = coalesce(phone_verified_at, now()),
                full_name = CASE WHEN full_name = '' THEN $2 ELSE full_name END, updated_at = now()
          WHERE id = $1`,
        [user.id, options.fullName ?? ''],
      );
    }
    await this.joinCallerRecord(m, phone, user.id);
    // As it is now (proven, and named if it was not): the session is built from it.
    return m.getRepository(User).findOneByOrFail({ id: user.id });
  }

  /** Moves what the phone's caller record holds to the account, then deletes the record. */
  private async joinCallerRecord(m: EntityManager, phone: string, accountId: string): Promise<void> {
    const [caller] = await m.query(`SELECT id FROM users WHERE kind = 'caller' AND phone = $1 FOR UPDATE`, [phone]);
    if (!caller) return;
    const move = (sql: string) => m.query(sql, [caller.id, accountId]);
    await move(`UPDATE reports SET reporter_id = $2 WHERE reporter_id = $1`);
    await move(`UPDATE hotline_calls SET caller_user_id = $2 WHERE caller_user_id = $1`);
    await move(`INSERT INTO report_followers (report_id, user_id, via, created_at)
                SELECT report_id, $2, via, created_at FROM report_followers WHERE user_id = $1 ON CONFLICT DO NOTHING`);
    await move(`UPDATE notifications n SET user_id = $2 WHERE n.user_id = $1
                   AND NOT EXISTS (SELECT 1 FROM notifications a WHERE a.user_id = $2 AND a.event_id = n.event_id)`);
    // Its follows and any inbox line the account already had are deleted with it (ON DELETE CASCADE).
    await m.query(`DELETE FROM users WHERE id = $1`, [caller.id]);
  }
}

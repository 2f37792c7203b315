import { Injectable } from '@nestjs/common';
import { Db, sql } from '@app/database';
import {
  effectivePreferences,
  MESSAGE_KINDS,
  type Preferences,
  type QuietHours,
  type StoredChannels,
} from './delivery-policy';

export interface PreferencesInput {
  /** Switches to change; kinds and channels left out keep their value. */
  channels?: StoredChannels;
  /** null: no quiet hours; absent: unchanged. */
  quietHours?: QuietHours | null;
}

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

/** Each person's channels and quiet hours (docs/channels.md#preferences): defaults unless they chose otherwise. */
@Injectable()
export class PreferencesService {
  constructor(private readonly db: Db) {}

  async get(userId: string): Promise<Preferences> {
    return (await this.forUsers([userId])).get(userId)!;
  }

  async update(userId: string, input: PreferencesInput): Promise<Preferences> {
    const current = await this.db.kysely
      .selectFrom('notificationPreferences')
      .select(['channels', 'quietStart', 'quietEnd'])
      .where('userId', '=', userId)
      .executeTakeFirst();
    const stored = (current?.channels ?? {}) as StoredChannels;
    const channels: StoredChannels = Object.fromEntries(
      MESSAGE_KINDS.map((k) => [k, { ...stored[k], ...input.channels?.[k] }]),
    );
    const quiet =
      input.quietHours === undefined
        ? { start: hhmm(current?.quietStart ?? null), end: hhmm(current?.quietEnd ?? null) }
        : { start: input.quietHours?.start ?? null, end: input.quietHours?.end ?? null };
    await this.db.kysely
      .insertInto('notificationPreferences')
      .values({ userId, channels: JSON.stringify(channels), quietStart: quiet.start, quietEnd: quiet.end })
      .onConflict((oc) =>
        oc.column('userId').doUpdateSet((eb) => ({
          channels: eb.ref('excluded.channels'),
          quietStart: eb.ref('excluded.quietStart'),
          quietEnd: eb.ref('excluded.quietEnd'),
          updatedAt: sql`now()`,
        })),
      )
      .execute();
    return this.get(userId);
  }

  /** Everyone's effective preferences, in one read. */
  async forUsers(userIds: readonly string[]): Promise<Map<string, Preferences>> {
    const rows = userIds.length
      ? await this.db.kysely
          .selectFrom('notificationPreferences')
          .select(['userId', 'channels', 'quietStart', 'quietEnd'])
          .where((eb) => eb('userId', '=', eb.fn.any(eb.val([...userIds]))))
          .execute()
      : [];
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    return new Map(
      userIds.map((id) => {
        const r = byUser.get(id);
        const quiet = r?.quietStart && r.quietEnd ? { start: hhmm(r.quietStart)!, end: hhmm(r.quietEnd)! } : null;
        return [id, effectivePreferences((r?.channels ?? {}) as StoredChannels, quiet)];
      }),
    );
  }
}

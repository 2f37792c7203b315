import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { Db, sql } from '@app/database';

export type DevicePlatform = 'android' | 'ios' | 'web';

export interface DeviceView {
  id: string;
  token: string;
  platform: DevicePlatform;
  createdAt: string;
  lastSeenAt: string;
}

const view = (r: { id: string; token: string; platform: string; createdAt: Date; lastSeenAt: Date }): DeviceView => ({
  id: r.id,
  token: r.token,
  platform: r.platform as DevicePlatform,
  createdAt: r.createdAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});

/** Push tokens of the apps people are signed in to. */
@Injectable()
export class DevicesService {
  constructor(private readonly db: Db) {}

  /**
   * Registers (or refreshes) a token for the user. A token identifies an app install, not a person: when someone
   * else signs in on the same phone the token moves to them, so the previous user's pushes stop reaching it.
   */
  async register(userId: string, token: string, platform: DevicePlatform): Promise<DeviceView> {
    const row = await this.db.kysely
      .insertInto('devices')
      .values({ userId, token, platform })
      .onConflict((oc) =>
        oc.column('token').doUpdateSet((eb) => ({
          userId: eb.ref('excluded.userId'),
          platform: eb.ref('excluded.platform'),
          lastSeenAt: sql`now()`,
        })),
      )
      .returning(['id', 'token', 'platform', 'createdAt', 'lastSeenAt'])
      .executeTakeFirstOrThrow();
    return view(row);
  }

  /** Forgets one of the user's own tokens (sign-out); someone else's token is "not found". */
  async unregister(userId: string, token: string): Promise<void> {
    const { numDeletedRows } = await this.db.kysely
      .deleteFrom('devices')
      .where('token', '=', token)
      .where('userId', '=', userId)
      .executeTakeFirstOrThrow();
    if (!numDeletedRows) throw notFound('Device');
  }
}

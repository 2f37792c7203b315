import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '@app/common';

export type DevicePlatform = 'android' | 'ios' | 'web';

export interface DeviceView {
  id: string;
  token: string;
  platform: DevicePlatform;
  createdAt: string;
  lastSeenAt: string;
}

const view = (r: {
  id: string;
  token: string;
  platform: DevicePlatform;
  created_at: Date;
  last_seen_at: Date;
}): DeviceView => ({
  id: r.id,
  token: r.token,
  platform: r.platform,
  createdAt: new Date(r.created_at).toISOString(),
  lastSeenAt: new Date(r.last_seen_at).toISOString(),
});

/** Push tokens of the apps people are signed in to. */
@Injectable()
export class DevicesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Registers (or refreshes) a token for the user. A token identifies an app install, not a person: when someone
   * else signs in on the same phone the token moves to them, so the previous user's pushes stop reaching it.
   */
  async register(userId: string, token: string, platform: DevicePlatform): Promise<DeviceView> {
    const [row] = await this.db.query(
      `INSERT INTO devices (user_id, token, platform) VALUES ($1, $2, $3)
       ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, last_seen_at = now()
       RETURNING id, token, platform, created_at, last_seen_at`,
      [userId, token, platform],
    );
    return view(row);
  }

  /** Forgets one of the user's own tokens (sign-out); someone else's token is "not found". */
  async unregister(userId: string, token: string): Promise<void> {
    // TypeORM answers a DELETE with [rows, affected count].
    const [, count]: [unknown[], number] = await this.db.query(
      `DELETE FROM devices WHERE token = $1 AND user_id = $2`,
      [token, userId],
    );
    if (!count) throw notFound('Device');
  }
}

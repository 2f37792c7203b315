import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '@app/common';
import { SessionGate } from './session-gate';

/**
 * A citizen's rights under the Personal Data Protection Law (91/2025): export everything held about them,
 * and deletion, which anonymises their identity but keeps their reports and timelines, because those are
 * the province's records of what was reported and done.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionGate,
  ) {}

  async export(userId: string) {
    const [user] = await this.db.query(
      `SELECT id, username, phone, full_name AS "fullName", roles, created_at AS "createdAt" FROM users WHERE id = $1 AND anonymised_at IS NULL`,
      [userId],
    );
    if (!user) throw notFound('User');
    const q = (sql: string) => this.db.query(sql, [userId]);
    const [reports, events, calls, follows, devices, notifications] = await Promise.all([
      q(`SELECT id, code, status, channel, title, description, address, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng,
                is_public AS "isPublic", hide_identity AS "hideIdentity", allow_contact AS "allowContact",
                rating_satisfied AS "ratingSatisfied", rating_comment AS "ratingComment", created_at AS "createdAt"
           FROM reports WHERE reporter_id = $1 ORDER BY created_at`),
      q(`SELECT e.id, r.code AS "reportCode", e.type, e.data, e.created_at AS "at"
           FROM report_events e JOIN reports r ON r.id = e.report_id WHERE e.actor_id = $1 ORDER BY e.seq`),
      q(`SELECT id, caller_phone AS "callerPhone", caller_name AS "callerName", started_at AS "startedAt", outcome, report_id AS "reportId"
           FROM hotline_calls WHERE caller_user_id = $1 ORDER BY started_at`),
      q(`SELECT report_id AS "reportId", via, created_at AS "since" FROM report_followers WHERE user_id = $1`),
      q(`SELECT platform, created_at AS "registeredAt", last_seen_at AS "lastSeenAt" FROM devices WHERE user_id = $1`),
      q(
        `SELECT title, body, created_at AS "at", read_at AS "readAt" FROM notifications WHERE user_id = $1 ORDER BY created_at`,
      ),
    ]);
    return { exportedAt: new Date(), user, reports, events, hotlineCalls: calls, follows, devices, notifications };
  }

  /** Anonymises the account in one transaction; the person can no longer log in or be identified. */
  async anonymise(userId: string): Promise<void> {
    const ended = await this.db.transaction(async (m) => {
      // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, rowCount].
      const [rows] = await m.query(
        `UPDATE users SET username = NULL, phone = NULL, password_hash = NULL, full_name = 'Người dùng đã xóa',
                is_active = false, anonymised_at = now(), updated_at = now()
          WHERE id = $1 AND anonymised_at IS NULL RETURNING id`,
        [userId],
      );
      if (!rows.length) throw notFound('User');
      await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
      await m.query(`DELETE FROM devices WHERE user_id = $1`, [userId]);
      // The link to an outside identity (the national e-ID's subject) is personal data too.
      await m.query(`DELETE FROM user_identities WHERE user_id = $1`, [userId]);
      await m.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
      await m.query(`DELETE FROM idempotency_keys WHERE user_id = $1`, [userId]);
      // Reports stay, with nothing that points back to the person.
      await m.query(`UPDATE reports SET hide_identity = true, allow_contact = false WHERE reporter_id = $1`, [userId]);
      await m.query(
        `UPDATE hotline_calls SET caller_phone = 'anonymised', caller_name = NULL WHERE caller_user_id = $1`,
        [userId],
      );
      return this.sessions.endAll(userId, m);
    });
    // Its tokens are refused and its sockets closed within seconds, not when the token expires.
    await ended.afterCommit();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound, type Page } from '@app/common';
import { NOTIFICATION_COLUMNS, toNotificationView, type NotificationView } from './notification-view';

/** The in-app inbox: rows written by the event dispatcher, read and marked read by their owner only. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string, q: { page: number; pageSize: number; unread?: boolean }): Promise<Page<NotificationView>> {
    const where = `user_id = $1${q.unread ? ' AND read_at IS NULL' : ''}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM notifications WHERE ${where}`, [userId]),
    ]);
    return { items: rows.map(toNotificationView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Marks one of the user's notifications read; the first read time is kept. Others' ids are "not found". */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [[row]] = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, userId],
    );
    if (!row) throw notFound('Notification');
    return toNotificationView(row);
  }

  /** Marks every unread notification of the user read; returns how many were. */
  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [, marked] = await this.db.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { marked };
  }
}

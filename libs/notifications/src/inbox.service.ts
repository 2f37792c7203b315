import { Injectable } from '@nestjs/common';
import { notFound, type Page } from '@app/common';
import { Db, sql } from '@app/database';
import { NOTIFICATION_COLUMNS, toNotificationView, type NotificationView } from './notification-view';

/** The in-app inbox: rows written by the event dispatcher, read and marked read by their owner only. */
@Injectable()
export class InboxService {
  constructor(private readonly db: Db) {}

  async list(userId: string, q: { page: number; pageSize: number; unread?: boolean }): Promise<Page<NotificationView>> {
    const mine = this.db.kysely
      .selectFrom('notifications')
      .where('userId', '=', userId)
      .$if(!!q.unread, (w) => w.where('readAt', 'is', null));
    const [rows, { total }] = await Promise.all([
      mine
        .select(NOTIFICATION_COLUMNS)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      mine.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toNotificationView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Marks one of the user's notifications read; the first read time is kept. Others' ids are "not found". */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    const row = await this.db.kysely
      .updateTable('notifications')
      .set({ readAt: sql`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .returning(NOTIFICATION_COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound('Notification');
    return toNotificationView(row);
  }

  /** Marks every unread notification of the user read; returns how many were. */
  async markAllRead(userId: string): Promise<{ marked: number }> {
    const { numUpdatedRows } = await this.db.kysely
      .updateTable('notifications')
      .set({ readAt: sql`now()` })
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return { marked: Number(numUpdatedRows) };
  }
}

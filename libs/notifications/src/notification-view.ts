/** An inbox row as the API shows it, and as the `notification` socket message carries it. */
export interface NotificationView {
  id: string;
  eventId: string | null;
  reportId: string | null;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** The columns of `notifications` a view is made of (Kysely names). */
export const NOTIFICATION_COLUMNS = [
  'id',
  'eventId',
  'reportId',
  'type',
  'title',
  'body',
  'data',
  'readAt',
  'createdAt',
] as const;

export interface NotificationRow {
  id: string;
  userId?: string;
  eventId: string | null;
  reportId: string | null;
  type: string;
  title: string;
  body: string;
  /** Written by the dispatcher as an object (`PlannedNotification.data`). */
  data: unknown;
  readAt: Date | null;
  createdAt: Date;
}

export const toNotificationView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  eventId: r.eventId,
  reportId: r.reportId,
  type: r.type,
  title: r.title,
  body: r.body,
  data: r.data as Record<string, unknown>,
  readAt: r.readAt ? r.readAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

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

export const NOTIFICATION_COLUMNS = `id, event_id, report_id, type, title, body, data, read_at, created_at`;

export interface NotificationRow {
  id: string;
  user_id?: string;
  event_id: string | null;
  report_id: string | null;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

export const toNotificationView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  eventId: r.event_id,
  reportId: r.report_id,
  type: r.type,
  title: r.title,
  body: r.body,
  data: r.data,
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES, type SendPushJob } from '@app/queue';
import { AGENCY_ROLES, isEventType, publishedSql, type EventType, type ReportStatus } from '@app/workflow';
import { NOTIFICATION_COLUMNS, NotificationRow, toNotificationView } from './notification-view';
import {
  eventAgencies,
  planDeliveries,
  type PlannedNotification,
  type PolicyEvent,
  type PolicyReport,
  type SocketMessage,
} from './notification.policy';
import { PushService } from './push.service';
import { RealtimeEmitter } from './realtime-emitter.service';
import { rooms } from './realtime-rooms';

export type DispatchOutcome =
  | {
      status: 'dispatched';
      socket: number;
      inbox: number;
      push: number;
      /** What the event's reaction returned. */ reaction?: unknown;
    }
  | { status: 'already_dispatched' | 'missing' };

/**
 * Work an event of a type sets off besides telling people (a new report's duplicate scan), given by the worker,
 * which owns the services that do it. It runs as part of the event's dispatch, so it shares the outbox's
 * guarantee: it must tolerate a repeat.
 */
export type EventReactions = {
  [E in EventType]?: (event: Extract<PolicyEvent, { type: E }>, report: PolicyReport) => Promise<unknown>;
};

export const PUSH_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;

/**
 * Fans one recorded timeline event out to the people who should hear it (the policy decides who): inbox rows,
 * socket.io messages through Redis, push jobs; then runs the event's reaction, if any; then marks the event
 * dispatched. Every step tolerates a repeat, because delivery is at-least-once: the relay re-enqueues what a
 * crash or a lost job left undispatched, inbox rows are unique per (user, event), push jobs are keyed by event
 * and user, clients drop socket messages they have seen, and reactions are idempotent.
 */
@Injectable()
export class EventDispatchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly emitter: RealtimeEmitter,
    private readonly push: PushService,
    @InjectQueue(QUEUES.push) private readonly pushQueue: Queue<SendPushJob>,
  ) {}

  async dispatch(eventId: string, reactions: EventReactions = {}): Promise<DispatchOutcome> {
    // The event, its report and the report's followers in one read.
    const [row] = await this.db.query(
      `SELECT e.id, e.report_id, e.type, e.from_status, e.to_status, e.actor_id, e.internal, e.data, e.created_at, e.dispatched_at,
              r.code, r.status, r.agency_id, r.reporter_id, ${publishedSql('r')} AS published, r.due_at, r.title, left(r.description, 200) AS description,
              ARRAY(SELECT f.user_id FROM report_followers f WHERE f.report_id = e.report_id) AS follower_ids
         FROM report_events e JOIN reports r ON r.id = e.report_id
        WHERE e.id = $1`,
      [eventId],
    );
    if (!row) return { status: 'missing' };
    // A repeat of a finished dispatch (relay and API both enqueued it) sends nothing twice.
    if (row.dispatched_at) return { status: 'already_dispatched' };
    // Only this code writes the timeline; a type it does not know was written by a newer version: leave the event
    // undispatched (the job fails and is retried) rather than deliver it wrongly.
    if (!isEventType(row.type)) throw new Error(`event ${eventId} has a type this version does not know: ${row.type}`);

    const event: PolicyEvent = {
      id: row.id,
      type: row.type,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      internal: row.internal,
      data: row.data ?? {},
      at: row.created_at,
      actorId: row.actor_id,
    };
    const report: PolicyReport = {
      id: row.report_id,
      code: row.code,
      status: row.status as ReportStatus,
      agencyId: row.agency_id,
      reporterId: row.reporter_id,
      published: row.published,
      dueAt: row.due_at,
      title: row.title,
      description: row.description,
    };
    const followerIds: string[] = row.follower_ids;
    const { current, previous } = eventAgencies(event, report);
    const agencyIds = [current, previous].filter((a): a is string => !!a);
    const staff: Array<{ id: string; agency_id: string; roles: string[] }> = agencyIds.length
      ? await this.db.query(
          `SELECT id, agency_id, roles FROM users
            WHERE agency_id = ANY($1::uuid[]) AND is_active AND anonymised_at IS NULL
              AND roles && $2::text[]`,
          [agencyIds, AGENCY_ROLES],
        )
      : [];

    const plan = planDeliveries(event, report, {
      followerIds,
      agencyStaff: staff.map((s) => ({ id: s.id, agencyId: s.agency_id, roles: s.roles })),
    });
    const inbox = await this.saveInbox(event, report.id, plan.notifications);
    const messages: SocketMessage[] = [
      ...plan.socket,
      ...inbox.map((n) => ({
        rooms: [rooms.user(n.user_id!)],
        event: 'notification' as const,
        payload: { ...toNotificationView(n), eventId },
      })),
    ];
    await this.emitter.emit(messages);
    const pushed = await this.enqueuePush(
      eventId,
      inbox.filter((n) => plan.push.includes(n.user_id!)),
    );
    // The map's type ties each reaction to its event type, which indexing by a union cannot show the compiler.
    const react = reactions[event.type] as ((e: PolicyEvent, r: PolicyReport) => Promise<unknown>) | undefined;
    const reaction = react ? await react(event, report) : undefined;
    await this.db.query(`UPDATE report_events SET dispatched_at = now() WHERE id = $1 AND dispatched_at IS NULL`, [
      eventId,
    ]);
    return {
      status: 'dispatched',
      socket: messages.length,
      inbox: inbox.length,
      push: pushed,
      ...(react ? { reaction } : {}),
    };
  }

  /**
   * Inserts what is missing and returns every row of this event for these users, new or from an earlier try, in
   * one statement: a conflict updates nothing (the same event id back) but makes the existing row returned.
   */
  private async saveInbox(
    event: PolicyEvent,
    reportId: string,
    planned: PlannedNotification[],
  ): Promise<NotificationRow[]> {
    if (!planned.length) return [];
    return this.db.query(
      `INSERT INTO notifications (user_id, event_id, report_id, type, title, body, data)
       SELECT x.user_id, $1, $2, $3, x.title, x.body, x.data::jsonb
         FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[]) AS x(user_id, title, body, data)
       ON CONFLICT (user_id, event_id) DO UPDATE SET event_id = EXCLUDED.event_id
       RETURNING user_id, ${NOTIFICATION_COLUMNS}`,
      [
        event.id,
        reportId,
        event.type,
        planned.map((n) => n.userId),
        planned.map((n) => n.title),
        planned.map((n) => n.body),
        planned.map((n) => JSON.stringify(n.data)),
      ],
    );
  }

  /** One push job per user with at least one device; none at all while push is off. */
  private async enqueuePush(eventId: string, inbox: NotificationRow[]): Promise<number> {
    if (!this.push.enabled || !inbox.length) return 0;
    const withDevices: Array<{ user_id: string }> = await this.db.query(
      `SELECT DISTINCT user_id FROM devices WHERE user_id = ANY($1::uuid[])`,
      [inbox.map((n) => n.user_id)],
    );
    const wanted = new Set(withDevices.map((d) => d.user_id));
    const jobs = inbox
      .filter((n) => wanted.has(n.user_id!))
      .map((n) => ({
        name: JOBS.sendPush,
        data: {
          eventId,
          userId: n.user_id!,
          notificationId: n.id,
          title: n.title,
          body: n.body,
          data: {
            eventId,
            notificationId: n.id,
            reportId: n.report_id ?? '',
            type: n.type,
            code: String(n.data.code ?? ''),
          },
        } satisfies SendPushJob,
        opts: { jobId: `${eventId}:${n.user_id}`, ...PUSH_JOB_OPTIONS },
      }));
    if (jobs.length) await this.pushQueue.addBulk(jobs);
    return jobs.length;
  }
}

import { Injectable } from '@nestjs/common';
import { Db, sql } from '@app/database';
import { AGENCY_ROLES, isEventType, LEADERSHIP_ROLES, publishedSql, type EventType } from '@app/workflow';
import { NOTIFICATION_COLUMNS, NotificationRow, toNotificationView } from './notification-view';
import {
  areaAlertOf,
  escalatesToLeadership,
  eventAgencies,
  planDeliveries,
  type PlannedNotification,
  type PolicyEvent,
  type PolicyReport,
  type SocketMessage,
} from './notification.policy';
import { DeliveryService, type DeliveryPerson } from './delivery/delivery.service';
import { RealtimeEmitter } from './realtime-emitter.service';
import { rooms } from './realtime-rooms';

export type DispatchOutcome =
  | {
      status: 'dispatched';
      socket: number;
      inbox: number;
      /** Jobs queued for the delivery layer (push, SMS, Zalo, email). */
      deliveries: number;
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

/**
 * Fans one recorded timeline event out to the people who should hear it (the policy decides who): inbox rows,
 * socket.io messages through Redis, the delivery layer's jobs (push, SMS, …); then runs the event's reaction, if any; then marks the event
 * dispatched. Every step tolerates a repeat, because delivery is at-least-once: the relay re-enqueues what a
 * crash or a lost job left undispatched, inbox rows are unique per (user, event), deliveries are keyed by event,
 * user and channel, clients drop socket messages they have seen, and reactions are idempotent.
 */
@Injectable()
export class EventDispatchService {
  constructor(
    private readonly db: Db,
    private readonly emitter: RealtimeEmitter,
    private readonly delivery: DeliveryService,
  ) {}

  async dispatch(eventId: string, reactions: EventReactions = {}): Promise<DispatchOutcome> {
    // The event, its report and the report's followers in one read.
    const row = await this.db.kysely
      .selectFrom('reportEvents as e')
      .innerJoin('reports as r', 'r.id', 'e.reportId')
      .select(['e.id', 'e.reportId', 'e.type', 'e.fromStatus', 'e.toStatus', 'e.actorId', 'e.internal', 'e.data'])
      .select([
        'e.createdAt',
        'e.dispatchedAt',
        'r.code',
        'r.status',
        'r.agencyId',
        'r.reporterId',
        'r.dueAt',
        'r.title',
      ])
      .select([
        sql<boolean>`${sql.raw(publishedSql('r'))}`.as('published'),
        sql<string>`left(r.description, 200)`.as('description'),
        sql<string[]>`ARRAY(SELECT f.user_id FROM report_followers f WHERE f.report_id = e.report_id)`.as(
          'followerIds',
        ),
      ])
      .where('e.id', '=', eventId)
      .executeTakeFirst();
    if (!row) return { status: 'missing' };
    // A repeat of a finished dispatch (relay and API both enqueued it) sends nothing twice.
    if (row.dispatchedAt) return { status: 'already_dispatched' };
    // Only this code writes the timeline; a type it does not know was written by a newer version: leave the event
    // undispatched (the job fails and is retried) rather than deliver it wrongly.
    if (!isEventType(row.type)) throw new Error(`event ${eventId} has a type this version does not know: ${row.type}`);

    const event: PolicyEvent = {
      id: row.id,
      type: row.type,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      internal: row.internal,
      data: (row.data ?? {}) as PolicyEvent['data'],
      at: row.createdAt,
      actorId: row.actorId,
    } as PolicyEvent;
    const report: PolicyReport = {
      id: row.reportId,
      code: row.code,
      status: row.status,
      agencyId: row.agencyId,
      reporterId: row.reporterId,
      published: row.published,
      dueAt: row.dueAt,
      title: row.title,
      description: row.description,
    };
    const { current, previous } = eventAgencies(event, report);
    const agencyIds = [current, previous].filter((a): a is string => !!a);
    const staff = agencyIds.length
      ? await this.db.kysely
          .selectFrom('users')
          .select(['id', 'agencyId', 'roles'])
          .where((eb) => eb('agencyId', '=', eb.fn.any(eb.val(agencyIds))))
          .where('isActive', '=', true)
          .where('anonymisedAt', 'is', null)
          .where(sql<boolean>`roles && ${AGENCY_ROLES}::text[]`)
          .execute()
      : [];

    const leaders = escalatesToLeadership(event)
      ? await this.db.kysely
          .selectFrom('users')
          .select('id')
          .where('isActive', '=', true)
          .where('anonymisedAt', 'is', null)
          .where(sql<boolean>`roles && ${LEADERSHIP_ROLES}::text[]`)
          .execute()
      : [];

    const plan = planDeliveries(event, report, {
      followerIds: row.followerIds,
      agencyStaff: staff.map((s) => ({ id: s.id, agencyId: s.agencyId!, roles: s.roles })),
      leaderIds: leaders.map((l) => l.id),
      subscriberIds: areaAlertOf(event, report) ? await this.subscribersOf(report.id) : [],
    });
    const inbox = await this.saveInbox(event, report.id, plan.notifications);
    const messages: SocketMessage[] = [
      ...plan.socket,
      ...inbox.map((n) => ({
        rooms: [rooms.user(n.userId!)],
        event: 'notification' as const,
        payload: { ...toNotificationView(n), eventId },
      })),
    ];
    await this.emitter.emit(messages);
    const citizens = new Set([report.reporterId, ...row.followerIds]);
    const people: DeliveryPerson[] = inbox
      .filter((n) => plan.push.includes(n.userId!))
      .map((n) => ({
        userId: n.userId!,
        text: { title: n.title, body: n.body },
        notificationId: n.id,
        citizen: citizens.has(n.userId!),
      }));
    if (plan.receipt)
      people.push({
        userId: plan.receipt.userId,
        text: plan.receipt,
        notificationId: null,
        citizen: true,
        inApp: true,
      });
    const deliveries = await this.delivery.plan(event, report, people);
    // The map's type ties each reaction to its event type, which indexing by a union cannot show the compiler.
    const react = reactions[event.type] as ((e: PolicyEvent, r: PolicyReport) => Promise<unknown>) | undefined;
    const reaction = react ? await react(event, report) : undefined;
    await this.db.kysely
      .updateTable('reportEvents')
      .set({ dispatchedAt: sql`now()` })
      .where('id', '=', eventId)
      .where('dispatchedAt', 'is', null)
      .execute();
    return {
      status: 'dispatched',
      socket: messages.length,
      inbox: inbox.length,
      deliveries,
      ...(react ? { reaction } : {}),
    };
  }

  /** Active citizens whose area alert covers the report: its commune, its category, or a circle around its point. */
  private async subscribersOf(reportId: string): Promise<string[]> {
    const { rows } = await sql<{ userId: string }>`
      SELECT DISTINCT s.user_id
        FROM reports r
        JOIN area_subscriptions s
          ON (s.kind = 'commune' AND s.commune_code = r.commune_code)
          OR (s.kind = 'category' AND s.category_id = r.category_id)
          OR (s.kind = 'area' AND r.location IS NOT NULL AND ST_DWithin(s.location, r.location, s.radius_m))
        JOIN users u ON u.id = s.user_id AND u.is_active AND u.anonymised_at IS NULL
       WHERE r.id = ${reportId}`.execute(this.db.kysely);
    return rows.map((r) => r.userId);
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
    // One statement for all recipients: the planned rows travel as arrays.
    const { rows } = await sql<NotificationRow>`
      INSERT INTO notifications (user_id, event_id, report_id, type, title, body, data)
      SELECT x.user_id, ${event.id}, ${reportId}, ${event.type}, x.title, x.body, x.data::jsonb
        FROM unnest(${planned.map((n) => n.userId)}::uuid[], ${planned.map((n) => n.title)}::text[],
                    ${planned.map((n) => n.body)}::text[], ${planned.map((n) => JSON.stringify(n.data))}::text[])
             AS x(user_id, title, body, data)
      ON CONFLICT (user_id, event_id) DO UPDATE SET event_id = EXCLUDED.event_id
      RETURNING user_id, ${sql.join(NOTIFICATION_COLUMNS.map((c) => sql.ref(c)))}`.execute(this.db.kysely);
    return rows;
  }
}

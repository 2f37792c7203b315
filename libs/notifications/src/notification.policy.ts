// Who hears what about a recorded timeline event: the one place that maps events to audiences. Pure (no Nest,
// no TypeORM, no I/O): the worker loads the inputs, calls `planDeliveries` and delivers what it returns.
import { actionOfEvent, excerpt, type EventType, type NewEvent, type ReportStatus, type Stage } from '@app/workflow';
import { agencyText, areaAlertText, followerText, reporterText, type AreaAlert } from './notification-texts';
import { rooms } from './realtime-rooms';

/** A recorded timeline event: narrowing on `type` types its `data`. */
export type PolicyEvent = NewEvent & {
  id: string;
  at: Date | string;
  /** Whoever caused the event gets no inbox line about it (they know); null for the system. */
  actorId?: string | null;
};

export interface PolicyReport {
  id: string;
  code: string;
  status: ReportStatus;
  agencyId: string | null;
  reporterId: string | null;
  /**
   * Published (@app/workflow isPublished): the public may hear its status changes. Read at dispatch time: a
   * report made private, withdrawn or cancelled as spam goes quiet at once.
   */
  published: boolean;
  dueAt: Date | string | null;
  title?: string | null;
  description?: string | null;
}

export interface AgencyMember {
  id: string;
  agencyId: string;
  roles: readonly string[];
}

export interface PolicyAudience {
  followerIds: readonly string[];
  /** Active officers and leaders of the agencies named by `eventAgencies` (only they can get inbox lines). */
  agencyStaff?: readonly AgencyMember[];
  /** Active provincial leaders (LEADERSHIP_ROLES), loaded only for an escalation that reaches them (escalatesToLeadership). */
  leaderIds?: readonly string[];
  /** Citizens whose area alert covers the report (docs/api.md#public), loaded only when `areaAlertOf` names one. */
  subscriberIds?: readonly string[];
}

/**
 * What a citizen's area alert (a commune, a radius, a category) hears of a report there: that it became public,
 * when the centre screened it and sent it to an agency (`report.assigned` out of screening), and that it was
 * resolved (the approved result). Nothing of an unpublished report, nothing else.
 */
export function areaAlertOf(
  event: Pick<PolicyEvent, 'type' | 'fromStatus' | 'internal'>,
  report: Pick<PolicyReport, 'published'>,
): AreaAlert | null {
  if (!report.published || event.internal) return null;
  if (event.type === 'report.assigned' && event.fromStatus === 'received') return 'published';
  if (event.type === 'report.result_approved') return 'resolved';
  return null;
}

/** Level 2 on is the province's leadership's (docs/domain.md#reminders-and-escalation): its room and its inbox. */
export const escalatesToLeadership = (event: Pick<PolicyEvent, 'type' | 'data'>): boolean =>
  event.type === 'report.overdue' && Number((event.data as { level?: number }).level) >= 2;

/** Server events of the real-time API (docs/api.md#server-events) plus `report.updated` for changes without a status change. */
export type ServerEvent =
  | 'report.created'
  | 'report.status_changed'
  | 'report.assigned'
  | 'report.reminder'
  | 'report.overdue'
  | 'report.note_added'
  | 'report.updated'
  | 'notification';

export interface SocketMessage {
  /** Emitted once to the union of these rooms: a socket in several of them gets the message once. */
  rooms: string[];
  event: ServerEvent;
  payload: { eventId: string } & Record<string, unknown>;
}

export interface PlannedNotification {
  userId: string;
  type: EventType;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export interface Deliveries {
  socket: SocketMessage[];
  /** Inbox rows; the dispatcher also sends each one as a `notification` message to `user:<id>`. */
  notifications: PlannedNotification[];
  /** Users who also hear outside the app (every inbox recipient: the delivery layer picks the channels). */
  push: string[];
  /**
   * A new report's receipt for a reporter who filed it themselves (no inbox line: they know), sent outside the app
   * all the same (docs/channels.md): the case code on their phone. Null for every other event.
   */
  receipt: PlannedNotification | null;
}

/** The centre works two queues (new reports, results to review): it hears everything entering or leaving them. */
const CENTRE_QUEUES: ReadonlySet<string> = new Set(['received', 'pending_review']);
/** Stages an agency is responsible for; screening and review are the centre's. */
const AGENCY_STAGES: ReadonlySet<string> = new Set<Stage>(['acknowledge', 'resolution']);

const iso = (v: Date | string | null | undefined) => (v == null ? null : new Date(v).toISOString());
const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];

/**
 * The agencies an event concerns: the one the case is with (or was given to, for an assignment) and the one it
 * left (reassignment, return). Events name the agency themselves where the case moved; for the rest the report's
 * current agency is the best knowledge at dispatch time.
 */
export function eventAgencies(
  event: PolicyEvent,
  report: Pick<PolicyReport, 'agencyId'>,
): { current: string | null; previous: string | null } {
  if (event.type === 'report.returned') return { current: null, previous: event.data.returnedByAgencyId };
  const d = event.data;
  const current = 'agencyId' in d ? d.agencyId : report.agencyId;
  const previous = 'previousAgencyId' in d ? d.previousAgencyId : null;
  return { current, previous: previous !== current ? previous : null };
}

/** The stage a deadline event is about; null for every other event. */
const stageOf = (event: PolicyEvent): Stage | null =>
  event.type === 'report.reminder' || event.type === 'report.overdue' ? event.data.stage : null;

export function planDeliveries(event: PolicyEvent, report: PolicyReport, audience: PolicyAudience): Deliveries {
  const { type, fromStatus: from, toStatus: to } = event;
  const statusChanged = from !== null && to !== null && from !== to;
  const level = event.type === 'report.overdue' ? event.data.level : 0;
  const stage = stageOf(event);
  const agencies = eventAgencies(event, report);
  // A reporter who also follows their own report is the reporter.
  const followers = unique(audience.followerIds.filter((u) => u !== report.reporterId));

  // Rooms of the event's main message.
  const target = new Set<string>([rooms.reportStaff(report.id)]);
  for (const a of [agencies.current, agencies.previous]) if (a) target.add(rooms.agency(a));
  const centre =
    type === 'report.created' ||
    (statusChanged && (CENTRE_QUEUES.has(from ?? '') || CENTRE_QUEUES.has(to ?? ''))) ||
    type === 'report.extension_requested' ||
    (type === 'report.overdue' && level >= 1) ||
    (type === 'report.reminder' && !AGENCY_STAGES.has(stage ?? ''));
  if (centre) target.add(rooms.centre);
  if (escalatesToLeadership(event)) target.add(rooms.leadership);
  // Citizens never hear internal events, whatever else they carry (docs/domain.md#timeline: staff only). The reporter hears the
  // words written to them (note texts are in the message). Followers and the public subscribers of a public report
  // hear status changes only: that message carries no one's words, which may hold the reporter's phone or address.
  if (!event.internal) {
    if (report.reporterId) target.add(rooms.user(report.reporterId));
    if (statusChanged) {
      for (const u of followers) target.add(rooms.user(u));
      if (report.published) target.add(rooms.report(report.id));
    }
  }

  const base = { eventId: event.id, reportId: report.id, code: report.code, type, at: iso(event.at) };
  const dueAt = iso(('dueAt' in event.data ? event.data.dueAt : null) ?? report.dueAt);
  const socket: SocketMessage[] = [];
  const main = ((): Omit<SocketMessage, 'rooms'> => {
    if (event.type === 'report.created') {
      const d = event.data;
      return {
        event: 'report.created',
        payload: {
          ...base,
          status: to,
          priority: d.priority ?? null,
          channel: d.channel ?? null,
          categoryId: d.categoryId ?? null,
          dueAt,
        },
      };
    }
    if (statusChanged) {
      return {
        event: 'report.status_changed',
        payload: { ...base, fromStatus: from, toStatus: to, action: actionOfEvent(type) ?? null, dueAt },
      };
    }
    if (event.type === 'report.note_added')
      return {
        event: 'report.note_added',
        payload: { ...base, internal: event.internal, text: event.data.text ?? '' },
      };
    if (type === 'report.reminder') return { event: 'report.reminder', payload: { ...base, stage, dueAt } };
    if (type === 'report.overdue') return { event: 'report.overdue', payload: { ...base, level, stage, dueAt } };
    return { event: 'report.updated', payload: { ...base, status: to, dueAt } };
  })();
  socket.push({ ...main, rooms: [...target] });

  if ((type === 'report.assigned' || type === 'report.reassigned') && agencies.current) {
    socket.push({
      rooms: [rooms.agency(agencies.current)],
      event: 'report.assigned',
      payload: {
        ...base,
        agencyId: agencies.current,
        previousAgencyId: agencies.previous,
        dueAt: iso(report.dueAt),
        excerpt: reportExcerpt(report),
      },
    });
  }

  const notifications = planInbox(event, report, followers, audience.agencyStaff ?? [], audience.leaderIds ?? [], {
    statusChanged,
    stage,
    agency: agencies.current,
    dueAt,
    subscriberIds: audience.subscriberIds ?? [],
  });
  const receiptText =
    type === 'report.created' && !event.internal && report.reporterId && report.reporterId === event.actorId
      ? reporterText(event, { code: report.code, toStatus: to, dueAt, excerpt: reportExcerpt(report) })
      : null;
  const receipt = receiptText
    ? {
        userId: report.reporterId!,
        type,
        ...receiptText,
        data: { reportId: report.id, code: report.code, eventId: event.id, status: to },
      }
    : null;
  return { socket, notifications, push: notifications.map((n) => n.userId), receipt };
}

const reportExcerpt = (r: PolicyReport) => excerpt(r.title || r.description || '', 100);

function planInbox(
  event: PolicyEvent,
  report: PolicyReport,
  followers: string[],
  staff: readonly AgencyMember[],
  leaderIds: readonly string[],
  ctx: {
    statusChanged: boolean;
    stage: Stage | null;
    agency: string | null;
    dueAt: string | null;
    subscriberIds: readonly string[];
  },
): PlannedNotification[] {
  const out = new Map<string, PlannedNotification>();
  const input = { code: report.code, toStatus: event.toStatus, dueAt: ctx.dueAt, excerpt: reportExcerpt(report) };
  const data = { reportId: report.id, code: report.code, eventId: event.id, status: event.toStatus };
  const add = (userIds: Iterable<string>, text: { title: string; body: string } | null) => {
    if (!text) return;
    for (const userId of userIds) {
      if (userId === event.actorId || out.has(userId)) continue;
      out.set(userId, { userId, type: event.type, ...text, data });
    }
  };

  // The reporter: their report's visible changes (status, info requests, results, public notes), in words.
  // Followers: that the status changed, without the words.
  if (
    !event.internal &&
    report.reporterId &&
    (ctx.statusChanged || event.type === 'report.note_added' || event.type === 'report.created')
  ) {
    add([report.reporterId], reporterText(event, input));
  }
  if (!event.internal && ctx.statusChanged) add(followers, followerText(input));

  // The agency's people: the events that have a line for them (event-texts.ts), that is what asks them to act.
  const line = agencyText(event, input);
  const members = staff.filter((m) => m.agencyId === ctx.agency);
  if (line)
    add(
      agencyReaders(event, members, ctx.stage).map((m) => m.id),
      line,
    );
  // The province's leaders read an escalation from level 2 on in the same words as the agency's leader.
  if (escalatesToLeadership(event)) add(leaderIds, agencyText(event, input));
  // An officer replaced on a case hears that it is no longer theirs, in the words of a delegation taken back.
  if (event.type === 'report.delegated' && event.data.assigneeId && event.data.previousAssigneeId) {
    const replaced = members.filter((m) => m.id === event.data.previousAssigneeId).map((m) => m.id);
    add(replaced, agencyText({ type: event.type, data: { ...event.data, assigneeId: null } }, input));
  }
  // A case pulled back by the agency above: the unit that held it hears it too (docs/domain.md#passing-a-case-down).
  if (event.type === 'report.pulled_back' && line)
    add(
      staff.filter((m) => m.agencyId === event.data.previousAgencyId).map((m) => m.id),
      line,
    );
  // Area alerts last: whoever already has a line about this event (the reporter, a follower) keeps that one.
  const alert = areaAlertOf(event, report);
  if (alert) add(ctx.subscriberIds, areaAlertText(alert, input));
  return [...out.values()];
}

/**
 * Who of the agency reads its line: everyone, but deadline lines only for the agency's own stages, overdue only
 * its leaders (docs/domain.md#reminders-and-escalation, level 1), an answer only once the case is back with it, and
 * a delegation only the officer it concerns: the one given the case, or the one taken off it when it is cleared
 * (docs/domain.md#delegation; an officer replaced by another gets the words of the latter, planInbox).
 */
function agencyReaders(event: PolicyEvent, members: AgencyMember[], stage: Stage | null): AgencyMember[] {
  switch (event.type) {
    case 'report.delegated': {
      const officer = event.data.assigneeId ?? event.data.previousAssigneeId;
      return members.filter((m) => m.id === officer);
    }
    case 'report.reminder':
      return AGENCY_STAGES.has(stage ?? '') ? members : [];
    case 'report.overdue':
      return AGENCY_STAGES.has(stage ?? '') ? members.filter((m) => m.roles.includes('agency_leader')) : [];
    case 'report.info_provided':
      return event.toStatus === 'in_progress' ? members : [];
    default:
      return members;
  }
}

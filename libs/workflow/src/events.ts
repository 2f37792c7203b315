// The timeline's events: every type and the data it records (report_events.type and .data, unchanged in the
// database). Code that records or handles an event names it through these types, so an unknown type or a wrong
// payload does not compile. Each type's texts are in event-texts.ts. Browser-safe.
import type { CancelReason, LatLng, Priority, ReportStatus, Stage } from './workflow.types';

/** An instant as the timeline stores it (JSON has no dates): ISO 8601, UTC. */
export type Instant = string;

/** Nothing beyond the event itself. */
export type NoData = Record<never, never>;

interface Assignment {
  agencyId: string;
  /** The agency the case left (a reassignment), else null. */
  previousAgencyId: string | null;
  /** The screener's words to the agency. */
  note: string | null;
}

/** A value the event changed; null in the event's data when it stayed as it was. */
export interface Change<T> {
  from: T;
  to: T;
}

export interface EventMap {
  'report.created': {
    channel: string;
    categoryId: string;
    priority: string;
    suggestedAgencyId: string | null;
    /** The screening deadline. */
    dueAt: Instant | null;
  };
  'report.assigned': Assignment;
  'report.reassigned': Assignment;
  'report.info_requested': { question: string };
  /** Text, photos or both. */
  'report.info_provided': { text: string; attachmentIds: string[] };
  'report.rejected': { reason: Extract<CancelReason, 'not_eligible' | 'spam'>; note: string };
  'report.marked_duplicate': { duplicateOfId: string };
  'report.duplicate_unmarked': { duplicateOfId: string | null };
  'report.withdrawn': NoData;
  'report.acknowledged': { agencyId: string | null };
  'report.returned': { reason: string; returnedByAgencyId: string | null };
  'report.extension_requested': { workingDays: number; reason: string };
  'report.extension_approved': { workingDays: number; reason: string; extensionCount: number };
  'report.extension_denied': { reason: string; requestedWorkingDays: number };
  'report.result_submitted': { text: string; attachmentIds: string[] };
  /** The agency's leader gave the case to one of its officers, or took it back (assigneeId null). */
  'report.delegated': {
    agencyId: string | null;
    assigneeId: string | null;
    previousAssigneeId: string | null;
    note: string | null;
  };
  /** The centre corrected the case's classification; each field is null when unchanged. */
  'report.reclassified': {
    category: Change<string> | null;
    priority: Change<Priority> | null;
    location: { from: LatLng | null; to: LatLng } | null;
    /** By its official code (docs/domain.md#communes-and-addresses). */
    commune: Change<string | null> | null;
    /** The typed address; absent from events recorded before it could be reclassified (issue 19). */
    address?: Change<string | null> | null;
    /** The routing suggestion for the case as it is now classified. */
    suggestedAgencyId: Change<string | null> | null;
    reason: string | null;
  };
  /** The centre pressed the agency holding the case (đôn đốc), with its words if any. */
  'report.urged': { agencyId: string | null; note: string | null };
  /** To a unit of the agency that held it (docs/domain.md#passing-a-case-down); its deadline, maybe shorter. */
  'report.handed_down': {
    agencyId: string;
    previousAgencyId: string | null;
    resolutionDueAt: string | null;
    note: string | null;
  };
  /** Back up from the unit to the agency that handed it down, by the unit (handed_up) or by that agency (pulled_back). */
  'report.handed_up': { agencyId: string; previousAgencyId: string | null; reason: string };
  'report.pulled_back': { agencyId: string; previousAgencyId: string | null; reason: string };
  'report.result_approved': NoData;
  'report.sent_back': { reason: string };
  'report.reopened': { reason: string };
  'report.rated': { satisfied: boolean; comment: string | null };
  'report.closed': NoData;
  'report.note_added': { text: string; internal: boolean };
  'report.cancelled_no_response': NoData;
  /** The deadline of `stage` is near (deadline-check). */
  'report.reminder': { stage: Stage; dueAt: Instant };
  /** Escalation `level` (1–3) of an overdue stage. */
  'report.overdue': { level: number; stage: Stage; dueAt: Instant; agencyId: string | null };
  /**
   * What became of one message about another event to one person on one channel outside the app (SMS, push,
   * Zalo, email): always internal, staff only (docs/channels.md#outcomes-on-the-timeline).
   */
  'report.delivery': {
    /** The event the message told of. */
    eventId: string;
    eventType: string;
    recipientId: string;
    channel: 'push' | 'sms' | 'zalo' | 'email';
    outcome: 'delivered' | 'failed-permanent' | 'failed-transient';
    /** Why it failed, or the provider's reference; never the address or the text. */
    detail: string | null;
    attempts: number;
    /** The channel tried next, for an important message whose channel failed for good. */
    fallback: string | null;
  };
}

export type EventType = keyof EventMap;

/** One event's type with that type's data: narrowing on `type` types `data`. */
export type EventOf<E extends EventType = EventType> = { [K in E]: { type: K; data: EventMap[K] } }[E];

/** An event as a writer records it: where the status went and whether citizens may see it. */
export type NewEvent<E extends EventType = EventType> = EventOf<E> & {
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  /** Staff only: never shown to the citizen or the public. */
  internal: boolean;
};

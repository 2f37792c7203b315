// Types of the pure report workflow. No framework imports: this file is shared by the API, the worker and tests.
import type { Follow } from './action-definition';
import type { EventOf } from './events';
import type { Role } from './roles';

export const REPORT_STATUSES = [
  'received',
  'need_info',
  'assigned',
  'in_progress',
  'pending_review',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The statuses in which an agency holds an open case (in need_info, only when the agency asked): its leader may
 * delegate such a case, and they are its officers' load (docs/domain.md#delegation).
 */
export const AGENCY_HELD_STATUSES: readonly ReportStatus[] = ['assigned', 'in_progress', 'need_info', 'pending_review'];

export const CANCEL_REASONS = ['duplicate', 'not_eligible', 'withdrawn', 'no_response', 'spam'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Where a report came in. */
export const CHANNELS = ['app', 'web', 'zalo', 'hotline', 'open311', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAGES = ['screening', 'acknowledge', 'resolution', 'review'] as const;
export type Stage = (typeof STAGES)[number];

/** How urgent a case is: its category's SLA has one set of deadlines per priority (docs/domain.md#deadlines). */
export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A point as the API takes it (WGS 84). */
export interface LatLng {
  lat: number;
  lng: number;
}
/**
 * A case an agency handed down to one of its units (docs/domain.md#passing-a-case-down): who handed it and the
 * resolution deadline that agency had, given back when the case comes up again.
 */
export interface HandedDown {
  fromAgencyId: string;
  /** ISO; the deadline the handing agency was given (the unit's may be shorter). */
  resolutionDueAt: string | null;
  at: string;
}

export interface ExtensionRequest {
  workingDays: number;
  reason: string;
}

/** What `decide` reads of a report. */
export interface ReportState {
  id: string;
  status: ReportStatus;
  agencyId: string | null;
  reporterId: string | null;
  channel: string;
  cancelReason: CancelReason | null;
  duplicateOfId: string | null;
  /** Where `need_info` returns to on `provide_info`. */
  pausedFromStatus: ReportStatus | null;
  resolvedAt: Date | null;
  rated: boolean;
  extensionCount: number;
  extensionRequest: ExtensionRequest | null;
  /** Set by the first assignment, never changed after (statistics: time to first assignment). */
  firstAssignedAt: Date | null;
  /** The officer of the case's agency its leader delegated it to (delegate); cleared when the case leaves the agency. */
  assigneeId: string | null;
  categoryId: string;
  /** The agency routing suggests to the screener (routing.service), kept on the report. */
  suggestedAgencyId: string | null;
  priority: Priority;
  /** GeoJSON point ([lng, lat]); null for a report placed by its commune only. */
  location: { coordinates: number[] } | null;
  /** The commune (xã, phường, đặc khu) the case is in, by its official code (docs/domain.md#communes-and-addresses). */
  communeCode: string | null;
  /** The typed address (reclassify may correct it); optional for states built without it. */
  address?: string | null;
  /** The resolution deadline now (report-clock); optional for states built without it. */
  resolutionDueAt?: Date | null;
  /** Set while a unit holds the case its parent handed down (hand_down); optional for states built without it. */
  handedDown?: HandedDown | null;
  version: number;
}

export type Actor =
  | { kind: 'user'; userId: string; roles: Role[]; agencyId: string | null }
  | { kind: 'system' }
  /** An external system (Open311) acting with its API key; it may only comment, never move a case. */
  | { kind: 'integration'; userId: string };

export interface DuplicateMaster {
  id: string;
  status: ReportStatus;
  duplicateOfId: string | null;
}

/** Limits on the report's own state; limits on a body's values are its fields' (actions/). */
export interface WorkflowLimits {
  /** Default 1. */
  maxExtensions: number;
  /** Default 7. */
  reopenWindowDays: number;
}

export const DEFAULT_WORKFLOW_LIMITS: Readonly<WorkflowLimits> = Object.freeze({
  maxExtensions: 1,
  reopenWindowDays: 7,
});

export interface DecisionContext {
  now: Date;
  /** Loaded by the service for `mark_duplicate`; null = not found. */
  duplicateMaster?: DuplicateMaster | null;
  /**
   * For `mark_duplicate`: whether other reports already point at this one as their master. When the
   * service supplies `true`, the report cannot become a duplicate (a master cannot itself be a duplicate).
   */
  reportHasDuplicates?: boolean;
  /** Loaded for `assign`: the agency named in the body if it exists and is active, else null. */
  agency?: { id: string } | null;
  /** Loaded for `delegate`: the user named in the body, whatever they are, else null (no such user). */
  assignee?: Assignee | null;
  /** Loaded for `reclassify`: the category named in the body if it exists and is active, else null. */
  category?: { id: string } | null;
  /**
   * Loaded for `reclassify` when the body names a commune or a point: the commune named, if it exists, or the one
   * the new point lies in; null when there is no such commune.
   */
  commune?: { code: string } | null;
  /** Loaded for `reclassify`: the routing suggestion for the report as the body would leave it (routing.service). */
  suggestedAgencyId?: string | null;
  /** Loaded for `hand_down`: the agency named as the unit, whatever it is, else null (no such agency). */
  unit?: { id: string; parentId: string | null; active: boolean } | null;
  /** Loaded for `hand_down` with `workingDays`: now plus those working days in the category's calendar. */
  handDownDueAt?: Date | null;
  limits: WorkflowLimits;
}

/** A user named as a case's assignee, as `delegate` needs to judge them. */
export interface Assignee {
  id: string;
  agencyId: string | null;
  roles: readonly string[];
  /** Not disabled and not anonymised. */
  active: boolean;
}

export interface ReportPatch {
  status?: ReportStatus;
  agencyId?: string | null;
  assigneeId?: string | null;
  categoryId?: string;
  priority?: Priority;
  location?: LatLng;
  communeCode?: string | null;
  address?: string | null;
  suggestedAgencyId?: string | null;
  cancelReason?: CancelReason | null;
  duplicateOfId?: string | null;
  pausedFromStatus?: ReportStatus | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  cancelledAt?: Date | null;
  rated?: boolean;
  rating?: { satisfied: boolean; comment: string | null };
  extensionCount?: number;
  extensionRequest?: ExtensionRequest | null;
  result?: { text: string; attachmentIds: string[]; at: Date };
  firstAssignedAt?: Date;
  /** The case was reopened at least once (statistics). */
  reopened?: true;
  handedDown?: HandedDown | null;
}

/** An event decide() records: its type (past tense, e.g. `report.assigned`) with that type's data. */
export type WorkflowEvent = EventOf & {
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  /** Staff only: never shown to the citizen or the public. */
  internal: boolean;
};

export type ClockChange =
  | {
      kind: 'start';
      stage: Stage;
      /** false = keep an existing deadline for the stage (e.g. send_back) */ fresh: boolean;
    }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'extend'; workingDays: number }
  /** The resolution deadline becomes `dueAt` (a case handed down with a shorter one, or given back up); null: kept. */
  | { kind: 'set_resolution'; dueAt: Date | null }
  /** The category or priority changed: the running deadlines take the new SLA, the working time used stays used. */
  | { kind: 'recompute' };

export type WorkflowErrorCode = 'INVALID_TRANSITION' | 'FORBIDDEN' | 'VALIDATION_FAILED';

export interface WorkflowError {
  code: WorkflowErrorCode;
  /** English, for developers. */
  message: string;
  details?: Record<string, unknown>;
}

export type Decision =
  | {
      ok: true;
      patch: ReportPatch;
      events: WorkflowEvent[];
      clock?: ClockChange;
      /** The actor's uploads that now belong to the report and its event. */
      attachments?: string[];
      /** Followers the action adds to other reports. */
      follows?: Follow[];
    }
  | { ok: false; error: WorkflowError };

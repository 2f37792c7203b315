// Types of the pure report workflow. No framework imports: this file is shared by the API, the worker and tests.

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

export const CANCEL_REASONS = ['duplicate', 'not_eligible', 'withdrawn', 'no_response', 'spam'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const ROLES = [
  'citizen',
  'operator',
  'screener',
  'agency_officer',
  'agency_leader',
  'leader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_ROLES: readonly Role[] = ['agency_officer', 'agency_leader'];

export const STAGES = ['screening', 'acknowledge', 'resolution', 'review'] as const;
export type Stage = (typeof STAGES)[number];

export const ACTION_NAMES = [
  'assign',
  'request_info',
  'provide_info',
  'reject',
  'mark_duplicate',
  'unmark_duplicate',
  'withdraw',
  'acknowledge',
  'return',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'submit_result',
  'approve_result',
  'send_back',
  'reopen',
  'rate',
  'close',
  'note',
  'no_response',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** URL slug (kebab-case, as in `/reports/:id/actions/:action`) of every action. */
export const ACTION_SLUGS: Readonly<Record<ActionName, string>> = Object.freeze(
  Object.fromEntries(ACTION_NAMES.map((a) => [a, a.replace(/_/g, '-')])) as Record<ActionName, string>,
);

const ACTION_BY_SLUG: ReadonlyMap<string, ActionName> = new Map(
  ACTION_NAMES.map((a) => [ACTION_SLUGS[a], a] as const),
);

/** Maps a URL slug (`request-info`) to its action code (`request_info`); undefined for anything else. */
export function actionFromSlug(slug: string): ActionName | undefined {
  return ACTION_BY_SLUG.get(slug);
}

/** Actions without a body. */
export type EmptyBody = Record<never, never>;

/** Body of every action, keyed by action code. */
export interface CommandBodies {
  assign: { agencyId: string; note?: string };
  request_info: { question: string };
  provide_info: { text: string; attachmentIds?: string[] };
  reject: { reason: 'not_eligible' | 'spam'; note: string };
  mark_duplicate: { duplicateOfId: string };
  unmark_duplicate: EmptyBody;
  withdraw: EmptyBody;
  acknowledge: EmptyBody;
  return: { reason: string };
  request_extension: { workingDays: number; reason: string };
  approve_extension: EmptyBody;
  deny_extension: { reason: string };
  submit_result: { text: string; attachmentIds?: string[] };
  approve_result: EmptyBody;
  send_back: { reason: string };
  reopen: { reason: string };
  rate: { satisfied: boolean; comment?: string };
  close: EmptyBody;
  note: { text: string; internal: boolean };
  no_response: EmptyBody;
}

export type CommandOf<A extends ActionName> = { action: A } & CommandBodies[A];
export type Command = { [A in ActionName]: CommandOf<A> }[ActionName];

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

export interface WorkflowLimits {
  /** Default 1. */
  maxExtensions: number;
  /** Default 5. */
  maxExtensionWorkingDays: number;
  /** Default 7. */
  reopenWindowDays: number;
}

export const DEFAULT_WORKFLOW_LIMITS: Readonly<WorkflowLimits> = Object.freeze({
  maxExtensions: 1,
  maxExtensionWorkingDays: 5,
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
  limits: WorkflowLimits;
}

export interface ReportPatch {
  status?: ReportStatus;
  agencyId?: string | null;
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
}

export interface WorkflowEvent {
  /** Past tense, e.g. `report.assigned`. */
  type: string;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  /** Staff only: never shown to the citizen or the public. */
  internal: boolean;
  data: Record<string, unknown>;
}

export type ClockChange =
  | { kind: 'start'; stage: Stage; /** false = keep an existing deadline for the stage (e.g. send_back) */ fresh: boolean }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'extend'; workingDays: number };

export type WorkflowErrorCode = 'INVALID_TRANSITION' | 'FORBIDDEN' | 'VALIDATION_FAILED';

export interface WorkflowError {
  code: WorkflowErrorCode;
  /** English, for developers. */
  message: string;
  details?: Record<string, unknown>;
}

export type Decision =
  | { ok: true; patch: ReportPatch; events: WorkflowEvent[]; clock?: ClockChange }
  | { ok: false; error: WorkflowError };

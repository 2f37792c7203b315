// What an action is: one entry of the registry (actions/*.ts) holds everything about it, and everything else
// (decide, allowedActions, the route's validation and OpenAPI schema, the notification texts' lookup, the
// console's buttons) is derived from the entries. How to add one: docs/actions.md. Browser-safe.
import type { BodyFields, BodyOf } from './action-body';
import type { EventMap, EventType } from './events';
import type {
  ClockChange,
  DecisionContext,
  LatLng,
  ReportPatch,
  ReportState,
  ReportStatus,
  WorkflowError,
} from './workflow.types';

/**
 * Who an actor counts as for one report. Derived from roles, the case's agency, the reporter and the channel.
 * `agency_leader` is a leader of the case's agency, who counts as `agency` too.
 */
export type Party =
  | 'screener'
  | 'leader'
  | 'agency'
  | 'agency_leader'
  | 'parent_agency_leader'
  | 'reporter'
  | 'hotline_operator'
  | 'system'
  | 'integration';

/** A clock change as an entry states it; 'extend' gets its working days, 'set_resolution' its deadline from the effect. */
export type TableClock =
  | Exclude<ClockChange, { kind: 'extend' } | { kind: 'set_resolution' }>
  | { kind: 'extend' }
  | { kind: 'set_resolution' };

export interface GuardInput {
  report: ReportState;
  ctx: DecisionContext;
  /** The parties the actor counts as that may take the action from the current status (never empty). */
  parties: Party[];
}

export interface EffectInput<Body> extends GuardInput {
  cmd: Body;
}

/** Another report's follower, added with the action (the duplicate's reporter follows its master). */
export interface Follow {
  reportId: string;
  userId: string;
  via: 'duplicate';
}

/** What an action changes and records. `event` names one of the entry's events (default: its first). */
export type Effect<E extends EventType> = (E extends EventType ? { event?: E; data: EventMap[E] } : never) & {
  patch?: ReportPatch;
  /** Overrides the entry's internal flag (notes). */
  internal?: boolean;
  /** Working days for a clock of kind 'extend'. */
  extendWorkingDays?: number;
  /** The resolution deadline for a clock of kind 'set_resolution' (null or absent: unchanged). */
  resolutionDueAt?: Date | null;
  /** The actor's uploads that now belong to the report, with this event. */
  attachments?: string[];
  follows?: Follow[];
};

/** Facts about other rows an effect needs, each named by an id from the body; the service loads them first. */
export interface ContextLoads<Body> {
  /** The report named as master, and whether this report already is one (DecisionContext.duplicateMaster). */
  duplicateMaster?(cmd: Body): string;
  /** The agency named in the body, if it exists (DecisionContext.agency). */
  agency?(cmd: Body): string;
  /** The user named in the body as assignee, whatever they are (DecisionContext.assignee); null names nobody. */
  assignee?(cmd: Body): string | null;
  /**
   * A new classification, where given instead of the report's own: the category named (DecisionContext.category),
   * the commune named or the new point's (.commune), and the routing suggestion for the result (.suggestedAgencyId).
   */
  reclassification?(cmd: Body): { categoryId?: string; location?: LatLng; communeCode?: string };
  /** The agency named as the unit a case is handed down to, and the working days given to it (.unit, .handDownDueAt). */
  unit?(cmd: Body): { agencyId: string; workingDays?: number };
}

export interface ActionDefinition<B extends BodyFields = BodyFields, E extends EventType = EventType> {
  /** What the console's button says (Vietnamese). */
  label: string;
  /** The body's fields and limits (action-body.ts); every body may also carry expectedVersion. */
  body: B;
  /** Who may take it: see partiesOf. */
  parties: readonly Party[];
  /** Statuses it may start from; per party where the parties differ. */
  from: readonly ReportStatus[] | 'any' | Partial<Record<Party, readonly ReportStatus[]>>;
  /** 'same' = status unchanged; 'paused' = back to where need_info was entered from. */
  to: ReportStatus | 'same' | 'paused';
  /** The timeline events it records (events.ts); texts in event-texts.ts. */
  events: readonly [E, ...E[]];
  /** Staff-only event (never shown to the citizen). */
  internal: boolean;
  clock: TableClock | null;
  loads?: ContextLoads<BodyOf<B>>;
  /**
   * The report's own state that must hold, whatever the body says (a pending request, the reopen window).
   * allowedActions runs it too, so a refusal here never shows as an offered action.
   */
  guard?(input: GuardInput): WorkflowError | null;
  /** Checks that need the body or loaded facts, then the patch and the event's data. Method syntax: bivariant. */
  effect(input: EffectInput<BodyOf<B>>): Effect<E> | WorkflowError;
}

/** An entry, typed from its own body fields and events. */
export const defineAction = <const B extends BodyFields, E extends EventType>(definition: ActionDefinition<B, E>) =>
  definition;

export const validationFailed = (message: string, details?: Record<string, unknown>): WorkflowError => ({
  code: 'VALIDATION_FAILED',
  message,
  ...(details ? { details } : {}),
});

/** decide() adds currentStatus and action to the details. */
export const invalidTransition = (message: string, details: Record<string, unknown>): WorkflowError => ({
  code: 'INVALID_TRANSITION',
  message,
  details,
});

export const isWorkflowError = (v: unknown): v is WorkflowError =>
  typeof v === 'object' && v !== null && 'code' in v && 'message' in v;

export const start = (stage: 'screening' | 'acknowledge' | 'resolution' | 'review', fresh = true): TableClock => ({
  kind: 'start',
  stage,
  fresh,
});
export const STOP: TableClock = { kind: 'stop' };

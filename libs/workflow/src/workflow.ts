// The report workflow: one transition table and one decision function. Pure: no I/O, no clock of its own.
// The reports service is the only caller that writes `status`; it locks the row, calls `decide`, saves the
// patch and inserts the events into the timeline in one transaction.
import { ACTION_EFFECTS, type Effect, type EffectFn, type Party, invalidTransition } from './workflow.guards';
import {
  AGENCY_ROLES,
  type ActionName,
  type Actor,
  type ClockChange,
  type Command,
  type Decision,
  type DecisionContext,
  type ReportPatch,
  type ReportState,
  type ReportStatus,
  type WorkflowError,
  type WorkflowEvent,
} from './workflow.types';

export type { Party } from './workflow.guards';

/** A clock change as the table states it; 'extend' gets its working days from the approved request. */
export type TableClock = Exclude<ClockChange, { kind: 'extend' }> | { kind: 'extend' };

export interface Transition<A extends ActionName = ActionName> {
  /** Statuses the action may start from; per party where parties differ (request_info). */
  from: ReportStatus[] | 'any' | Partial<Record<Party, ReportStatus[]>>;
  /** 'same' = status unchanged; 'paused' = back to where need_info was entered from. */
  to: ReportStatus | 'same' | 'paused';
  /** Who may take the action (see `partiesOf`). */
  roles: Party[];
  eventType: string;
  /** Staff-only event (never shown to the citizen). */
  internal: boolean;
  clock: TableClock | null;
  /** Body and state guards plus the action's own patch and event data. Method syntax: bivariant on A. */
  effect(input: Parameters<EffectFn<A>>[0]): ReturnType<EffectFn<A>>;
}

const AGENCY: Party[] = ['agency'];
const SCREENER: Party[] = ['screener'];
const start = (stage: 'screening' | 'acknowledge' | 'resolution' | 'review', fresh = true): TableClock => ({
  kind: 'start',
  stage,
  fresh,
});
const STOP: TableClock = { kind: 'stop' };

export const TRANSITIONS: { readonly [A in ActionName]: Transition<A> } = {
  // The system assigns only a fresh report, and only where its category opts in (auto_assign, libs/duplicates):
  // reassigning is always a person's decision.
  assign: {
    from: { screener: ['received', 'assigned', 'in_progress'], system: ['received'] }, to: 'assigned', roles: ['screener', 'system'],
    eventType: 'report.assigned', internal: false, clock: start('acknowledge'), effect: ACTION_EFFECTS.assign,
  },
  request_info: {
    from: { screener: ['received'], agency: ['in_progress'] }, to: 'need_info', roles: ['screener', 'agency'],
    eventType: 'report.info_requested', internal: false, clock: { kind: 'pause' }, effect: ACTION_EFFECTS.request_info,
  },
  provide_info: {
    from: ['need_info'], to: 'paused', roles: ['reporter', 'hotline_operator'],
    eventType: 'report.info_provided', internal: false, clock: { kind: 'resume' }, effect: ACTION_EFFECTS.provide_info,
  },
  reject: {
    from: ['received', 'need_info'], to: 'cancelled', roles: SCREENER,
    eventType: 'report.rejected', internal: false, clock: STOP, effect: ACTION_EFFECTS.reject,
  },
  mark_duplicate: {
    from: ['received', 'need_info', 'assigned'], to: 'cancelled', roles: SCREENER,
    eventType: 'report.marked_duplicate', internal: false, clock: STOP, effect: ACTION_EFFECTS.mark_duplicate,
  },
  unmark_duplicate: {
    from: ['cancelled'], to: 'received', roles: SCREENER,
    eventType: 'report.duplicate_unmarked', internal: false, clock: start('screening'),
    effect: ACTION_EFFECTS.unmark_duplicate,
  },
  withdraw: {
    from: ['received', 'need_info'], to: 'cancelled', roles: ['reporter'],
    eventType: 'report.withdrawn', internal: false, clock: STOP, effect: ACTION_EFFECTS.withdraw,
  },
  acknowledge: {
    from: ['assigned'], to: 'in_progress', roles: AGENCY,
    // The resolution deadline was set at assignment: keep it.
    eventType: 'report.acknowledged', internal: false, clock: start('resolution', false),
    effect: ACTION_EFFECTS.acknowledge,
  },
  return: {
    from: ['assigned', 'in_progress'], to: 'received', roles: AGENCY,
    eventType: 'report.returned', internal: true, clock: start('screening'), effect: ACTION_EFFECTS.return,
  },
  request_extension: {
    from: ['in_progress'], to: 'same', roles: AGENCY,
    eventType: 'report.extension_requested', internal: true, clock: null, effect: ACTION_EFFECTS.request_extension,
  },
  // A pending request may still be decided after the agency asked the citizen or submitted its result.
  approve_extension: {
    from: ['in_progress', 'need_info', 'pending_review'], to: 'same', roles: ['screener', 'leader'],
    eventType: 'report.extension_approved', internal: true, clock: { kind: 'extend' },
    effect: ACTION_EFFECTS.approve_extension,
  },
  deny_extension: {
    from: ['in_progress', 'need_info', 'pending_review'], to: 'same', roles: ['screener', 'leader'],
    eventType: 'report.extension_denied', internal: true, clock: null, effect: ACTION_EFFECTS.deny_extension,
  },
  submit_result: {
    from: ['in_progress'], to: 'pending_review', roles: AGENCY,
    eventType: 'report.result_submitted', internal: false, clock: start('review'), effect: ACTION_EFFECTS.submit_result,
  },
  approve_result: {
    from: ['pending_review'], to: 'resolved', roles: SCREENER,
    eventType: 'report.result_approved', internal: false, clock: STOP, effect: ACTION_EFFECTS.approve_result,
  },
  send_back: {
    from: ['pending_review'], to: 'in_progress', roles: SCREENER,
    eventType: 'report.sent_back', internal: true, clock: start('resolution', false), effect: ACTION_EFFECTS.send_back,
  },
  reopen: {
    from: ['resolved'], to: 'in_progress', roles: ['reporter', 'screener'],
    eventType: 'report.reopened', internal: false, clock: start('resolution'), effect: ACTION_EFFECTS.reopen,
  },
  rate: {
    from: ['resolved', 'closed'], to: 'same', roles: ['reporter'],
    eventType: 'report.rated', internal: false, clock: null, effect: ACTION_EFFECTS.rate,
  },
  close: {
    from: ['resolved'], to: 'closed', roles: ['screener', 'system'],
    eventType: 'report.closed', internal: false, clock: null, effect: ACTION_EFFECTS.close,
  },
  note: {
    from: 'any', to: 'same', roles: ['screener', 'leader', 'agency', 'hotline_operator', 'integration'],
    eventType: 'report.note_added', internal: false, clock: null, effect: ACTION_EFFECTS.note,
  },
  no_response: {
    from: ['need_info'], to: 'cancelled', roles: ['system'],
    eventType: 'report.cancelled_no_response', internal: false, clock: STOP, effect: ACTION_EFFECTS.no_response,
  },
};

/** Every party the actor counts as for this report. Agency roles count only for the case's own agency. */
export function partiesOf(actor: Actor, report: ReportState): Party[] {
  if (actor.kind === 'system') return ['system'];
  if (actor.kind === 'integration') return ['integration'];
  const has = (role: string) => actor.roles.some((r) => r === role);
  const parties: Party[] = [];
  if (has('screener')) parties.push('screener');
  if (has('leader')) parties.push('leader');
  if (AGENCY_ROLES.some(has) && actor.agencyId !== null && actor.agencyId === report.agencyId) parties.push('agency');
  if (has('citizen') && report.reporterId !== null && actor.userId === report.reporterId) parties.push('reporter');
  if (has('operator') && report.channel === 'hotline') parties.push('hotline_operator');
  return parties;
}

function forbidden(actor: Actor, t: Transition, action: ActionName): WorkflowError {
  const roles = actor.kind === 'user' ? actor.roles : [];
  const allows = (p: Party) => t.roles.includes(p);
  const reason =
    allows('agency') && AGENCY_ROLES.some((r) => roles.includes(r)) ? 'not_case_agency'
    : allows('reporter') && roles.includes('citizen') ? 'not_reporter'
    : allows('hotline_operator') && roles.includes('operator') ? 'not_hotline_report'
    : 'role_not_allowed';
  return { code: 'FORBIDDEN', message: `Not allowed to ${action} this report`, details: { action, reason } };
}

const fail = (error: WorkflowError): Decision => ({ ok: false, error });

/**
 * Decides one action: role check (FORBIDDEN), then status (INVALID_TRANSITION), then the action's guards.
 * Returns the patch to save, the timeline events and the clock change, or a typed error.
 */
export function decide(report: ReportState, command: Command, actor: Actor, ctx: DecisionContext): Decision {
  const action = command?.action as ActionName;
  const t = (Object.hasOwn(TRANSITIONS, action) ? TRANSITIONS[action] : undefined) as Transition | undefined;
  if (!t) return fail({ code: 'VALIDATION_FAILED', message: `Unknown action "${String(action)}"`, details: { action } });

  const parties = partiesOf(actor, report).filter((p) => t.roles.includes(p));
  if (parties.length === 0) return fail(forbidden(actor, t, action));

  const fromOf = (p: Party): ReportStatus[] | 'any' =>
    t.from === 'any' || Array.isArray(t.from) ? t.from : (t.from[p] ?? []);
  const eligible = parties.filter((p) => {
    const from = fromOf(p);
    return from === 'any' || from.includes(report.status);
  });
  if (eligible.length === 0) {
    const allowedFrom = [...new Set(parties.flatMap((p) => fromOf(p)))];
    return fail(
      invalidTransition(`Cannot ${action} a report in status "${report.status}"`, {
        currentStatus: report.status,
        action,
        allowedFrom,
      }),
    );
  }

  const outcome = t.effect({ report, cmd: command, ctx, parties: eligible });
  if ('code' in outcome) {
    return fail(
      outcome.code === 'INVALID_TRANSITION'
        ? { ...outcome, details: { ...outcome.details, currentStatus: report.status, action } }
        : outcome,
    );
  }
  return succeed(report, t, outcome as Effect);
}

function succeed(report: ReportState, t: Transition, effect: Effect): Decision {
  const from = report.status;
  // A need_info report without a recorded origin goes back to screening.
  const to = t.to === 'same' ? from : t.to === 'paused' ? (report.pausedFromStatus ?? 'received') : t.to;
  const patch: ReportPatch = { ...effect.patch };
  if (to !== from) patch.status = to;
  if (from === 'need_info' && to !== 'need_info') patch.pausedFromStatus = null;

  const event: WorkflowEvent = {
    type: effect.eventType ?? t.eventType,
    fromStatus: from,
    toStatus: to,
    internal: effect.internal ?? t.internal,
    data: effect.data ?? {},
  };
  const clock: ClockChange | undefined =
    t.clock === null ? undefined
    : t.clock.kind === 'extend' ? { kind: 'extend', workingDays: effect.extendWorkingDays ?? 0 }
    : { ...t.clock };
  return { ok: true, patch, events: [event], ...(clock ? { clock } : {}) };
}

/** The state after saving a patch (fields that are not part of ReportState are ignored; version unchanged). */
export function applyPatch(state: ReportState, patch: ReportPatch): ReportState {
  const next: ReportState = { ...state };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.agencyId !== undefined) next.agencyId = patch.agencyId;
  if (patch.cancelReason !== undefined) next.cancelReason = patch.cancelReason;
  if (patch.duplicateOfId !== undefined) next.duplicateOfId = patch.duplicateOfId;
  if (patch.pausedFromStatus !== undefined) next.pausedFromStatus = patch.pausedFromStatus;
  if (patch.resolvedAt !== undefined) next.resolvedAt = patch.resolvedAt;
  if (patch.rated !== undefined) next.rated = patch.rated;
  if (patch.extensionCount !== undefined) next.extensionCount = patch.extensionCount;
  if (patch.extensionRequest !== undefined) next.extensionRequest = patch.extensionRequest;
  return next;
}

/**
 * Folds a timeline into the final status. Throws when an event does not start where the previous one ended:
 * a broken timeline is a bug to surface, not to paper over.
 */
export function replay(initial: ReportState, events: readonly WorkflowEvent[]): ReportStatus {
  return events.reduce<ReportStatus>((status, e, i) => {
    if (e.fromStatus !== status) {
      throw new Error(`Timeline broken at event ${i} (${e.type}): from "${e.fromStatus}", expected "${status}"`);
    }
    return e.toStatus;
  }, initial.status);
}

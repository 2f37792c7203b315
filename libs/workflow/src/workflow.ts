// The report workflow: the registry's entries (actions/) and one decision function. Pure: no I/O, no clock of
// its own. The reports service is the only caller that writes `status`; it locks the row, loads what the
// action's entry asks for, calls `decide`, saves the patch and inserts the events in one transaction.
import { isWorkflowError, type ActionDefinition, type Effect, type Party } from './action-definition';
import { ACTIONS, CLIENT_ACTIONS, isActionName, type ActionName, type Command } from './actions';
import { AGENCY_ROLES, hasAnyRole } from './roles';
import type {
  Actor,
  ClockChange,
  Decision,
  DecisionContext,
  ReportPatch,
  ReportState,
  ReportStatus,
  WorkflowError,
  WorkflowEvent,
} from './workflow.types';

/** Every party the actor counts as for this report. Agency roles count only for the case's own agency. */
export function partiesOf(actor: Actor, report: ReportState): Party[] {
  if (actor.kind === 'system') return ['system'];
  if (actor.kind === 'integration') return ['integration'];
  const has = (role: string) => actor.roles.some((r) => r === role);
  const parties: Party[] = [];
  if (has('screener')) parties.push('screener');
  if (has('leader')) parties.push('leader');
  if (hasAnyRole(actor.roles, AGENCY_ROLES) && actor.agencyId !== null && actor.agencyId === report.agencyId) {
    parties.push('agency');
    if (has('agency_leader')) parties.push('agency_leader');
  }
  // The leader of the agency that handed the case down to one of its units (docs/domain.md#passing-a-case-down).
  if (has('agency_leader') && actor.agencyId !== null && actor.agencyId === report.handedDown?.fromAgencyId)
    parties.push('parent_agency_leader');
  if (has('citizen') && report.reporterId !== null && actor.userId === report.reporterId) parties.push('reporter');
  if (has('operator') && report.channel === 'hotline') parties.push('hotline_operator');
  return parties;
}

function forbidden(actor: Actor, report: ReportState, d: ActionDefinition, action: ActionName): WorkflowError {
  const roles = actor.kind === 'user' ? actor.roles : [];
  const allows = (p: Party) => d.parties.includes(p);
  const ofCaseAgency = actor.kind === 'user' && actor.agencyId !== null && actor.agencyId === report.agencyId;
  const reason =
    (allows('agency') || allows('agency_leader')) && hasAnyRole(roles, AGENCY_ROLES)
      ? allows('agency_leader') && ofCaseAgency
        ? 'not_agency_leader'
        : 'not_case_agency'
      : allows('reporter') && roles.includes('citizen')
        ? 'not_reporter'
        : allows('hotline_operator') && roles.includes('operator')
          ? 'not_hotline_report'
          : 'role_not_allowed';
  return { code: 'FORBIDDEN', message: `Not allowed to ${action} this report`, details: { action, reason } };
}

/** A conflict with the report's state names that state and the action. */
const withState = (error: WorkflowError, report: ReportState, action: ActionName): WorkflowError =>
  error.code === 'INVALID_TRANSITION'
    ? { ...error, details: { ...error.details, currentStatus: report.status, action } }
    : error;

type Permission = { ok: true; definition: ActionDefinition; parties: Party[] } | { ok: false; error: WorkflowError };

/**
 * Whether the actor may take the action on the report as it is now, whatever the body: the parties
 * (FORBIDDEN), the status (INVALID_TRANSITION), then the entry's guard on the report's own state.
 */
export function permitted(report: ReportState, action: ActionName, actor: Actor, ctx: DecisionContext): Permission {
  const definition: ActionDefinition = ACTIONS[action];
  const parties = partiesOf(actor, report).filter((p) => definition.parties.includes(p));
  if (parties.length === 0) return { ok: false, error: forbidden(actor, report, definition, action) };

  const { from } = definition;
  const fromOf = (p: Party): readonly ReportStatus[] | 'any' =>
    from === 'any' || Array.isArray(from) ? from : ((from as Partial<Record<Party, readonly ReportStatus[]>>)[p] ?? []);
  const eligible = parties.filter((p) => {
    const statuses = fromOf(p);
    return statuses === 'any' || statuses.includes(report.status);
  });
  if (eligible.length === 0) {
    const allowedFrom = [...new Set(parties.flatMap((p) => fromOf(p)))];
    return {
      ok: false,
      error: {
        code: 'INVALID_TRANSITION',
        message: `Cannot ${action} a report in status "${report.status}"`,
        details: { currentStatus: report.status, action, allowedFrom },
      },
    };
  }
  const refused = definition.guard?.({ report, ctx, parties: eligible });
  return refused
    ? { ok: false, error: withState(refused, report, action) }
    : { ok: true, definition, parties: eligible };
}

/**
 * Decides one action: permitted (parties, status, guard), then the entry's effect on the body and the loaded
 * facts. Returns the patch to save, the timeline events and the clock change, or a typed error. The body is
 * the caller's to validate against the entry's fields (the action route does; code builds typed commands).
 */
export function decide(report: ReportState, command: Command, actor: Actor, ctx: DecisionContext): Decision {
  const action = command?.action;
  if (!isActionName(action))
    return fail({ code: 'VALIDATION_FAILED', message: `Unknown action "${String(action)}"`, details: { action } });
  const permission = permitted(report, action, actor, ctx);
  if (!permission.ok) return fail(permission.error);
  const outcome = permission.definition.effect({ report, cmd: command, ctx, parties: permission.parties });
  return isWorkflowError(outcome)
    ? fail(withState(outcome, report, action))
    : succeed(report, permission.definition, outcome);
}

/**
 * The actions this actor may take on the report now, as far as the report itself says: the parties, the
 * status and the entry's guard, never a copy of them. What depends on the body or on other rows (an unknown
 * agency, a master that is itself a duplicate) is still decide()'s to refuse. Each report view carries them.
 */
export function allowedActions(report: ReportState, actor: Actor, ctx: DecisionContext): ActionName[] {
  return CLIENT_ACTIONS.filter((a) => permitted(report, a, actor, ctx).ok);
}

const fail = (error: WorkflowError): Decision => ({ ok: false, error });

function succeed(report: ReportState, definition: ActionDefinition, effect: Effect<WorkflowEvent['type']>): Decision {
  const from = report.status;
  const { to } = definition;
  // A need_info report without a recorded origin goes back to screening.
  const next = to === 'same' ? from : to === 'paused' ? (report.pausedFromStatus ?? 'received') : to;
  const patch: ReportPatch = { ...effect.patch };
  if (next !== from) patch.status = next;
  if (from === 'need_info' && next !== 'need_info') patch.pausedFromStatus = null;

  // Effect<E> ties the event's type to its data, which an object spread cannot show the compiler.
  const event = {
    type: effect.event ?? definition.events[0],
    fromStatus: from,
    toStatus: next,
    internal: effect.internal ?? definition.internal,
    data: effect.data,
  } as WorkflowEvent;
  const clock: ClockChange | undefined =
    definition.clock === null
      ? undefined
      : definition.clock.kind === 'extend'
        ? { kind: 'extend', workingDays: effect.extendWorkingDays ?? 0 }
        : definition.clock.kind === 'set_resolution'
          ? { kind: 'set_resolution', dueAt: effect.resolutionDueAt ?? null }
          : { ...definition.clock };
  return {
    ok: true,
    patch,
    events: [event],
    ...(clock ? { clock } : {}),
    ...(effect.attachments?.length ? { attachments: effect.attachments } : {}),
    ...(effect.follows?.length ? { follows: effect.follows } : {}),
  };
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
  if (patch.firstAssignedAt !== undefined) next.firstAssignedAt = patch.firstAssignedAt;
  if (patch.assigneeId !== undefined) next.assigneeId = patch.assigneeId;
  if (patch.categoryId !== undefined) next.categoryId = patch.categoryId;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.location !== undefined) next.location = { coordinates: [patch.location.lng, patch.location.lat] };
  if (patch.communeCode !== undefined) next.communeCode = patch.communeCode;
  if (patch.handedDown !== undefined) next.handedDown = patch.handedDown;
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

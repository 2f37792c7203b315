// Per-action guards and patches, referenced from the transition table in workflow.ts. Each effect runs only
// after the role and status checks passed; it validates the body and the report's own state and says what
// changes. Generic parts (status, leaving need_info, the event envelope) are added by `decide`.
import type {
  ActionName,
  CommandOf,
  DecisionContext,
  ReportPatch,
  ReportState,
  WorkflowError,
} from './workflow.types';

/** Who an actor counts as for one report. Derived from roles, the case's agency, the reporter and the channel. */
export type Party = 'screener' | 'leader' | 'agency' | 'reporter' | 'hotline_operator' | 'system' | 'integration';

export interface EffectInput<A extends ActionName> {
  report: ReportState;
  cmd: CommandOf<A>;
  ctx: DecisionContext;
  /** The parties the actor counts as that are allowed this action from the current status (never empty). */
  parties: Party[];
}

export interface Effect {
  patch?: ReportPatch;
  data?: Record<string, unknown>;
  /** Overrides the table's event type (assign → report.reassigned). */
  eventType?: string;
  /** Overrides the table's internal flag (notes). */
  internal?: boolean;
  /** Working days for a table clock of kind 'extend'. */
  extendWorkingDays?: number;
}

export type EffectFn<A extends ActionName> = (input: EffectInput<A>) => Effect | WorkflowError;

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

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function requireText(body: object, field: string): WorkflowError | null {
  const value = (body as Record<string, unknown>)[field];
  return isText(value) ? null : validationFailed(`"${field}" is required and must not be blank`, { field });
}

function optionalText(body: object, field: string): WorkflowError | null {
  const value = (body as Record<string, unknown>)[field];
  return value === undefined || value === null || typeof value === 'string'
    ? null
    : validationFailed(`"${field}" must be a string`, { field });
}

function attachmentIdsOf(body: { attachmentIds?: unknown }): string[] | WorkflowError {
  const ids = body.attachmentIds ?? [];
  return Array.isArray(ids) && ids.every(isText)
    ? [...ids]
    : validationFailed('"attachmentIds" must be an array of ids', { field: 'attachmentIds' });
}

const isError = (v: unknown): v is WorkflowError =>
  typeof v === 'object' && v !== null && 'code' in v && 'message' in v;

/** First error among the checks, if any. */
const firstError = (...checks: (WorkflowError | null)[]): WorkflowError | null =>
  checks.find((c): c is WorkflowError => c !== null) ?? null;

/** The case leaves its agency: extensions belong to that agency's handling, so they go too. */
const leaveAgency = (report: ReportState): ReportPatch =>
  report.agencyId === null && report.extensionCount === 0 && report.extensionRequest === null
    ? {}
    : { agencyId: null, extensionCount: 0, extensionRequest: null };

const cancel = (reason: ReportPatch['cancelReason'], now: Date, extra: ReportPatch = {}): ReportPatch => ({
  cancelReason: reason,
  cancelledAt: now,
  ...extra,
});

const DAY_MS = 24 * 60 * 60 * 1000;

export const ACTION_EFFECTS: { [A in ActionName]: EffectFn<A> } = {
  assign: ({ report, cmd }) => {
    const err = firstError(requireText(cmd, 'agencyId'), optionalText(cmd, 'note'));
    if (err) return err;
    // Already with that agency: the state the caller wanted to change has moved (e.g. a concurrent assign
    // won), so this is a conflict with the current state, not bad input.
    if (report.agencyId === cmd.agencyId) {
      return invalidTransition('The report is already assigned to this agency', { reason: 'already_assigned', agencyId: cmd.agencyId });
    }
    const reassigned = report.agencyId !== null;
    return {
      patch: reassigned
        ? { agencyId: cmd.agencyId, extensionCount: 0, extensionRequest: null }
        : { agencyId: cmd.agencyId },
      data: { agencyId: cmd.agencyId, previousAgencyId: report.agencyId, note: cmd.note ?? null },
      ...(reassigned ? { eventType: 'report.reassigned' } : {}),
    };
  },

  request_info: ({ report, cmd }) =>
    requireText(cmd, 'question') ?? {
      patch: { pausedFromStatus: report.status },
      data: { question: cmd.question },
    },

  provide_info: ({ cmd }) => {
    const attachmentIds = attachmentIdsOf(cmd);
    if (isError(attachmentIds)) return attachmentIds;
    // A photo alone is a valid answer to "send us a photo"; otherwise text is needed.
    const err = attachmentIds.length > 0 ? optionalText(cmd, 'text') : requireText(cmd, 'text');
    return err ?? { data: { text: cmd.text ?? '', attachmentIds } };
  },

  reject: ({ cmd, ctx }) => {
    if (cmd.reason !== 'not_eligible' && cmd.reason !== 'spam') {
      return validationFailed('"reason" must be "not_eligible" or "spam"', { field: 'reason' });
    }
    return (
      requireText(cmd, 'note') ?? {
        patch: cancel(cmd.reason, ctx.now),
        data: { reason: cmd.reason, note: cmd.note },
      }
    );
  },

  mark_duplicate: ({ report, cmd, ctx }) => {
    const err = requireText(cmd, 'duplicateOfId');
    if (err) return err;
    const id = cmd.duplicateOfId;
    if (id === report.id) return validationFailed('A report cannot be a duplicate of itself', { duplicateOfId: id });
    const master = ctx.duplicateMaster;
    if (!master || master.id !== id) {
      return validationFailed('The master report was not found', { duplicateOfId: id, reason: 'not_found' });
    }
    if (master.duplicateOfId !== null || master.status === 'cancelled') {
      return validationFailed('The master report is itself a duplicate or cancelled', {
        duplicateOfId: id,
        masterStatus: master.status,
        masterDuplicateOfId: master.duplicateOfId,
        reason: 'master_not_eligible',
      });
    }
    if (ctx.reportHasDuplicates === true) {
      return invalidTransition('This report is the master of other duplicates', { reason: 'has_duplicates' });
    }
    return { patch: cancel('duplicate', ctx.now, { duplicateOfId: id }), data: { duplicateOfId: id } };
  },

  unmark_duplicate: ({ report }) =>
    report.cancelReason !== 'duplicate'
      ? invalidTransition('Only a report cancelled as a duplicate can be unmarked', {
          reason: 'not_a_duplicate',
          cancelReason: report.cancelReason,
        })
      : {
          patch: { cancelReason: null, duplicateOfId: null, cancelledAt: null, ...leaveAgency(report) },
          data: { duplicateOfId: report.duplicateOfId },
        },

  withdraw: ({ ctx }) => ({ patch: cancel('withdrawn', ctx.now) }),

  acknowledge: ({ report }) => ({ data: { agencyId: report.agencyId } }),

  return: ({ report, cmd }) =>
    requireText(cmd, 'reason') ?? {
      patch: leaveAgency(report),
      data: { reason: cmd.reason, returnedByAgencyId: report.agencyId },
    },

  request_extension: ({ report, cmd, ctx }) => {
    const { maxExtensions, maxExtensionWorkingDays } = ctx.limits;
    if (report.extensionRequest !== null) {
      return invalidTransition('An extension request is already pending', { reason: 'extension_pending' });
    }
    if (report.extensionCount >= maxExtensions) {
      return invalidTransition('No more extensions are allowed for this case', {
        reason: 'extension_limit_reached',
        extensionCount: report.extensionCount,
        maxExtensions,
      });
    }
    const days = cmd.workingDays;
    if (!Number.isInteger(days) || days < 1 || days > maxExtensionWorkingDays) {
      return validationFailed(`"workingDays" must be a whole number from 1 to ${maxExtensionWorkingDays}`, {
        field: 'workingDays',
        max: maxExtensionWorkingDays,
      });
    }
    return (
      requireText(cmd, 'reason') ?? {
        patch: { extensionRequest: { workingDays: days, reason: cmd.reason } },
        data: { workingDays: days, reason: cmd.reason },
      }
    );
  },

  approve_extension: ({ report }) => {
    const request = report.extensionRequest;
    if (!request) return invalidTransition('No extension request is pending', { reason: 'no_pending_extension' });
    const extensionCount = report.extensionCount + 1;
    return {
      patch: { extensionCount, extensionRequest: null },
      data: { workingDays: request.workingDays, reason: request.reason, extensionCount },
      extendWorkingDays: request.workingDays,
    };
  },

  deny_extension: ({ report, cmd }) => {
    const request = report.extensionRequest;
    if (!request) return invalidTransition('No extension request is pending', { reason: 'no_pending_extension' });
    return (
      requireText(cmd, 'reason') ?? {
        patch: { extensionRequest: null },
        data: { reason: cmd.reason, requestedWorkingDays: request.workingDays },
      }
    );
  },

  submit_result: ({ cmd, ctx }) => {
    const attachmentIds = attachmentIdsOf(cmd);
    if (isError(attachmentIds)) return attachmentIds;
    return (
      requireText(cmd, 'text') ?? {
        patch: { result: { text: cmd.text, attachmentIds, at: ctx.now } },
        data: { text: cmd.text, attachmentIds },
      }
    );
  },

  approve_result: ({ ctx }) => ({ patch: { resolvedAt: ctx.now } }),

  send_back: ({ cmd }) => requireText(cmd, 'reason') ?? { data: { reason: cmd.reason } },

  reopen: ({ report, cmd, ctx, parties }) => {
    // The screener may reopen at any time; the reporter only within the window after resolution.
    if (!parties.includes('screener')) {
      const { reopenWindowDays } = ctx.limits;
      const resolvedAt = report.resolvedAt;
      if (!resolvedAt || ctx.now.getTime() - resolvedAt.getTime() > reopenWindowDays * DAY_MS) {
        return invalidTransition(`A citizen may reopen only within ${reopenWindowDays} days of resolution`, {
          reason: 'reopen_window_expired',
          resolvedAt: resolvedAt?.toISOString() ?? null,
          reopenWindowDays,
        });
      }
    }
    // The old rating stays on record (timeline); `rated` is reset so the new result can be rated.
    return requireText(cmd, 'reason') ?? { patch: { rated: false, resolvedAt: null }, data: { reason: cmd.reason } };
  },

  rate: ({ report, cmd }) => {
    if (report.rated) return invalidTransition('This report has already been rated', { reason: 'already_rated' });
    if (typeof cmd.satisfied !== 'boolean') {
      return validationFailed('"satisfied" must be true or false', { field: 'satisfied' });
    }
    const comment = cmd.comment ?? null;
    return (
      optionalText(cmd, 'comment') ?? {
        patch: { rated: true, rating: { satisfied: cmd.satisfied, comment } },
        data: { satisfied: cmd.satisfied, comment },
      }
    );
  },

  close: ({ ctx }) => ({ patch: { closedAt: ctx.now } }),

  note: ({ cmd }) => {
    if (typeof cmd.internal !== 'boolean') {
      return validationFailed('"internal" must be true or false', { field: 'internal' });
    }
    return requireText(cmd, 'text') ?? { data: { text: cmd.text, internal: cmd.internal }, internal: cmd.internal };
  },

  no_response: ({ ctx }) => ({ patch: cancel('no_response', ctx.now) }),
};

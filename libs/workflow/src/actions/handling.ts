// Actions while an agency holds the case: its own (acknowledge, return, ask for more time, answer) and the
// centre's (decide its extension requests, urge it on). One entry each: action-definition.ts says what an entry
// holds.
import { LIMITS, id, ids, integer, idOrNull, optional, text } from '../action-body';
import { defineAction, invalidTransition, start, validationFailed, type GuardInput } from '../action-definition';
import {
  AGENCY_HELD_STATUSES,
  type Assignee,
  type ExtensionRequest,
  type HandedDown,
  type ReportState,
  type WorkflowError,
} from '../workflow.types';
import { leaveAgency } from './helpers';

/** Working days one extension may add (docs/domain.md#deadlines). */
const MAX_EXTENSION_WORKING_DAYS = 5;
/** Working days a unit may be given for a case handed down; never beyond the deadline its parent was given. */
const MAX_HAND_DOWN_WORKING_DAYS = 60;

/** Statuses from which a case moves between an agency and its unit: held, not waiting on the citizen or the centre. */
const HAND_OVER_STATUSES = ['assigned', 'in_progress'] as const;

const handedDownGuard = ({ report }: GuardInput) =>
  report.handedDown ? null : invalidTransition('The case was not handed down', { reason: 'not_handed_down' });

/** The case goes back up to the agency that handed it down, with the deadline that agency had (hand_up, pull_back). */
function backUp(report: ReportState, reason: string) {
  const from = report.handedDown as HandedDown;
  return {
    patch: { agencyId: from.fromAgencyId, assigneeId: null, extensionRequest: null, handedDown: null },
    data: { agencyId: from.fromAgencyId, previousAgencyId: report.agencyId, reason },
    resolutionDueAt: from.resolutionDueAt ? new Date(from.resolutionDueAt) : null,
  };
}

/**
 * Why the user named cannot be given a case of this agency, or null if they can: an active officer of the agency
 * itself (a citizen, another agency's officer, a disabled account are refused: docs/domain.md#delegation).
 */
function assigneeRefusal(
  assignee: Assignee | null | undefined,
  id: string,
  agencyId: string | null,
): WorkflowError | null {
  const refuse = (reason: string, message: string) =>
    validationFailed(message, { reason, assigneeId: id, fields: { assigneeId: [message] } });
  if (!assignee || assignee.id !== id) return refuse('assignee_not_found', 'no such user');
  if (!assignee.roles.includes('agency_officer')) return refuse('assignee_not_officer', 'not an agency officer');
  if (assignee.agencyId !== agencyId) return refuse('assignee_other_agency', "not an officer of the case's agency");
  if (!assignee.active) return refuse('assignee_inactive', 'the account is disabled');
  return null;
}

const pendingExtension = ({ report }: GuardInput) =>
  report.extensionRequest
    ? null
    : invalidTransition('No extension request is pending', { reason: 'no_pending_extension' });

/** The pending request, which the guard (pendingExtension) has checked exists. */
const requestOf = (report: { extensionRequest: ExtensionRequest | null }) =>
  report.extensionRequest as ExtensionRequest;

export const HANDLING_ACTIONS = {
  acknowledge: defineAction({
    label: 'Tiếp nhận xử lý',
    body: {},
    parties: ['agency'],
    from: ['assigned'],
    to: 'in_progress',
    events: ['report.acknowledged'],
    internal: false,
    // The resolution deadline was set at assignment: keep it.
    clock: start('resolution', false),
    effect: ({ report }) => ({ data: { agencyId: report.agencyId } }),
  }),

  return: defineAction({
    label: 'Trả lại (không thuộc thẩm quyền)',
    body: { reason: text(LIMITS.shortText) },
    parties: ['agency'],
    from: ['assigned', 'in_progress'],
    to: 'received',
    events: ['report.returned'],
    internal: true,
    clock: start('screening'),
    effect: ({ report, cmd }) => ({
      patch: leaveAgency(report),
      data: { reason: cmd.reason, returnedByAgencyId: report.agencyId },
    }),
  }),

  request_extension: defineAction({
    label: 'Xin gia hạn',
    body: { workingDays: integer(1, MAX_EXTENSION_WORKING_DAYS), reason: text(LIMITS.shortText) },
    parties: ['agency'],
    from: ['in_progress'],
    to: 'same',
    events: ['report.extension_requested'],
    internal: true,
    clock: null,
    guard: ({ report, ctx }) => {
      if (report.extensionRequest !== null)
        return invalidTransition('An extension request is already pending', { reason: 'extension_pending' });
      const { maxExtensions } = ctx.limits;
      return report.extensionCount < maxExtensions
        ? null
        : invalidTransition('No more extensions are allowed for this case', {
            reason: 'extension_limit_reached',
            extensionCount: report.extensionCount,
            maxExtensions,
          });
    },
    effect: ({ cmd }) => ({
      patch: { extensionRequest: { workingDays: cmd.workingDays, reason: cmd.reason } },
      data: { workingDays: cmd.workingDays, reason: cmd.reason },
    }),
  }),

  // A pending request may still be decided after the agency asked the citizen or submitted its result.
  approve_extension: defineAction({
    label: 'Đồng ý gia hạn',
    body: {},
    parties: ['screener', 'leader'],
    from: ['in_progress', 'need_info', 'pending_review'],
    to: 'same',
    events: ['report.extension_approved'],
    internal: true,
    clock: { kind: 'extend' },
    guard: pendingExtension,
    effect: ({ report }) => {
      const request = requestOf(report);
      const extensionCount = report.extensionCount + 1;
      return {
        patch: { extensionCount, extensionRequest: null },
        data: { workingDays: request.workingDays, reason: request.reason, extensionCount },
        extendWorkingDays: request.workingDays,
      };
    },
  }),

  deny_extension: defineAction({
    label: 'Từ chối gia hạn',
    body: { reason: text(LIMITS.shortText) },
    parties: ['screener', 'leader'],
    from: ['in_progress', 'need_info', 'pending_review'],
    to: 'same',
    events: ['report.extension_denied'],
    internal: true,
    clock: null,
    guard: pendingExtension,
    effect: ({ report, cmd }) => ({
      patch: { extensionRequest: null },
      data: { reason: cmd.reason, requestedWorkingDays: requestOf(report).workingDays },
    }),
  }),

  submit_result: defineAction({
    label: 'Gửi kết quả xử lý',
    body: { text: text(LIMITS.longText), attachmentIds: optional(ids(LIMITS.attachments)) },
    parties: ['agency'],
    from: ['in_progress'],
    to: 'pending_review',
    events: ['report.result_submitted'],
    internal: false,
    clock: start('review'),
    effect: ({ cmd, ctx }) => {
      const attachmentIds = cmd.attachmentIds ?? [];
      return {
        patch: { result: { text: cmd.text, attachmentIds, at: ctx.now } },
        data: { text: cmd.text, attachmentIds },
        attachments: attachmentIds,
      };
    },
  }),

  // The agency's leader gives the case to one of its officers (giao cán bộ xử lý), to another one, or takes it back
  // (assigneeId null). The case stays the agency's; leaving the agency clears it (helpers.ts).
  delegate: defineAction({
    label: 'Giao cán bộ xử lý',
    body: { assigneeId: idOrNull(), note: optional(text(LIMITS.shortText)) },
    parties: ['agency_leader'],
    from: AGENCY_HELD_STATUSES,
    to: 'same',
    events: ['report.delegated'],
    internal: true,
    clock: null,
    loads: { assignee: (cmd) => cmd.assigneeId },
    effect: ({ report, cmd, ctx }) => {
      // The state the leader wanted to change has moved (another leader delegated first): a conflict, not bad input.
      if (cmd.assigneeId === report.assigneeId) {
        return cmd.assigneeId === null
          ? invalidTransition('The case is not delegated to anyone', { reason: 'not_delegated' })
          : invalidTransition('The case is already delegated to this officer', {
              reason: 'already_delegated',
              assigneeId: cmd.assigneeId,
            });
      }
      const refused = cmd.assigneeId === null ? null : assigneeRefusal(ctx.assignee, cmd.assigneeId, report.agencyId);
      if (refused) return refused;
      return {
        patch: { assigneeId: cmd.assigneeId },
        data: {
          agencyId: report.agencyId,
          assigneeId: cmd.assigneeId,
          previousAssigneeId: report.assigneeId,
          note: cmd.note ?? null,
        },
      };
    },
  }),

  // An agency's leader hands the case to one of its units (chuyển đơn vị cấp dưới: a commune's committee to its urban
  // order team), within the deadline the agency was given or a shorter one (docs/domain.md#passing-a-case-down).
  hand_down: defineAction({
    label: 'Chuyển đơn vị cấp dưới',
    body: {
      agencyId: id(),
      workingDays: optional(integer(1, MAX_HAND_DOWN_WORKING_DAYS)),
      note: optional(text(LIMITS.shortText)),
    },
    parties: ['agency_leader'],
    from: HAND_OVER_STATUSES,
    to: 'same',
    events: ['report.handed_down'],
    internal: true,
    clock: { kind: 'set_resolution' },
    loads: { unit: (cmd) => ({ agencyId: cmd.agencyId, workingDays: cmd.workingDays }) },
    // One level at a time: the unit hands it back up before anyone hands it further.
    guard: ({ report }) =>
      report.handedDown
        ? invalidTransition('The case is already with a unit', { reason: 'already_handed_down' })
        : null,
    effect: ({ report, cmd, ctx }) => {
      const refuse = (reason: string, message: string, field = 'agencyId') =>
        validationFailed(message, { reason, fields: { [field]: [message] } });
      const unit = ctx.unit;
      if (!unit || unit.id !== cmd.agencyId) return refuse('unit_not_found', 'no such agency');
      if (unit.parentId === null || unit.parentId !== report.agencyId)
        return refuse('not_child_unit', "not a unit of the case's agency");
      if (!unit.active) return refuse('unit_inactive', 'the unit is inactive');
      const given = report.resolutionDueAt ?? null;
      const dueAt = cmd.workingDays === undefined ? null : (ctx.handDownDueAt ?? null);
      if (dueAt && given && dueAt.getTime() > given.getTime())
        return refuse(
          'deadline_beyond_given',
          'the unit cannot be given longer than the deadline the agency was given',
          'workingDays',
        );
      const handedDown: HandedDown = {
        fromAgencyId: report.agencyId as string,
        resolutionDueAt: given?.toISOString() ?? null,
        at: ctx.now.toISOString(),
      };
      return {
        patch: { agencyId: unit.id, assigneeId: null, extensionRequest: null, handedDown },
        data: {
          agencyId: unit.id,
          previousAgencyId: report.agencyId,
          resolutionDueAt: (dueAt ?? given)?.toISOString() ?? null,
          note: cmd.note ?? null,
        },
        resolutionDueAt: dueAt,
      };
    },
  }),

  // The unit gives the case back to the agency that handed it down (trả lên đơn vị cấp trên), with a reason.
  hand_up: defineAction({
    label: 'Trả lên đơn vị cấp trên',
    body: { reason: text(LIMITS.shortText) },
    parties: ['agency'],
    from: HAND_OVER_STATUSES,
    to: 'same',
    events: ['report.handed_up'],
    internal: true,
    clock: { kind: 'set_resolution' },
    guard: handedDownGuard,
    effect: ({ report, cmd }) => backUp(report, cmd.reason),
  }),

  // The agency that handed the case down takes it back from its unit (rút về), overseeing it.
  pull_back: defineAction({
    label: 'Rút về đơn vị',
    body: { reason: text(LIMITS.shortText) },
    parties: ['parent_agency_leader'],
    from: HAND_OVER_STATUSES,
    to: 'same',
    events: ['report.pulled_back'],
    internal: true,
    clock: { kind: 'set_resolution' },
    guard: handedDownGuard,
    effect: ({ report, cmd }) => backUp(report, cmd.reason),
  }),

  // The centre presses the agency about a case it holds (đôn đốc), between the automatic reminders and letters:
  // a line in the agency's inbox and on the timeline, nothing else of the case changes.
  urge: defineAction({
    label: 'Đôn đốc',
    body: { note: optional(text(LIMITS.shortText)) },
    parties: ['screener', 'leader'],
    from: ['assigned', 'in_progress'],
    to: 'same',
    events: ['report.urged'],
    internal: true,
    clock: null,
    effect: ({ report, cmd }) => ({ data: { agencyId: report.agencyId, note: cmd.note ?? null } }),
  }),
};

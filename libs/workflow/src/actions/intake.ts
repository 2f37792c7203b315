// Actions on a new report: the centre's screening (assign, ask, reject, duplicates) and the reporter's own
// (answer, withdraw). One entry each: action-definition.ts says what an entry holds.
import { LIMITS, choice, id, ids, optional, text } from '../action-body';
import { STOP, defineAction, invalidTransition, start, validationFailed } from '../action-definition';
import { cancel, leaveAgency } from './helpers';

export const INTAKE_ACTIONS = {
  assign: defineAction({
    label: 'Chuyển xử lý',
    body: { agencyId: id(), note: optional(text(LIMITS.shortText)) },
    // The system assigns only a fresh report, and only where its category opts in (auto_assign, libs/duplicates):
    // reassigning is always a person's decision.
    parties: ['screener', 'system'],
    from: { screener: ['received', 'assigned', 'in_progress'], system: ['received'] },
    to: 'assigned',
    events: ['report.assigned', 'report.reassigned'],
    internal: false,
    clock: start('acknowledge'),
    loads: { agency: (cmd) => cmd.agencyId },
    effect: ({ report, cmd, ctx }) => {
      // Already with that agency: the state the caller wanted to change has moved (e.g. a concurrent assign
      // won), so this is a conflict with the current state, not bad input.
      if (report.agencyId === cmd.agencyId) {
        return invalidTransition('The report is already assigned to this agency', {
          reason: 'already_assigned',
          agencyId: cmd.agencyId,
        });
      }
      if (ctx.agency?.id !== cmd.agencyId)
        return validationFailed('Unknown agency', { fields: { agencyId: ['no such agency'] } });
      const reassigned = report.agencyId !== null;
      return {
        event: reassigned ? 'report.reassigned' : 'report.assigned',
        data: { agencyId: cmd.agencyId, previousAgencyId: report.agencyId, note: cmd.note ?? null },
        patch: {
          agencyId: cmd.agencyId,
          ...(reassigned ? { extensionCount: 0, extensionRequest: null } : {}),
          ...(report.firstAssignedAt ? {} : { firstAssignedAt: ctx.now }),
        },
      };
    },
  }),

  request_info: defineAction({
    label: 'Yêu cầu bổ sung thông tin',
    body: { question: text(LIMITS.shortText) },
    parties: ['screener', 'agency'],
    from: { screener: ['received'], agency: ['in_progress'] },
    to: 'need_info',
    events: ['report.info_requested'],
    internal: false,
    clock: { kind: 'pause' },
    effect: ({ report, cmd }) => ({ patch: { pausedFromStatus: report.status }, data: { question: cmd.question } }),
  }),

  provide_info: defineAction({
    label: 'Bổ sung thông tin',
    body: { text: optional(text(LIMITS.longText)), attachmentIds: optional(ids(LIMITS.attachments)) },
    parties: ['reporter', 'hotline_operator'],
    from: ['need_info'],
    to: 'paused',
    events: ['report.info_provided'],
    internal: false,
    clock: { kind: 'resume' },
    effect: ({ cmd }) => {
      const attachmentIds = cmd.attachmentIds ?? [];
      // A photo alone is a valid answer to "send us a photo"; otherwise text is needed.
      if (!cmd.text && attachmentIds.length === 0) {
        return validationFailed('"text" is required unless photos are attached', {
          fields: { text: ['required without attachmentIds'] },
        });
      }
      return { data: { text: cmd.text ?? '', attachmentIds }, attachments: attachmentIds };
    },
  }),

  reject: defineAction({
    label: 'Từ chối',
    body: { reason: choice(['not_eligible', 'spam']), note: text(LIMITS.shortText) },
    parties: ['screener'],
    from: ['received', 'need_info'],
    to: 'cancelled',
    events: ['report.rejected'],
    internal: false,
    clock: STOP,
    effect: ({ cmd, ctx }) => ({ patch: cancel(cmd.reason, ctx.now), data: { reason: cmd.reason, note: cmd.note } }),
  }),

  mark_duplicate: defineAction({
    label: 'Đánh dấu trùng',
    body: { duplicateOfId: id() },
    parties: ['screener'],
    from: ['received', 'need_info', 'assigned'],
    to: 'cancelled',
    events: ['report.marked_duplicate'],
    internal: false,
    clock: STOP,
    loads: { duplicateMaster: (cmd) => cmd.duplicateOfId },
    effect: ({ report, cmd, ctx }) => {
      const masterId = cmd.duplicateOfId;
      if (masterId === report.id)
        return validationFailed('A report cannot be a duplicate of itself', { duplicateOfId: masterId });
      const master = ctx.duplicateMaster;
      if (!master || master.id !== masterId) {
        return validationFailed('The master report was not found', { duplicateOfId: masterId, reason: 'not_found' });
      }
      if (master.duplicateOfId !== null || master.status === 'cancelled') {
        return validationFailed('The master report is itself a duplicate or cancelled', {
          duplicateOfId: masterId,
          masterStatus: master.status,
          masterDuplicateOfId: master.duplicateOfId,
          reason: 'master_not_eligible',
        });
      }
      // Known only from other rows (loaded with the master), so allowedActions cannot see it.
      if (ctx.reportHasDuplicates === true) {
        return invalidTransition('This report is the master of other duplicates', { reason: 'has_duplicates' });
      }
      return {
        patch: cancel('duplicate', ctx.now, { duplicateOfId: masterId }),
        data: { duplicateOfId: masterId },
        // The duplicate's reporter hears everything the master's reporter hears from now on.
        follows: report.reporterId ? [{ reportId: masterId, userId: report.reporterId, via: 'duplicate' }] : [],
      };
    },
  }),

  unmark_duplicate: defineAction({
    label: 'Bỏ đánh dấu trùng',
    body: {},
    parties: ['screener'],
    from: ['cancelled'],
    to: 'received',
    events: ['report.duplicate_unmarked'],
    internal: false,
    clock: start('screening'),
    guard: ({ report }) =>
      report.cancelReason === 'duplicate'
        ? null
        : invalidTransition('Only a report cancelled as a duplicate can be unmarked', {
            reason: 'not_a_duplicate',
            cancelReason: report.cancelReason,
          }),
    effect: ({ report }) => ({
      patch: { cancelReason: null, duplicateOfId: null, cancelledAt: null, ...leaveAgency(report) },
      data: { duplicateOfId: report.duplicateOfId },
    }),
  }),

  withdraw: defineAction({
    label: 'Rút phản ánh',
    body: {},
    parties: ['reporter'],
    from: ['received', 'need_info'],
    to: 'cancelled',
    events: ['report.withdrawn'],
    internal: false,
    clock: STOP,
    effect: ({ ctx }) => ({ patch: cancel('withdrawn', ctx.now), data: {} }),
  }),
};

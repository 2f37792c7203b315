// Actions on an agency's result and after it: the centre's review, the reporter's reopening and rating,
// closing, and the system's cancellation of unanswered questions. One entry each: action-definition.ts says
// what an entry holds.
import { LIMITS, flag, optional, text } from '../action-body';
import { STOP, defineAction, invalidTransition, start } from '../action-definition';
import { cancel } from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

export const OUTCOME_ACTIONS = {
  approve_result: defineAction({
    label: 'Duyệt kết quả',
    body: {},
    parties: ['screener'],
    from: ['pending_review'],
    to: 'resolved',
    events: ['report.result_approved'],
    internal: false,
    clock: STOP,
    effect: ({ ctx }) => ({ patch: { resolvedAt: ctx.now }, data: {} }),
  }),

  send_back: defineAction({
    label: 'Yêu cầu xử lý lại',
    body: { reason: text(LIMITS.shortText) },
    parties: ['screener'],
    from: ['pending_review'],
    to: 'in_progress',
    events: ['report.sent_back'],
    internal: true,
    clock: start('resolution', false),
    effect: ({ cmd }) => ({ data: { reason: cmd.reason } }),
  }),

  reopen: defineAction({
    label: 'Mở lại',
    body: { reason: text(LIMITS.shortText) },
    parties: ['reporter', 'screener'],
    from: ['resolved'],
    to: 'in_progress',
    events: ['report.reopened'],
    internal: false,
    clock: start('resolution'),
    // The screener may reopen at any time; the reporter only within the window after resolution.
    guard: ({ report, ctx, parties }) => {
      if (parties.includes('screener')) return null;
      const { reopenWindowDays } = ctx.limits;
      const resolvedAt = report.resolvedAt;
      return resolvedAt && ctx.now.getTime() - resolvedAt.getTime() <= reopenWindowDays * DAY_MS
        ? null
        : invalidTransition(`A citizen may reopen only within ${reopenWindowDays} days of resolution`, {
            reason: 'reopen_window_expired',
            resolvedAt: resolvedAt?.toISOString() ?? null,
            reopenWindowDays,
          });
    },
    // The old rating stays on record (timeline); `rated` is reset so the new result can be rated. The new round of
    // handling has a new deadline, so the agency's extension allowance starts again and a request left undecided
    // from the last round is dropped (it asked for more time on a deadline that is gone).
    effect: ({ cmd }) => ({
      patch: { rated: false, resolvedAt: null, reopened: true, extensionCount: 0, extensionRequest: null },
      data: { reason: cmd.reason },
    }),
  }),

  rate: defineAction({
    label: 'Đánh giá',
    body: { satisfied: flag(), comment: optional(text(LIMITS.shortText)) },
    parties: ['reporter'],
    from: ['resolved', 'closed'],
    to: 'same',
    events: ['report.rated'],
    internal: false,
    clock: null,
    guard: ({ report }) =>
      report.rated ? invalidTransition('This report has already been rated', { reason: 'already_rated' }) : null,
    effect: ({ cmd }) => {
      const rating = { satisfied: cmd.satisfied, comment: cmd.comment ?? null };
      return { patch: { rated: true, rating }, data: rating };
    },
  }),

  close: defineAction({
    label: 'Đóng phản ánh',
    body: {},
    parties: ['screener', 'system'],
    from: ['resolved'],
    to: 'closed',
    events: ['report.closed'],
    internal: false,
    clock: null,
    effect: ({ ctx }) => ({ patch: { closedAt: ctx.now }, data: {} }),
  }),

  no_response: defineAction({
    label: 'Hủy do không bổ sung thông tin',
    body: {},
    parties: ['system'],
    from: ['need_info'],
    to: 'cancelled',
    events: ['report.cancelled_no_response'],
    internal: false,
    clock: STOP,
    effect: ({ ctx }) => ({ patch: cancel('no_response', ctx.now), data: {} }),
  }),
};

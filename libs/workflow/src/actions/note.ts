// Notes: anyone working the case (and an integration, which may do nothing else) may add one at any status.
import { LIMITS, flag, text } from '../action-body';
import { defineAction } from '../action-definition';

export const NOTE_ACTIONS = {
  note: defineAction({
    label: 'Thêm ghi chú',
    body: { text: text(LIMITS.longText), internal: flag() },
    parties: ['screener', 'leader', 'agency', 'hotline_operator', 'integration'],
    from: 'any',
    to: 'same',
    events: ['report.note_added'],
    // The writer chooses: an internal note stays with staff, a public one reaches the reporter.
    internal: false,
    clock: null,
    effect: ({ cmd }) => ({ data: { text: cmd.text, internal: cmd.internal }, internal: cmd.internal }),
  }),
};

// Focused tests of the registry's guards and effects, and of the patches the matrix (workflow.spec.ts) does not
// look at. The bodies' own rules (required texts, ranges) are the route's: apps/api/src/reports/action-body.spec.ts.
import type { Role } from '../roles';
import { allowedActions, applyPatch, decide, replay } from '../workflow';
import type { Actor, Assignee, Decision, DecisionContext, ReportState } from '../workflow.types';
import { ACTION_NAMES, ACTION_SLUGS, ACTIONS, actionFromSlug, actionOfEvent, CLIENT_ACTIONS, type Command } from '.';

const NOW = new Date('2026-03-10T03:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({
  now: NOW,
  limits: { maxExtensions: 1, reopenWindowDays: 7 },
  agency: { id: 'agency-B' },
  ...over,
});
const report = (over: Partial<ReportState> = {}): ReportState => ({
  id: 'r-1',
  status: 'in_progress',
  agencyId: 'agency-A',
  reporterId: 'u-rep',
  channel: 'app',
  cancelReason: null,
  duplicateOfId: null,
  pausedFromStatus: null,
  resolvedAt: null,
  rated: false,
  extensionCount: 0,
  extensionRequest: null,
  firstAssignedAt: daysAgo(2),
  assigneeId: null,
  categoryId: 'cat-roads',
  priority: 'normal',
  location: { coordinates: [105.8482, 21.5942] },
  communeCode: '05500',
  suggestedAgencyId: 'agency-A',
  version: 1,
  ...over,
});
const user = (userId: string, roles: Role[], agencyId: string | null = null): Actor => ({
  kind: 'user',
  userId,
  roles,
  agencyId,
});
const screener = user('u-scr', ['screener']);
const officer = user('u-off', ['agency_officer'], 'agency-A');
const citizen = user('u-rep', ['citizen']);
const SYSTEM: Actor = { kind: 'system' };

function ok(d: Decision) {
  if (!d.ok) throw new Error(`expected success, got ${d.error.code}: ${d.error.message}`);
  return d;
}
const code = (d: Decision) => (d.ok ? 'ok' : d.error.code);
const details = (d: Decision) => (d.ok ? undefined : d.error.details);

describe('provide_info', () => {
  const waiting = report({ status: 'need_info', pausedFromStatus: 'in_progress' });
  it('accepts photos without text, and claims them with the event', () => {
    const d = ok(decide(waiting, { action: 'provide_info', attachmentIds: ['a1'] }, citizen, ctx()));
    expect(d.events[0].data).toEqual({ text: '', attachmentIds: ['a1'] });
    expect(d.attachments).toEqual(['a1']);
  });
  it('needs text or a photo', () => {
    const d = decide(waiting, { action: 'provide_info' }, citizen, ctx());
    expect(code(d)).toBe('VALIDATION_FAILED');
    expect(details(d)).toEqual({ fields: { text: ['required without attachmentIds'] } });
  });
});

describe('duplicates', () => {
  const received = report({ status: 'received', agencyId: null });
  const mark = (duplicateOfId: string, over: Partial<DecisionContext>) =>
    decide(received, { action: 'mark_duplicate', duplicateOfId }, screener, ctx(over));
  const master = { id: 'm-1', status: 'in_progress' as const, duplicateOfId: null };

  it('marks a duplicate of a valid master, whose followers its reporter joins', () => {
    const d = ok(mark('m-1', { duplicateMaster: master }));
    expect(d.patch).toEqual({ status: 'cancelled', cancelReason: 'duplicate', duplicateOfId: 'm-1', cancelledAt: NOW });
    expect(d.events[0].data).toEqual({ duplicateOfId: 'm-1' });
    expect(d.follows).toEqual([{ reportId: 'm-1', userId: 'u-rep', via: 'duplicate' }]);
  });
  it('refuses a duplicate of itself', () => {
    expect(code(mark('r-1', { duplicateMaster: { ...master, id: 'r-1' } }))).toBe('VALIDATION_FAILED');
  });
  it('refuses a master that was not found', () => {
    expect(details(mark('m-1', { duplicateMaster: null }))).toMatchObject({ reason: 'not_found' });
  });
  // The second row keeps the duplicate link alone (status not cancelled), so each half of the rule is tested.
  it.each(['cancelled', 'received'] as const)('refuses a master that is itself a duplicate (status %s)', (status) => {
    const d = mark('m-1', { duplicateMaster: { id: 'm-1', status, duplicateOfId: 'm-0' } });
    expect(code(d)).toBe('VALIDATION_FAILED');
    expect(details(d)).toMatchObject({ reason: 'master_not_eligible' });
  });
  it('refuses a cancelled master', () => {
    expect(code(mark('m-1', { duplicateMaster: { ...master, status: 'cancelled' } }))).toBe('VALIDATION_FAILED');
  });
  it('refuses to make a master into a duplicate', () => {
    expect(code(mark('m-1', { duplicateMaster: master, reportHasDuplicates: true }))).toBe('INVALID_TRANSITION');
  });
  it('unmarks only a duplicate, back to screening without agency', () => {
    const dup = report({ status: 'cancelled', cancelReason: 'duplicate', duplicateOfId: 'm-1', agencyId: 'agency-A' });
    const d = ok(decide(dup, { action: 'unmark_duplicate' }, screener, ctx()));
    expect(d.patch).toMatchObject({ status: 'received', cancelReason: null, duplicateOfId: null, agencyId: null });
    const spam = report({ status: 'cancelled', cancelReason: 'spam' });
    expect(details(decide(spam, { action: 'unmark_duplicate' }, screener, ctx()))).toMatchObject({
      reason: 'not_a_duplicate',
    });
  });
});

describe('reopen window', () => {
  const reopen = (resolvedDaysAgo: number, actor: Actor) =>
    decide(
      report({ status: 'resolved', resolvedAt: daysAgo(resolvedDaysAgo), rated: true }),
      { action: 'reopen', reason: 'Still broken' },
      actor,
      ctx(),
    );

  it('refuses the reporter after 8 days', () => {
    const d = reopen(8, citizen);
    expect(code(d)).toBe('INVALID_TRANSITION');
    expect(details(d)).toMatchObject({ reason: 'reopen_window_expired', currentStatus: 'resolved', action: 'reopen' });
  });
  it.each([1, 6.9, 7])('accepts the reporter %s days after resolution', (days) => {
    const d = ok(reopen(days, citizen));
    expect(d.patch).toEqual({
      status: 'in_progress',
      rated: false,
      resolvedAt: null,
      reopened: true,
      extensionCount: 0,
      extensionRequest: null,
    });
    expect(d.clock).toEqual({ kind: 'start', stage: 'resolution', fresh: true });
  });
  it('gives the reopened round its own extension allowance: the old count and an undecided request are gone', () => {
    const extended = report({
      status: 'resolved',
      resolvedAt: daysAgo(1),
      extensionCount: 1,
      extensionRequest: { workingDays: 3, reason: 'late parts' },
    });
    expect(allowedActions(extended, officer, ctx())).not.toContain('request_extension');
    const d = ok(decide(extended, { action: 'reopen', reason: 'Still broken' }, citizen, ctx()));
    const reopened = applyPatch(extended, d.patch);
    expect(reopened).toMatchObject({ status: 'in_progress', extensionCount: 0, extensionRequest: null });
    expect(allowedActions(reopened, officer, ctx())).toContain('request_extension');
  });

  it('lets the screener reopen at any time', () => {
    expect(ok(reopen(60, screener)).patch.status).toBe('in_progress');
  });
  it('refuses another citizen even within the window', () => {
    expect(details(reopen(1, user('u-x', ['citizen'])))).toMatchObject({ reason: 'not_reporter' });
  });
});

describe('rating', () => {
  it('records the first rating and refuses a second', () => {
    const r = report({ status: 'resolved', resolvedAt: daysAgo(1) });
    const d = ok(decide(r, { action: 'rate', satisfied: false, comment: 'slow' }, citizen, ctx()));
    expect(d.patch).toEqual({ rated: true, rating: { satisfied: false, comment: 'slow' } });
    const again = decide(applyPatch(r, d.patch), { action: 'rate', satisfied: true }, citizen, ctx());
    expect(details(again)).toMatchObject({ reason: 'already_rated' });
  });
});

describe('extensions', () => {
  const ask = (r: ReportState, workingDays: number, over?: Partial<DecisionContext>) =>
    decide(r, { action: 'request_extension', workingDays, reason: 'parts' }, officer, ctx(over));

  it('asks for the working days of the body (its field bounds them: 1 to 5)', () => {
    expect(ok(ask(report(), 5)).patch).toEqual({ extensionRequest: { workingDays: 5, reason: 'parts' } });
    expect(ACTIONS.request_extension.body.workingDays).toEqual({ kind: 'integer', minimum: 1, maximum: 5 });
  });
  it('refuses a second extension', () => {
    expect(details(ask(report({ extensionCount: 1 }), 2))).toMatchObject({ reason: 'extension_limit_reached' });
    expect(ok(ask(report({ extensionCount: 1 }), 2, { limits: { maxExtensions: 2, reopenWindowDays: 7 } })));
  });
  it('refuses a request while one is pending', () => {
    expect(details(ask(report({ extensionRequest: { workingDays: 2, reason: 'x' } }), 2))).toMatchObject({
      reason: 'extension_pending',
    });
  });
  it('approval extends the clock and counts; denial clears without clock change', () => {
    const r = report({ extensionRequest: { workingDays: 4, reason: 'parts' } });
    const yes = ok(decide(r, { action: 'approve_extension' }, user('u-l', ['leader']), ctx()));
    expect(yes.patch).toEqual({ extensionCount: 1, extensionRequest: null });
    expect(yes.clock).toEqual({ kind: 'extend', workingDays: 4 });
    const no = ok(decide(r, { action: 'deny_extension', reason: 'no' }, screener, ctx()));
    expect(no.patch).toEqual({ extensionRequest: null });
    expect(no.clock).toBeUndefined();
    expect(details(decide(report(), { action: 'approve_extension' }, screener, ctx()))).toMatchObject({
      reason: 'no_pending_extension',
    });
  });
});

describe('urge', () => {
  it("records the centre's words for the agency holding the case, and changes nothing of it", () => {
    const d = ok(decide(report(), { action: 'urge', note: 'Trước 17 giờ' }, screener, ctx()));
    expect(d.patch).toEqual({});
    expect(d.clock).toBeUndefined();
    expect(d.events).toEqual([
      {
        type: 'report.urged',
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        internal: true,
        data: { agencyId: 'agency-A', note: 'Trước 17 giờ' },
      },
    ]);
    expect(ok(decide(report({ status: 'assigned' }), { action: 'urge' }, screener, ctx())).events[0].data).toEqual({
      agencyId: 'agency-A',
      note: null,
    });
  });
  it("is the centre's, while an agency holds the case", () => {
    expect(code(decide(report(), { action: 'urge' }, officer, ctx()))).toBe('FORBIDDEN');
    expect(code(decide(report({ status: 'pending_review' }), { action: 'urge' }, screener, ctx()))).toBe(
      'INVALID_TRANSITION',
    );
  });
});

describe('need_info', () => {
  it('provide_info returns to the paused status and clears it', () => {
    const asked = ok(decide(report(), { action: 'request_info', question: 'Which post?' }, officer, ctx()));
    expect(asked.patch).toEqual({ status: 'need_info', pausedFromStatus: 'in_progress' });
    expect(asked.clock).toEqual({ kind: 'pause' });
    const waiting = applyPatch(report(), asked.patch);
    const answered = ok(decide(waiting, { action: 'provide_info', text: 'Post 14' }, citizen, ctx()));
    expect(answered.patch).toEqual({ status: 'in_progress', pausedFromStatus: null });
    expect(answered.clock).toEqual({ kind: 'resume' });
  });
  it('falls back to received when the paused status is missing', () => {
    const d = ok(decide(report({ status: 'need_info' }), { action: 'provide_info', text: 'x' }, citizen, ctx()));
    expect(d.patch.status).toBe('received');
  });
  it('an operator answers for a hotline caller only', () => {
    const op = user('u-op', ['operator']);
    const r = report({ status: 'need_info', pausedFromStatus: 'received', agencyId: null });
    expect(code(decide({ ...r, channel: 'hotline' }, { action: 'provide_info', text: 'x' }, op, ctx()))).toBe('ok');
    expect(details(decide(r, { action: 'provide_info', text: 'x' }, op, ctx()))).toMatchObject({
      reason: 'not_hotline_report',
    });
  });
});

describe('assignment and return', () => {
  it('refuses a reassignment to the same agency as a conflict with the current state', () => {
    expect(code(decide(report(), { action: 'assign', agencyId: 'agency-A' }, screener, ctx()))).toBe(
      'INVALID_TRANSITION',
    );
  });
  it('refuses an agency that does not exist or is inactive (the service loads it: ctx.agency)', () => {
    const d = decide(
      report({ status: 'received', agencyId: null }),
      { action: 'assign', agencyId: 'agency-B' },
      screener,
      ctx({ agency: null }),
    );
    expect(d).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Unknown agency',
        details: { fields: { agencyId: ['no such agency'] } },
      },
    });
  });
  it('records the first assignment once', () => {
    const first = ok(
      decide(
        report({ status: 'received', agencyId: null, firstAssignedAt: null }),
        { action: 'assign', agencyId: 'agency-B' },
        screener,
        ctx(),
      ),
    );
    expect(first.patch).toEqual({ status: 'assigned', agencyId: 'agency-B', firstAssignedAt: NOW });
    expect(first.events[0].type).toBe('report.assigned');
  });
  it('reassigns to another agency and resets extensions', () => {
    const d = ok(decide(report({ extensionCount: 1 }), { action: 'assign', agencyId: 'agency-B' }, screener, ctx()));
    expect(d.patch).toEqual({
      status: 'assigned',
      agencyId: 'agency-B',
      extensionCount: 0,
      extensionRequest: null,
      assigneeId: null,
      handedDown: null,
    });
    expect(d.events[0]).toMatchObject({
      type: 'report.reassigned',
      data: { agencyId: 'agency-B', previousAgencyId: 'agency-A', note: null },
    });
  });
  it('return clears the agency and names who returned it', () => {
    const d = ok(decide(report({ status: 'assigned' }), { action: 'return', reason: 'Not ours' }, officer, ctx()));
    expect(d.patch).toMatchObject({ status: 'received', agencyId: null });
    expect(d.events[0].data).toEqual({ reason: 'Not ours', returnedByAgencyId: 'agency-A' });
  });
  it('another agency is forbidden; a screener who is also the case officer may ask from in_progress', () => {
    const other = user('u-z', ['agency_officer'], 'agency-Z');
    expect(details(decide(report(), { action: 'acknowledge' }, other, ctx()))).toMatchObject({
      reason: 'not_case_agency',
    });
    const both = user('u-b', ['screener', 'agency_officer'], 'agency-A');
    expect(code(decide(report(), { action: 'request_info', question: 'q' }, both, ctx()))).toBe('ok');
  });
});

describe('delegate', () => {
  const head = user('u-head', ['agency_leader'], 'agency-A');
  const officerA2: Assignee = { id: 'u-off2', agencyId: 'agency-A', roles: ['agency_officer'], active: true };
  const delegate = (r: ReportState, assigneeId: string | null, actor = head, assignee: Assignee | null = officerA2) =>
    decide(r, { action: 'delegate', assigneeId, note: 'Tuyến phố của anh' }, actor, ctx({ assignee }));

  it("gives the case to an officer of the agency, recording who had it before; the case stays the agency's", () => {
    const d = ok(delegate(report({ assigneeId: 'u-off' }), 'u-off2'));
    expect(d.patch).toEqual({ assigneeId: 'u-off2' });
    expect(d.events[0]).toMatchObject({
      type: 'report.delegated',
      internal: true,
      data: { agencyId: 'agency-A', assigneeId: 'u-off2', previousAssigneeId: 'u-off', note: 'Tuyến phố của anh' },
    });
  });
  it('clears it with null, and refuses to clear what is not delegated or to repeat a delegation (409)', () => {
    expect(ok(delegate(report({ assigneeId: 'u-off' }), null)).patch).toEqual({ assigneeId: null });
    expect(details(delegate(report(), null))).toMatchObject({ reason: 'not_delegated' });
    const again = delegate(report({ assigneeId: 'u-off2' }), 'u-off2');
    expect(code(again)).toBe('INVALID_TRANSITION');
    expect(details(again)).toMatchObject({ reason: 'already_delegated', currentStatus: 'in_progress' });
  });
  it.each([
    ['assignee_not_found', null],
    ['assignee_not_officer', { ...officerA2, agencyId: null, roles: ['citizen'] }],
    ['assignee_other_agency', { ...officerA2, agencyId: 'agency-Z' }],
    ['assignee_inactive', { ...officerA2, active: false }],
  ])('refuses an assignee who is not an active officer of the agency: %s', (reason, assignee) => {
    const d = delegate(report(), 'u-off2', head, assignee);
    expect(code(d)).toBe('VALIDATION_FAILED');
    expect(details(d)).toMatchObject({ reason, fields: { assigneeId: [expect.any(String)] } });
  });
  it("is the case agency's leader's: an officer of the agency, another agency's leader and the centre are refused", () => {
    expect(details(delegate(report(), 'u-off2', officer))).toMatchObject({ reason: 'not_agency_leader' });
    const otherHead = user('u-head-z', ['agency_leader'], 'agency-Z');
    expect(details(delegate(report(), 'u-off2', otherHead))).toMatchObject({ reason: 'not_case_agency' });
    expect(details(delegate(report(), 'u-off2', screener))).toMatchObject({ reason: 'role_not_allowed' });
  });
  it('goes when the case leaves the agency: returned, reassigned, unmarked', () => {
    const held = report({ status: 'assigned', assigneeId: 'u-off' });
    expect(ok(decide(held, { action: 'return', reason: 'Không thuộc' }, officer, ctx())).patch.assigneeId).toBeNull();
    expect(ok(decide(held, { action: 'assign', agencyId: 'agency-B' }, screener, ctx())).patch.assigneeId).toBeNull();
    const dup = report({ status: 'cancelled', cancelReason: 'duplicate', duplicateOfId: 'm-1', assigneeId: 'u-off' });
    expect(ok(decide(dup, { action: 'unmark_duplicate' }, screener, ctx())).patch.assigneeId).toBeNull();
    // A case that stays with its agency keeps its officer.
    expect(ok(decide(held, { action: 'acknowledge' }, officer, ctx())).patch).not.toHaveProperty('assigneeId');
    expect(applyPatch(held, { assigneeId: 'u-off2' }).assigneeId).toBe('u-off2');
  });
});

describe('reclassify', () => {
  const reclassify = (r: ReportState, body: Omit<Extract<Command, { action: 'reclassify' }>, 'action'>, over = {}) =>
    decide(r, { action: 'reclassify', ...body }, screener, ctx({ suggestedAgencyId: 'agency-L', ...over }));

  it('records each change as old → new, with routing suggested again, and asks for the deadlines to be recomputed', () => {
    const d = ok(
      reclassify(
        report(),
        { categoryId: 'cat-lights', priority: 'urgent', location: { lat: 21.6, lng: 105.85 }, reason: 'Đèn đường' },
        { category: { id: 'cat-lights' }, commune: { code: '05510' } },
      ),
    );
    expect(d.patch).toEqual({
      categoryId: 'cat-lights',
      priority: 'urgent',
      location: { lat: 21.6, lng: 105.85 },
      communeCode: '05510',
      suggestedAgencyId: 'agency-L',
    });
    expect(d.events[0]).toMatchObject({ type: 'report.reclassified', internal: true, fromStatus: 'in_progress' });
    expect(d.events[0].data).toEqual({
      category: { from: 'cat-roads', to: 'cat-lights' },
      priority: { from: 'normal', to: 'urgent' },
      location: { from: { lat: 21.5942, lng: 105.8482 }, to: { lat: 21.6, lng: 105.85 } },
      commune: { from: '05500', to: '05510' },
      address: null,
      suggestedAgencyId: { from: 'agency-A', to: 'agency-L' },
      reason: 'Đèn đường',
    });
    expect(d.clock).toEqual({ kind: 'recompute' });
    // The case stays where it is: moving it is assign's.
    expect(d.patch).not.toHaveProperty('agencyId');
  });
  it('leaves unchanged what is not given or given as it is', () => {
    const d = ok(
      reclassify(report(), { priority: 'urgent', categoryId: 'cat-roads' }, { category: { id: 'cat-roads' } }),
    );
    expect(d.patch).toEqual({ priority: 'urgent', suggestedAgencyId: 'agency-L' });
    expect(d.events[0].data).toMatchObject({ category: null, location: null, commune: null });
  });
  it('keeps the commune when a new point lies in no mapped commune', () => {
    const d = ok(reclassify(report(), { location: { lat: 21.6, lng: 105.85 } }, { commune: null }));
    expect(d.patch).not.toHaveProperty('communeCode');
  });
  it('refuses nothing to change (400), the same classification (409), an unknown category or commune (400)', () => {
    expect(code(reclassify(report(), {}))).toBe('VALIDATION_FAILED');
    expect(details(reclassify(report(), { priority: 'normal' }))).toMatchObject({ reason: 'no_change' });
    expect(details(reclassify(report(), { categoryId: 'cat-x' }, { category: null }))).toMatchObject({
      fields: { categoryId: ['no such active category'] },
    });
    expect(details(reclassify(report(), { communeCode: '99999' }, { commune: null }))).toMatchObject({
      fields: { communeCode: ['no such commune'] },
    });
  });
  it.each(['resolved', 'closed', 'cancelled'] as const)('refuses a %s case with INVALID_TRANSITION', (status) => {
    const d = reclassify(report({ status }), { priority: 'urgent' });
    expect(code(d)).toBe('INVALID_TRANSITION');
    expect(details(d)).toMatchObject({ currentStatus: status, allowedFrom: expect.arrayContaining(['received']) });
  });
});

describe('notes, errors, slugs', () => {
  it.each([true, false])('note internal=%s sets the event flag', (internal) => {
    const d = ok(decide(report(), { action: 'note', text: 'called', internal }, screener, ctx()));
    expect(d.events[0]).toMatchObject({ type: 'report.note_added', internal, data: { text: 'called', internal } });
    expect(d.patch).toEqual({});
  });
  it('refuses an unknown action', () => {
    expect(code(decide(report(), { action: 'explode' } as unknown as Command, screener, ctx()))).toBe(
      'VALIDATION_FAILED',
    );
  });
  it('maps every slug to its action and nothing else', () => {
    for (const a of ACTION_NAMES) expect(actionFromSlug(ACTION_SLUGS[a])).toBe(a);
    expect(actionFromSlug('request-info')).toBe('request_info');
    expect(actionFromSlug('request_info')).toBeUndefined();
    expect(actionFromSlug('constructor')).toBeUndefined();
  });
  it('maps each event to the action that records it', () => {
    expect(actionOfEvent('report.reassigned')).toBe('assign');
    expect(actionOfEvent('report.cancelled_no_response')).toBe('no_response');
    expect(actionOfEvent('report.overdue')).toBeUndefined();
  });
});

describe('allowedActions', () => {
  it('offers what the parties, the status and the guards allow, as the route takes them', () => {
    const received = report({ status: 'received', agencyId: null });
    expect(allowedActions(received, screener, ctx())).toEqual([
      'assign',
      'reclassify',
      'request_info',
      'reject',
      'mark_duplicate',
      'note',
    ]);
    expect(allowedActions(received, citizen, ctx())).toEqual(['withdraw']);
    expect(allowedActions(report(), officer, ctx())).toEqual([
      'request_info',
      'return',
      'request_extension',
      'submit_result',
      'note',
    ]);
    // Their leader may also delegate the case, or hand it down to a unit.
    expect(allowedActions(report(), user('u-head', ['agency_leader'], 'agency-A'), ctx())).toEqual([
      'request_info',
      'return',
      'request_extension',
      'submit_result',
      'delegate',
      'hand_down',
      'note',
    ]);
    // A pending request: no second one; the centre may decide it.
    const pending = report({ extensionRequest: { workingDays: 2, reason: 'x' } });
    expect(allowedActions(pending, officer, ctx())).not.toContain('request_extension');
    expect(allowedActions(pending, user('u-l', ['leader']), ctx())).toEqual([
      'approve_extension',
      'deny_extension',
      'urge',
      'note',
    ]);
    expect(allowedActions(report({ status: 'resolved', resolvedAt: daysAgo(8) }), citizen, ctx())).toEqual(['rate']);
  });
  it("never offers the system's own actions, which have no route", () => {
    expect(CLIENT_ACTIONS).not.toContain('no_response');
    expect(CLIENT_ACTIONS).toContain('close');
  });
});

describe('timeline replay', () => {
  it('a full lifecycle replays to the stored status', () => {
    const steps: [Command, Actor][] = [
      [{ action: 'assign', agencyId: 'agency-A' }, screener],
      [{ action: 'acknowledge' }, officer],
      [{ action: 'request_info', question: 'Which post?' }, officer],
      [{ action: 'provide_info', text: 'Post 14' }, citizen],
      [{ action: 'submit_result', text: 'Fixed' }, officer],
      [{ action: 'send_back', reason: 'No photo' }, screener],
      [{ action: 'submit_result', text: 'Fixed, photo attached', attachmentIds: ['p1'] }, officer],
      [{ action: 'approve_result' }, screener],
      [{ action: 'rate', satisfied: false }, citizen],
      [{ action: 'reopen', reason: 'Broken again' }, citizen],
      [{ action: 'submit_result', text: 'Fixed for good' }, officer],
      [{ action: 'approve_result' }, screener],
      [{ action: 'rate', satisfied: true }, citizen],
      [{ action: 'close' }, SYSTEM],
    ];
    const initial = report({ status: 'received', agencyId: null });
    let state = initial;
    const events = steps.flatMap(([cmd, actor]) => {
      const d = ok(decide(state, cmd, actor, ctx({ agency: { id: 'agency-A' } })));
      state = applyPatch(state, d.patch);
      return d.events;
    });
    expect(state).toMatchObject({
      status: 'closed',
      agencyId: 'agency-A',
      rated: true,
      resolvedAt: NOW,
      pausedFromStatus: null,
    });
    expect(replay(initial, events)).toBe(state.status);
    expect(() => replay(initial, events.slice(1))).toThrow(/Timeline broken at event 0/);
  });
});

describe('integrations', () => {
  const integration: Actor = { kind: 'integration', userId: 'u-int' };
  it('may add a note on any status', () => {
    for (const status of ['received', 'in_progress', 'closed'] as const) {
      const d = ok(
        decide(report({ status }), { action: 'note', text: 'Cập nhật từ LGSP', internal: false }, integration, ctx()),
      );
      expect(d.events[0]).toMatchObject({ type: 'report.note_added', fromStatus: status, toStatus: status });
    }
  });
  it('may not move a case', () => {
    expect(code(decide(report(), { action: 'assign', agencyId: 'agency-B' }, integration, ctx()))).toBe('FORBIDDEN');
    expect(
      code(decide(report({ status: 'received' }), { action: 'reject', reason: 'spam', note: 'x' }, integration, ctx())),
    ).toBe('FORBIDDEN');
  });
});

describe('hand_down, hand_up, pull_back (docs/domain.md#passing-a-case-down)', () => {
  const leaderA = user('u-head-a', ['agency_leader'], 'agency-A');
  const unitOfficer = user('u-off-u', ['agency_officer'], 'agency-U');
  const given = new Date('2026-03-20T10:00:00Z');
  const unit = { id: 'agency-U', parentId: 'agency-A', active: true };
  const held = report({ status: 'in_progress', resolutionDueAt: given, assigneeId: 'u-off' });
  const down = (over: Partial<DecisionContext> = {}, workingDays?: number) =>
    decide(
      held,
      { action: 'hand_down', agencyId: 'agency-U', ...(workingDays ? { workingDays } : {}) },
      leaderA,
      ctx({ unit, ...over }),
    );

  it('gives the case to a unit of its agency, keeping the deadline or a shorter one, and remembers both', () => {
    const kept = ok(down());
    expect(kept.patch).toEqual({
      agencyId: 'agency-U',
      assigneeId: null,
      extensionRequest: null,
      handedDown: { fromAgencyId: 'agency-A', resolutionDueAt: given.toISOString(), at: NOW.toISOString() },
    });
    expect(kept.clock).toEqual({ kind: 'set_resolution', dueAt: null });
    expect(kept.events[0]).toMatchObject({
      type: 'report.handed_down',
      internal: true,
      data: { agencyId: 'agency-U', previousAgencyId: 'agency-A', resolutionDueAt: given.toISOString(), note: null },
    });
    const shorter = new Date('2026-03-16T10:00:00Z');
    const d = ok(down({ handDownDueAt: shorter }, 3));
    expect(d.clock).toEqual({ kind: 'set_resolution', dueAt: shorter });
    expect(d.events[0].data).toMatchObject({ resolutionDueAt: shorter.toISOString() });
  });

  it('never gives the unit longer than the agency was given, nor a case to anyone but its own active unit', () => {
    const longer = down({ handDownDueAt: new Date('2026-03-25T10:00:00Z') }, 10);
    expect([code(longer), details(longer)?.reason]).toEqual(['VALIDATION_FAILED', 'deadline_beyond_given']);
    const reasons = [
      ctx({ unit: null }),
      ctx({ unit: { ...unit, parentId: 'agency-Z' } }),
      ctx({ unit: { ...unit, parentId: null } }),
      ctx({ unit: { ...unit, active: false } }),
    ].map((c) => details(decide(held, { action: 'hand_down', agencyId: 'agency-U' }, leaderA, c))?.reason);
    expect(reasons).toEqual(['unit_not_found', 'not_child_unit', 'not_child_unit', 'unit_inactive']);
    // An officer may not; a case already with a unit is not handed further.
    expect(code(decide(held, { action: 'hand_down', agencyId: 'agency-U' }, officer, ctx({ unit })))).toBe('FORBIDDEN');
    const atUnit = report({
      agencyId: 'agency-A',
      handedDown: { fromAgencyId: 'agency-P', resolutionDueAt: null, at: '' },
    });
    const again = decide(atUnit, { action: 'hand_down', agencyId: 'agency-U' }, leaderA, ctx({ unit }));
    expect([code(again), details(again)?.reason]).toEqual(['INVALID_TRANSITION', 'already_handed_down']);
  });

  it('goes back up with the deadline the agency had, by the unit (with a reason) or pulled back by that agency', () => {
    const atUnit = applyPatch({ ...held, resolutionDueAt: new Date('2026-03-16T10:00:00Z') }, ok(down()).patch);
    const up = ok(decide(atUnit, { action: 'hand_up', reason: 'Vượt thẩm quyền' }, unitOfficer, ctx()));
    expect(up.patch).toEqual({ agencyId: 'agency-A', assigneeId: null, extensionRequest: null, handedDown: null });
    expect(up.clock).toEqual({ kind: 'set_resolution', dueAt: given });
    expect(up.events[0]).toMatchObject({
      type: 'report.handed_up',
      data: { agencyId: 'agency-A', previousAgencyId: 'agency-U', reason: 'Vượt thẩm quyền' },
    });
    const pulled = ok(decide(atUnit, { action: 'pull_back', reason: 'Trực tiếp xử lý' }, leaderA, ctx()));
    expect(pulled.events[0].type).toBe('report.pulled_back');
    expect(allowedActions(atUnit, leaderA, ctx())).toEqual(['pull_back']);
    // Another agency's leader may not; nothing to hand up or pull back when it was not handed down.
    expect(
      code(decide(atUnit, { action: 'pull_back', reason: 'x' }, user('u-z', ['agency_leader'], 'agency-Z'), ctx())),
    ).toBe('FORBIDDEN');
    const notDown = decide(held, { action: 'hand_up', reason: 'x' }, officer, ctx());
    expect([code(notDown), details(notDown)?.reason]).toEqual(['INVALID_TRANSITION', 'not_handed_down']);
    // Leaving the agency (returned to the centre) ends the hand-down too.
    const returned = ok(decide(atUnit, { action: 'return', reason: 'Không thuộc thẩm quyền' }, unitOfficer, ctx()));
    expect(returned.patch.handedDown).toBeNull();
  });
});

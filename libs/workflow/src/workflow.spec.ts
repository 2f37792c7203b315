// Walks every status scenario × action × actor × channel against an expectation table written here by hand
// from docs/domain.md#actions, independently of the registry (actions/). Allowed combinations must give the expected status, event and
// clock; every other combination must be refused with FORBIDDEN (wrong party) or INVALID_TRANSITION (wrong status),
// and allowedActions must offer exactly the allowed ones.
import { ACTION_NAMES, type ActionName, type Command } from './actions';
import type { EventType } from './events';
import { ROLES, type Role } from './roles';
import { allowedActions, decide } from './workflow';
import {
  type Actor,
  type ClockChange,
  type DecisionContext,
  REPORT_STATUSES,
  type ReportState,
  type ReportStatus,
} from './workflow.types';

const NOW = new Date('2026-03-10T03:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

const SCENARIOS = {
  received: { status: 'received', agencyId: null },
  need_info_from_received: { status: 'need_info', agencyId: null, pausedFromStatus: 'received' },
  need_info_from_in_progress: { status: 'need_info', agencyId: 'agency-A', pausedFromStatus: 'in_progress' },
  assigned: { status: 'assigned', agencyId: 'agency-A' },
  in_progress: { status: 'in_progress', agencyId: 'agency-A' },
  pending_review: { status: 'pending_review', agencyId: 'agency-A', resolvedAt: null },
  resolved: { status: 'resolved', agencyId: 'agency-A', resolvedAt: daysAgo(1) },
  closed: { status: 'closed', agencyId: 'agency-A', resolvedAt: daysAgo(9), rated: false },
  cancelled_duplicate: { status: 'cancelled', agencyId: null, cancelReason: 'duplicate', duplicateOfId: 'master-1' },
  cancelled_not_eligible: { status: 'cancelled', agencyId: null, cancelReason: 'not_eligible' },
} satisfies Record<string, Partial<ReportState> & { status: ReportStatus }>;
type Scenario = keyof typeof SCENARIOS;
const ALL_SCENARIOS = Object.keys(SCENARIOS) as Scenario[];
const NEED_INFO: Scenario[] = ['need_info_from_received', 'need_info_from_in_progress'];

const user = (userId: string, roles: Role[], agencyId: string | null = null): Actor => ({
  kind: 'user',
  userId,
  roles,
  agencyId,
});
const ACTORS = {
  system: { kind: 'system' },
  reporter: user('u-reporter', ['citizen']),
  otherCitizen: user('u-other', ['citizen']),
  operator: user('u-operator', ['operator']),
  screener: user('u-screener', ['screener']),
  caseOfficer: user('u-officer-a', ['agency_officer'], 'agency-A'),
  caseAgencyLeader: user('u-head-a', ['agency_leader'], 'agency-A'),
  otherOfficer: user('u-officer-z', ['agency_officer'], 'agency-Z'),
  otherAgencyLeader: user('u-head-z', ['agency_leader'], 'agency-Z'),
  /** The leader of agency-P, which handed the case down to agency-A (hand_up, pull_back scenarios). */
  parentAgencyLeader: user('u-head-p', ['agency_leader'], 'agency-P'),
  leader: user('u-leader', ['leader']),
  admin: user('u-admin', ['admin']),
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof ACTORS;
const CHANNELS = ['app', 'hotline'] as const;

/** Who may act, as the test understands it. */
type Who =
  | 'screener'
  | 'leader'
  | 'caseAgency'
  | 'caseAgencyLeader'
  | 'parentAgencyLeader'
  | 'reporter'
  | 'hotlineOperator'
  | 'system';
function qualifies(who: Who, actor: ActorKey, scenario: Scenario, channel: string): boolean {
  switch (who) {
    case 'caseAgency':
      return (actor === 'caseOfficer' || actor === 'caseAgencyLeader') && SCENARIOS[scenario].agencyId === 'agency-A';
    case 'caseAgencyLeader':
      return actor === 'caseAgencyLeader' && SCENARIOS[scenario].agencyId === 'agency-A';
    case 'parentAgencyLeader':
      return actor === 'parentAgencyLeader' && SCENARIOS[scenario].agencyId === 'agency-A';
    case 'hotlineOperator':
      return actor === 'operator' && channel === 'hotline';
    default:
      return actor === who;
  }
}

interface Expectation {
  who: Partial<Record<Who, Scenario[]>>;
  to: ReportStatus | 'same' | ((s: Scenario) => ReportStatus);
  event: EventType | ((s: Scenario) => EventType);
  internal: boolean;
  clock: string | null;
}

const EXPECTED: Record<ActionName, Expectation> = {
  assign: {
    who: { screener: ['received', 'assigned', 'in_progress'], system: ['received'] },
    to: 'assigned',
    event: (s) => (s === 'received' ? 'report.assigned' : 'report.reassigned'),
    internal: false,
    clock: 'start acknowledge fresh',
  },
  request_info: {
    who: { screener: ['received'], caseAgency: ['in_progress'] },
    to: 'need_info',
    event: 'report.info_requested',
    internal: false,
    clock: 'pause',
  },
  provide_info: {
    who: { reporter: NEED_INFO, hotlineOperator: NEED_INFO },
    to: (s) => (s === 'need_info_from_received' ? 'received' : 'in_progress'),
    event: 'report.info_provided',
    internal: false,
    clock: 'resume',
  },
  reject: {
    who: { screener: ['received', ...NEED_INFO] },
    to: 'cancelled',
    event: 'report.rejected',
    internal: false,
    clock: 'stop',
  },
  mark_duplicate: {
    who: { screener: ['received', ...NEED_INFO, 'assigned'] },
    to: 'cancelled',
    event: 'report.marked_duplicate',
    internal: false,
    clock: 'stop',
  },
  unmark_duplicate: {
    who: { screener: ['cancelled_duplicate'] },
    to: 'received',
    event: 'report.duplicate_unmarked',
    internal: false,
    clock: 'start screening fresh',
  },
  withdraw: {
    who: { reporter: ['received', ...NEED_INFO] },
    to: 'cancelled',
    event: 'report.withdrawn',
    internal: false,
    clock: 'stop',
  },
  acknowledge: {
    who: { caseAgency: ['assigned'] },
    to: 'in_progress',
    event: 'report.acknowledged',
    internal: false,
    clock: 'start resolution keep',
  },
  return: {
    who: { caseAgency: ['assigned', 'in_progress'] },
    to: 'received',
    event: 'report.returned',
    internal: true,
    clock: 'start screening fresh',
  },
  request_extension: {
    who: { caseAgency: ['in_progress'] },
    to: 'same',
    event: 'report.extension_requested',
    internal: true,
    clock: null,
  },
  approve_extension: {
    who: {
      screener: ['in_progress', 'need_info_from_in_progress', 'pending_review'],
      leader: ['in_progress', 'need_info_from_in_progress', 'pending_review'],
    },
    to: 'same',
    event: 'report.extension_approved',
    internal: true,
    clock: 'extend 3',
  },
  deny_extension: {
    who: {
      screener: ['in_progress', 'need_info_from_in_progress', 'pending_review'],
      leader: ['in_progress', 'need_info_from_in_progress', 'pending_review'],
    },
    to: 'same',
    event: 'report.extension_denied',
    internal: true,
    clock: null,
  },
  submit_result: {
    who: { caseAgency: ['in_progress'] },
    to: 'pending_review',
    event: 'report.result_submitted',
    internal: false,
    clock: 'start review fresh',
  },
  delegate: {
    who: { caseAgencyLeader: ['assigned', 'in_progress', 'need_info_from_in_progress', 'pending_review'] },
    to: 'same',
    event: 'report.delegated',
    internal: true,
    clock: null,
  },
  hand_down: {
    who: { caseAgencyLeader: ['assigned', 'in_progress'] },
    to: 'same',
    event: 'report.handed_down',
    internal: true,
    clock: 'set_resolution',
  },
  hand_up: {
    who: { caseAgency: ['assigned', 'in_progress'] },
    to: 'same',
    event: 'report.handed_up',
    internal: true,
    clock: 'set_resolution',
  },
  pull_back: {
    who: { parentAgencyLeader: ['assigned', 'in_progress'] },
    to: 'same',
    event: 'report.pulled_back',
    internal: true,
    clock: 'set_resolution',
  },
  reclassify: {
    who: { screener: ['received', ...NEED_INFO, 'assigned', 'in_progress', 'pending_review'] },
    to: 'same',
    event: 'report.reclassified',
    internal: true,
    clock: 'recompute',
  },
  urge: {
    who: { screener: ['assigned', 'in_progress'], leader: ['assigned', 'in_progress'] },
    to: 'same',
    event: 'report.urged',
    internal: true,
    clock: null,
  },
  approve_result: {
    who: { screener: ['pending_review'] },
    to: 'resolved',
    event: 'report.result_approved',
    internal: false,
    clock: 'stop',
  },
  send_back: {
    who: { screener: ['pending_review'] },
    to: 'in_progress',
    event: 'report.sent_back',
    internal: true,
    clock: 'start resolution keep',
  },
  reopen: {
    who: { reporter: ['resolved'], screener: ['resolved'] },
    to: 'in_progress',
    event: 'report.reopened',
    internal: false,
    clock: 'start resolution fresh',
  },
  rate: { who: { reporter: ['resolved', 'closed'] }, to: 'same', event: 'report.rated', internal: false, clock: null },
  close: {
    who: { screener: ['resolved'], system: ['resolved'] },
    to: 'closed',
    event: 'report.closed',
    internal: false,
    clock: null,
  },
  note: {
    who: { screener: ALL_SCENARIOS, leader: ALL_SCENARIOS, caseAgency: ALL_SCENARIOS, hotlineOperator: ALL_SCENARIOS },
    to: 'same',
    event: 'report.note_added',
    internal: false,
    clock: null,
  },
  no_response: {
    who: { system: NEED_INFO },
    to: 'cancelled',
    event: 'report.cancelled_no_response',
    internal: false,
    clock: 'stop',
  },
};

/** A valid body for every action, so that only party and status decide the outcome. */
const COMMANDS: Record<ActionName, Command> = {
  assign: { action: 'assign', agencyId: 'agency-C', note: 'ward works team' },
  request_info: { action: 'request_info', question: 'Which lamp post number?' },
  provide_info: { action: 'provide_info', text: 'Post 14', attachmentIds: ['att-1'] },
  reject: { action: 'reject', reason: 'not_eligible', note: 'A complaint: see the complaints office' },
  mark_duplicate: { action: 'mark_duplicate', duplicateOfId: 'master-1' },
  unmark_duplicate: { action: 'unmark_duplicate' },
  withdraw: { action: 'withdraw' },
  acknowledge: { action: 'acknowledge' },
  return: { action: 'return', reason: 'Not our jurisdiction' },
  request_extension: { action: 'request_extension', workingDays: 3, reason: 'Waiting for parts' },
  approve_extension: { action: 'approve_extension' },
  deny_extension: { action: 'deny_extension', reason: 'Not justified' },
  submit_result: { action: 'submit_result', text: 'Lamp replaced' },
  urge: { action: 'urge', note: 'Đề nghị xử lý trước 17 giờ' },
  delegate: { action: 'delegate', assigneeId: 'u-officer-a2', note: 'Anh Minh phụ trách tuyến này' },
  hand_down: { action: 'hand_down', agencyId: 'agency-U', note: 'Tổ quản lý đô thị xử lý' },
  hand_up: { action: 'hand_up', reason: 'Vượt thẩm quyền của tổ' },
  pull_back: { action: 'pull_back', reason: 'Lãnh đạo trực tiếp xử lý' },
  reclassify: { action: 'reclassify', categoryId: 'category-2', reason: 'Thuộc lĩnh vực chiếu sáng' },
  approve_result: { action: 'approve_result' },
  send_back: { action: 'send_back', reason: 'Photo missing' },
  reopen: { action: 'reopen', reason: 'Still dark' },
  rate: { action: 'rate', satisfied: true },
  close: { action: 'close' },
  note: { action: 'note', text: 'Called the caller back', internal: false },
  no_response: { action: 'no_response' },
};

function stateFor(scenario: Scenario, action: ActionName, channel: string): ReportState {
  const s: Partial<ReportState> & Pick<ReportState, 'status' | 'agencyId'> = SCENARIOS[scenario];
  return {
    id: 'report-1',
    reporterId: 'u-reporter',
    channel,
    cancelReason: null,
    duplicateOfId: null,
    pausedFromStatus: null,
    resolvedAt: null,
    rated: false,
    extensionCount: 0,
    firstAssignedAt: null,
    assigneeId: null,
    categoryId: 'category-1',
    priority: 'normal',
    location: { coordinates: [105.8482, 21.5942] },
    communeCode: null,
    suggestedAgencyId: 'agency-A',
    version: 4,
    // A pending extension request exists only while an agency holds the case, and only where it is decided.
    extensionRequest:
      (action === 'approve_extension' || action === 'deny_extension') && s.agencyId
        ? { workingDays: 3, reason: 'Waiting for parts' }
        : null,
    // Handed down by agency-P only where it is handed back up or pulled back.
    handedDown:
      (action === 'hand_up' || action === 'pull_back') && s.agencyId
        ? { fromAgencyId: 'agency-P', resolutionDueAt: NOW.toISOString(), at: daysAgo(1).toISOString() }
        : null,
    ...s,
  };
}

const ctx: DecisionContext = {
  now: NOW,
  duplicateMaster: { id: 'master-1', status: 'in_progress', duplicateOfId: null },
  agency: { id: 'agency-C' },
  assignee: { id: 'u-officer-a2', agencyId: 'agency-A', roles: ['agency_officer'], active: true },
  category: { id: 'category-2' },
  suggestedAgencyId: 'agency-C',
  unit: { id: 'agency-U', parentId: 'agency-A', active: true },
  limits: { maxExtensions: 1, reopenWindowDays: 7 },
};

const showClock = (c: ClockChange | undefined): string | null =>
  !c
    ? null
    : c.kind === 'start'
      ? `start ${c.stage} ${c.fresh ? 'fresh' : 'keep'}`
      : c.kind === 'extend'
        ? `extend ${c.workingDays}`
        : c.kind;

type Outcome =
  | { ok: true; status: ReportStatus; event: EventType; internal: boolean; clock: string | null }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' };

function expected(action: ActionName, scenario: Scenario, actor: ActorKey, channel: string): Outcome {
  const e = EXPECTED[action];
  const entries = (Object.entries(e.who) as [Who, Scenario[]][]).filter(([w]) =>
    qualifies(w, actor, scenario, channel),
  );
  if (entries.length === 0) return { ok: false, code: 'FORBIDDEN' };
  if (!entries.some(([, from]) => from.includes(scenario))) return { ok: false, code: 'INVALID_TRANSITION' };
  const status = SCENARIOS[scenario].status;
  return {
    ok: true,
    status: e.to === 'same' ? status : typeof e.to === 'function' ? e.to(scenario) : e.to,
    event: typeof e.event === 'function' ? e.event(scenario) : e.event,
    internal: e.internal,
    clock: e.clock,
  };
}

const CASES = ACTION_NAMES.flatMap((action) =>
  ALL_SCENARIOS.flatMap((scenario) =>
    (Object.keys(ACTORS) as ActorKey[]).flatMap((actor) =>
      CHANNELS.map((channel) => ({
        action,
        scenario,
        actor,
        channel,
        want: expected(action, scenario, actor, channel),
      })),
    ),
  ),
);

describe('workflow matrix: every status × action × actor × channel', () => {
  it('covers every status, action and role, and allows each action somewhere', () => {
    expect(new Set(Object.values(SCENARIOS).map((s) => s.status))).toEqual(new Set(REPORT_STATUSES));
    expect(Object.keys(COMMANDS).sort()).toEqual([...ACTION_NAMES].sort());
    const roles = Object.values(ACTORS).flatMap((a) => (a.kind === 'user' ? a.roles : []));
    expect(new Set(roles)).toEqual(new Set(ROLES));
    for (const action of ACTION_NAMES) {
      expect(CASES.some((c) => c.action === action && c.want.ok)).toBe(true);
    }
    expect(CASES).toHaveLength(ACTION_NAMES.length * ALL_SCENARIOS.length * Object.keys(ACTORS).length * 2);
  });

  describe.each(ACTION_NAMES)('%s', (action) => {
    it.each(CASES.filter((c) => c.action === action))(
      '$scenario by $actor via $channel',
      ({ scenario, actor, channel, want }) => {
        const report = stateFor(scenario, action, channel);
        const d = decide(report, COMMANDS[action], ACTORS[actor], ctx);
        if (!want.ok) {
          expect(d.ok ? 'ok' : d.error.code).toBe(want.code);
          if (!d.ok && d.error.code === 'INVALID_TRANSITION') {
            expect(d.error.details).toMatchObject({ currentStatus: report.status, action });
          }
          return;
        }
        if (!d.ok) throw new Error(`expected success, got ${d.error.code}: ${d.error.message}`);
        expect(d.patch.status ?? report.status).toBe(want.status);
        expect(d.events).toHaveLength(1);
        expect(d.events[0]).toMatchObject({
          type: want.event,
          fromStatus: report.status,
          toStatus: want.status,
          internal: want.internal,
        });
        expect(showClock(d.clock)).toBe(want.clock);
      },
    );
  });

  it("allowedActions offers exactly the allowed actions (never the system's own, which has no route)", () => {
    const wrong = CASES.filter(({ action, scenario, actor, channel, want }) => {
      const offered = allowedActions(stateFor(scenario, action, channel), ACTORS[actor], ctx).includes(action);
      return offered !== (want.ok && action !== 'no_response');
    }).map((c) => `${c.action} on ${c.scenario} by ${c.actor} via ${c.channel}`);
    expect(wrong).toEqual([]);
  });
});

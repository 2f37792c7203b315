import type { EventMap, EventType } from '@app/workflow';
import { planDeliveries, type Deliveries, type PolicyEvent, type PolicyReport } from './notification.policy';
import { rooms } from './realtime-rooms';

const REPORTER = 'u-reporter';
const FOLLOWER = 'u-follower';
const SCREENER = 'u-screener';
const OFFICER_A = 'u-officer-a';
const LEADER_A = 'u-leader-a';
const PROVINCE_LEADER = 'u-province-leader';
const OFFICER_B = 'u-officer-b';
const STAFF = [
  { id: OFFICER_A, agencyId: 'ag-a', roles: ['agency_officer'] },
  { id: LEADER_A, agencyId: 'ag-a', roles: ['agency_leader'] },
  { id: OFFICER_B, agencyId: 'ag-b', roles: ['agency_officer'] },
];

const report = (over: Partial<PolicyReport> = {}): PolicyReport => ({
  id: 'r1',
  code: 'PA-2026-000123',
  status: 'in_progress',
  agencyId: 'ag-a',
  reporterId: REPORTER,
  published: true,
  dueAt: '2026-03-02T03:00:00.000Z',
  description: 'Ổ gà lớn giữa đường Hoàng Văn Thụ',
  ...over,
});
const DUE = '2026-03-02T03:00:00.000Z';
type Envelope = Partial<Pick<PolicyEvent, 'fromStatus' | 'toStatus' | 'internal' | 'actorId'>>;
/** An event of `type` with the data it records; the envelope defaults to a public event of an in-progress case. */
const event = <E extends EventType>(type: E, data: EventMap[E], over: Envelope = {}): PolicyEvent =>
  ({
    id: 'e1',
    type,
    data,
    fromStatus: 'in_progress',
    toStatus: 'in_progress',
    internal: false,
    at: '2026-03-01T02:00:00.000Z',
    actorId: SCREENER,
    ...over,
  }) as PolicyEvent;
const created = (channel: string): EventMap['report.created'] => ({
  channel,
  categoryId: 'cat-1',
  priority: 'normal',
  suggestedAgencyId: null,
  dueAt: null,
});

/** Event names a room hears. */
const heard = (d: Deliveries, room: string) =>
  d.socket
    .filter((m) => m.rooms.includes(room))
    .map((m) => m.event)
    .sort();
const inbox = (d: Deliveries) => d.notifications.map((n) => n.userId).sort();

const U = rooms.user;
const A = rooms.agency;
const R = rooms.report('r1');
const RS = rooms.reportStaff('r1');

interface Row {
  name: string;
  event: PolicyEvent;
  report?: Partial<PolicyReport>;
  /** Default: one follower. A new report has none yet. */
  followers?: string[];
  /** room → the event names it hears; rooms not listed hear nothing. */
  hears: Record<string, string[]>;
  inbox: string[];
  /** A piece of text each inbox line for this user must contain. */
  text?: Record<string, string>;
}

const ROWS: Row[] = [
  {
    name: 'a report filed in the app reaches the centre; its author gets no inbox line about their own act',
    event: event('report.created', created('app'), { fromStatus: null, toStatus: 'received', actorId: REPORTER }),
    report: { status: 'received', agencyId: null },
    followers: [],
    hears: { [U(REPORTER)]: ['report.created'], [RS]: ['report.created'], [rooms.centre]: ['report.created'] },
    inbox: [],
  },
  {
    name: 'a report filed by the hotline tells the caller it was received',
    event: event('report.created', created('hotline'), {
      fromStatus: null,
      toStatus: 'received',
      actorId: 'u-operator',
    }),
    report: { status: 'received', agencyId: null },
    followers: [],
    hears: { [U(REPORTER)]: ['report.created'], [RS]: ['report.created'], [rooms.centre]: ['report.created'] },
    inbox: [REPORTER],
    text: { [REPORTER]: 'đã được tiếp nhận' },
  },
  {
    name: 'an assignment reaches reporter, follower, the agency (twice: status and assignment) and the centre',
    event: event(
      'report.assigned',
      { agencyId: 'ag-a', previousAgencyId: null, note: null },
      { fromStatus: 'received', toStatus: 'assigned' },
    ),
    report: { status: 'assigned' },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.assigned', 'report.status_changed'],
      [rooms.centre]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, LEADER_A, OFFICER_A, REPORTER],
    text: {
      [REPORTER]: 'Phản ánh PA-2026-000123 đã được chuyển xử lý',
      [FOLLOWER]: 'chuyển sang trạng thái: Đã chuyển xử lý',
      [OFFICER_A]: 'PA-2026-000123',
    },
  },
  {
    name: 'an internal note never reaches the reporter, the followers or public subscribers',
    event: event(
      'report.note_added',
      { text: 'Chờ máy thi công', internal: true },
      { internal: true, actorId: OFFICER_A },
    ),
    hears: { [A('ag-a')]: ['report.note_added'], [RS]: ['report.note_added'] },
    inbox: [],
  },
  {
    name: 'a public note reaches the reporter with its text; followers and the public hear nothing of it',
    event: event(
      'report.note_added',
      { text: 'Đã khảo sát hiện trường', internal: false },
      { internal: false, actorId: OFFICER_A },
    ),
    hears: { [U(REPORTER)]: ['report.note_added'], [RS]: ['report.note_added'], [A('ag-a')]: ['report.note_added'] },
    inbox: [REPORTER],
    text: { [REPORTER]: 'Đã khảo sát hiện trường' },
  },
  {
    name: 'overdue level 1 reaches the agency and the centre, not leadership; the agency leader gets an inbox line',
    event: event(
      'report.overdue',
      { level: 1, stage: 'resolution', dueAt: DUE, agencyId: 'ag-a' },
      { internal: true, actorId: null },
    ),
    hears: { [A('ag-a')]: ['report.overdue'], [rooms.centre]: ['report.overdue'], [RS]: ['report.overdue'] },
    inbox: [LEADER_A],
    text: { [LEADER_A]: 'quá hạn giải quyết' },
  },
  {
    name: "overdue level 2 also reaches leadership: its room and each provincial leader's inbox",
    event: event(
      'report.overdue',
      { level: 2, stage: 'resolution', dueAt: DUE, agencyId: 'ag-a' },
      { internal: true, actorId: null },
    ),
    hears: {
      [A('ag-a')]: ['report.overdue'],
      [rooms.centre]: ['report.overdue'],
      [rooms.leadership]: ['report.overdue'],
      [RS]: ['report.overdue'],
    },
    inbox: [LEADER_A, PROVINCE_LEADER],
    text: { [PROVINCE_LEADER]: 'Quá hạn (mức 2)' },
  },
  {
    name: 'an overdue screening reaches the centre only',
    event: event(
      'report.overdue',
      { level: 1, stage: 'screening', dueAt: DUE, agencyId: null },
      { internal: true, actorId: null },
    ),
    report: { status: 'received', agencyId: null },
    hears: { [rooms.centre]: ['report.overdue'], [RS]: ['report.overdue'] },
    inbox: [],
  },
  {
    name: 'a published result reaches the follower',
    event: event('report.result_approved', {}, { fromStatus: 'pending_review', toStatus: 'resolved' }),
    report: { status: 'resolved' },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.status_changed'],
      [rooms.centre]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, REPORTER],
    text: { [FOLLOWER]: 'Phản ánh PA-2026-000123 chuyển sang trạng thái: Đã xử lý', [REPORTER]: 'Mời bạn xem kết quả' },
  },
  {
    name: 'a submitted result tells citizens it waits for review without quoting it',
    event: event(
      'report.result_submitted',
      { text: 'Đã vá ổ gà bí mật', attachmentIds: [] },
      { fromStatus: 'in_progress', toStatus: 'pending_review', actorId: OFFICER_A },
    ),
    report: { status: 'pending_review' },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.status_changed'],
      [rooms.centre]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, REPORTER],
    text: { [REPORTER]: 'chờ duyệt' },
  },
  {
    name: 'a return (internal) reaches the returning agency and the centre, not the citizen',
    event: event(
      'report.returned',
      { reason: 'Sai thẩm quyền', returnedByAgencyId: 'ag-a' },
      { fromStatus: 'assigned', toStatus: 'received', internal: true, actorId: OFFICER_A },
    ),
    report: { status: 'received', agencyId: null },
    hears: {
      [A('ag-a')]: ['report.status_changed'],
      [rooms.centre]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
    },
    inbox: [],
  },
  {
    name: 'a reassignment reaches both agencies; only the new one is told to act',
    event: event(
      'report.reassigned',
      { agencyId: 'ag-b', previousAgencyId: 'ag-a', note: null },
      { fromStatus: 'in_progress', toStatus: 'assigned' },
    ),
    report: { status: 'assigned', agencyId: 'ag-b' },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.status_changed'],
      [A('ag-b')]: ['report.assigned', 'report.status_changed'],
    },
    inbox: [FOLLOWER, OFFICER_B, REPORTER],
  },
  {
    name: 'an extension request reaches the centre and the agency, not the citizen',
    event: event(
      'report.extension_requested',
      { workingDays: 3, reason: 'Chờ vật tư' },
      { internal: true, actorId: OFFICER_A },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [rooms.centre]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [],
  },
  {
    name: 'an approved extension tells the agency',
    event: event(
      'report.extension_approved',
      { workingDays: 3, reason: 'Chờ vật tư', extensionCount: 1 },
      { internal: true },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [LEADER_A, OFFICER_A],
    text: { [OFFICER_A]: 'thêm 3 ngày làm việc' },
  },
  {
    name: "the centre's urging reaches the agency holding the case (every member's inbox), not the citizen",
    event: event('report.urged', { agencyId: 'ag-a', note: 'Đề nghị xử lý trước 17 giờ' }, { internal: true }),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [LEADER_A, OFFICER_A],
    text: {
      [OFFICER_A]:
        'Trung tâm đề nghị khẩn trương xử lý phản ánh PA-2026-000123. Đề nghị xử lý trước 17 giờ Hạn: 10:00 02/03/2026.',
    },
  },
  {
    name: "a delegation reaches the agency's rooms, and the inbox of the officer given the case only",
    event: event(
      'report.delegated',
      { agencyId: 'ag-a', assigneeId: OFFICER_A, previousAssigneeId: null, note: 'Tuyến Hoàng Văn Thụ' },
      { internal: true, actorId: LEADER_A },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [OFFICER_A],
    text: {
      [OFFICER_A]:
        'Được giao xử lý: PA-2026-000123 Lãnh đạo đơn vị giao bạn xử lý phản ánh PA-2026-000123. Ổ gà lớn giữa đường Hoàng Văn Thụ Tuyến Hoàng Văn Thụ Hạn: 10:00 02/03/2026.',
    },
  },
  {
    // The policy does not judge who may be given a case (the workflow did): the agency's second member stands in.
    name: 'a delegation to another officer tells the new one they have it and the replaced one they no longer do',
    event: event(
      'report.delegated',
      { agencyId: 'ag-a', assigneeId: LEADER_A, previousAssigneeId: OFFICER_A, note: null },
      { internal: true, actorId: 'u-head' },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [LEADER_A, OFFICER_A],
    text: {
      [LEADER_A]: 'Lãnh đạo đơn vị giao bạn xử lý phản ánh PA-2026-000123.',
      [OFFICER_A]: 'Phản ánh PA-2026-000123 không còn giao cho bạn xử lý.',
    },
  },
  {
    // ag-b stands for a unit of ag-a (docs/domain.md#passing-a-case-down).
    name: "a case handed down reaches both agencies' rooms and the inbox of the unit's staff, with the unit's deadline",
    event: event(
      'report.handed_down',
      { agencyId: 'ag-b', previousAgencyId: 'ag-a', resolutionDueAt: DUE, note: 'Tổ xử lý gấp' },
      { internal: true, actorId: LEADER_A },
    ),
    report: { agencyId: 'ag-b' },
    hears: { [A('ag-a')]: ['report.updated'], [A('ag-b')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [OFFICER_B],
    text: {
      [OFFICER_B]:
        'Nhận phản ánh từ cấp trên: PA-2026-000123 Đơn vị cấp trên chuyển phản ánh PA-2026-000123 cho đơn vị xử lý. Ổ gà lớn giữa đường Hoàng Văn Thụ Tổ xử lý gấp Hạn: 10:00 02/03/2026.',
    },
  },
  {
    name: "a case handed back up reaches the agency that handed it down, in its members' inbox, not the citizen",
    event: event(
      'report.handed_up',
      { agencyId: 'ag-a', previousAgencyId: 'ag-b', reason: 'Vượt thẩm quyền của tổ' },
      { internal: true, actorId: OFFICER_B },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [A('ag-b')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [LEADER_A, OFFICER_A],
    text: { [LEADER_A]: 'Phản ánh PA-2026-000123 được đơn vị cấp dưới trả lên. Lý do: Vượt thẩm quyền của tổ' },
  },
  {
    name: 'a case pulled back reaches the inbox of the agency above and of the unit that held it',
    event: event(
      'report.pulled_back',
      { agencyId: 'ag-a', previousAgencyId: 'ag-b', reason: 'Trực tiếp xử lý' },
      { internal: true, actorId: LEADER_A },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [A('ag-b')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [OFFICER_A, OFFICER_B],
    text: {
      [OFFICER_B]: 'Phản ánh PA-2026-000123 được đơn vị cấp trên rút về trực tiếp xử lý. Lý do: Trực tiếp xử lý',
    },
  },
  {
    name: 'a delegation cleared tells the officer taken off the case',
    event: event(
      'report.delegated',
      { agencyId: 'ag-a', assigneeId: null, previousAssigneeId: OFFICER_A, note: null },
      { internal: true, actorId: LEADER_A },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [OFFICER_A],
    text: { [OFFICER_A]: 'Phản ánh PA-2026-000123 không còn giao cho bạn xử lý.' },
  },
  {
    name: 'a reclassification tells the agency holding the case, with the new deadline, not the citizen',
    event: event(
      'report.reclassified',
      {
        category: null,
        priority: { from: 'normal', to: 'urgent' },
        location: null,
        commune: null,
        suggestedAgencyId: null,
        reason: 'Nguy hiểm cho xe máy',
      },
      { internal: true },
    ),
    hears: { [A('ag-a')]: ['report.updated'], [RS]: ['report.updated'] },
    inbox: [LEADER_A, OFFICER_A],
    text: {
      [OFFICER_A]:
        'Trung tâm điều chỉnh mức độ ưu tiên (khẩn) của phản ánh PA-2026-000123. Nguy hiểm cho xe máy Hạn: 10:00 02/03/2026.',
    },
  },
  {
    name: 'a reminder of the resolution deadline reaches the agency',
    event: event('report.reminder', { stage: 'resolution', dueAt: DUE }, { internal: true, actorId: null }),
    hears: { [A('ag-a')]: ['report.reminder'], [RS]: ['report.reminder'] },
    inbox: [LEADER_A, OFFICER_A],
    text: { [OFFICER_A]: '10:00 02/03/2026' },
  },
  {
    name: 'a reminder of the screening deadline reaches the centre',
    event: event(
      'report.reminder',
      { stage: 'screening', dueAt: DUE },
      { internal: true, actorId: null, fromStatus: 'received', toStatus: 'received' },
    ),
    report: { status: 'received', agencyId: null },
    hears: { [rooms.centre]: ['report.reminder'], [RS]: ['report.reminder'] },
    inbox: [],
  },
  {
    name: 'a status change of a private report reaches its followers but not the public room',
    event: event(
      'report.acknowledged',
      { agencyId: 'ag-a' },
      { fromStatus: 'assigned', toStatus: 'in_progress', actorId: OFFICER_A },
    ),
    report: { published: false },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, REPORTER],
  },
  {
    name: 'an information request quotes the question to the reporter; followers hear the new status',
    event: event(
      'report.info_requested',
      { question: 'Xin số nhà cụ thể?' },
      { fromStatus: 'received', toStatus: 'need_info' },
    ),
    report: { status: 'need_info', agencyId: null },
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [rooms.centre]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, REPORTER],
    text: { [REPORTER]: 'Xin số nhà cụ thể?', [FOLLOWER]: 'Phản ánh PA-2026-000123: Chờ bổ sung thông tin' },
  },
  {
    name: "the reporter's own answer goes to the agency that asked and the followers, not back to the reporter",
    event: event(
      'report.info_provided',
      { text: 'Số 12', attachmentIds: [] },
      { fromStatus: 'need_info', toStatus: 'in_progress', actorId: REPORTER },
    ),
    hears: {
      [U(REPORTER)]: ['report.status_changed'],
      [U(FOLLOWER)]: ['report.status_changed'],
      [R]: ['report.status_changed'],
      [RS]: ['report.status_changed'],
      [A('ag-a')]: ['report.status_changed'],
    },
    inbox: [FOLLOWER, LEADER_A, OFFICER_A],
  },
];

const ALL_ROOMS = [
  U(REPORTER),
  U(FOLLOWER),
  U(SCREENER),
  U(OFFICER_A),
  U('u-stranger'),
  R,
  RS,
  A('ag-a'),
  A('ag-b'),
  rooms.centre,
  rooms.leadership,
];

describe('notification policy', () => {
  it.each(ROWS)('$name', (row) => {
    const e = row.event;
    // Provincial leaders are always offered: only an escalation that reaches them may give them a line.
    const d = planDeliveries(e, report(row.report), {
      followerIds: row.followers ?? [FOLLOWER],
      agencyStaff: STAFF,
      leaderIds: [PROVINCE_LEADER],
    });
    for (const room of ALL_ROOMS) {
      expect({ room, events: heard(d, room) }).toEqual({ room, events: (row.hears[room] ?? []).slice().sort() });
    }
    expect(inbox(d)).toEqual(row.inbox.slice().sort());
    expect(d.push.slice().sort()).toEqual(row.inbox.slice().sort());
    for (const [userId, fragment] of Object.entries(row.text ?? {})) {
      const n = d.notifications.find((x) => x.userId === userId)!;
      expect(`${n.title} ${n.body}`).toContain(fragment);
    }
    // Every message carries the timeline event's id: clients drop repeats by it.
    for (const m of d.socket) expect(m.payload.eventId).toBe(e.id);
    for (const n of d.notifications) expect(n.data).toMatchObject({ eventId: e.id, reportId: 'r1' });
  });

  it('describes a status change with the fields of docs/api.md', () => {
    const d = planDeliveries(
      event(
        'report.assigned',
        { agencyId: 'ag-a', previousAgencyId: null, note: null },
        { fromStatus: 'received', toStatus: 'assigned' },
      ),
      report({ status: 'assigned' }),
      { followerIds: [] },
    );
    expect(d.socket.find((m) => m.event === 'report.status_changed')!.payload).toEqual({
      eventId: 'e1',
      reportId: 'r1',
      code: 'PA-2026-000123',
      type: 'report.assigned',
      fromStatus: 'received',
      toStatus: 'assigned',
      action: 'assign',
      at: '2026-03-01T02:00:00.000Z',
      dueAt: '2026-03-02T03:00:00.000Z',
    });
  });

  it('never puts the text of a result awaiting review in anything a citizen hears', () => {
    const d = planDeliveries(
      event(
        'report.result_submitted',
        { text: 'Đã vá ổ gà bí mật', attachmentIds: [] },
        { fromStatus: 'in_progress', toStatus: 'pending_review' },
      ),
      report({ status: 'pending_review' }),
      { followerIds: [FOLLOWER] },
    );
    expect(JSON.stringify(d)).not.toContain('bí mật');
  });

  // Words written to the reporter (or by them) may carry their phone number or address: only the reporter and
  // staff hear them; followers and the public room hear that the status changed.
  const WORDS = '0912345678, số 17 ngõ 42';
  it.each<[string, PolicyEvent]>([
    [
      'an information request',
      event('report.info_requested', { question: WORDS }, { fromStatus: 'in_progress', toStatus: 'need_info' }),
    ],
    [
      'a rejection',
      event(
        'report.rejected',
        { reason: 'not_eligible', note: WORDS },
        { fromStatus: 'received', toStatus: 'cancelled' },
      ),
    ],
    ['a public note', event('report.note_added', { text: WORDS, internal: false })],
    ['a reopening', event('report.reopened', { reason: WORDS }, { fromStatus: 'resolved', toStatus: 'in_progress' })],
    [
      'an assignment',
      event(
        'report.assigned',
        { agencyId: 'ag-a', previousAgencyId: null, note: WORDS },
        { fromStatus: 'received', toStatus: 'assigned' },
      ),
    ],
    [
      'an answer to a question',
      event(
        'report.info_provided',
        { text: WORDS, attachmentIds: [] },
        { fromStatus: 'need_info', toStatus: 'in_progress', actorId: OFFICER_A },
      ),
    ],
  ])('keeps the words of %s from followers and the public room', (_name, e) => {
    const d = planDeliveries(e, report(), { followerIds: [FOLLOWER], agencyStaff: STAFF });
    const toFollowerOrPublic = d.socket.filter((m) => m.rooms.includes(U(FOLLOWER)) || m.rooms.includes(R));
    expect(JSON.stringify(toFollowerOrPublic)).not.toContain(WORDS);
    expect(JSON.stringify(d.notifications.filter((n) => n.userId === FOLLOWER))).not.toContain(WORDS);
  });

  it('gives a user who is both reporter and follower one inbox line', () => {
    const d = planDeliveries(
      event('report.closed', {}, { fromStatus: 'resolved', toStatus: 'closed', actorId: null }),
      report({ status: 'closed' }),
      { followerIds: [REPORTER, FOLLOWER] },
    );
    expect(inbox(d)).toEqual([FOLLOWER, REPORTER].sort());
    expect(d.notifications[0]).toMatchObject({
      title: 'Phản ánh PA-2026-000123: Đã đóng',
      body: 'Phản ánh PA-2026-000123 đã đóng.',
    });
  });

  describe('area alerts (docs/api.md#public)', () => {
    const SUBSCRIBER = 'u-subscriber';
    const assigned = event(
      'report.assigned',
      { agencyId: 'ag-a', previousAgencyId: null, note: null },
      { fromStatus: 'received', toStatus: 'assigned' },
    );
    const approved = event('report.result_approved', {}, { fromStatus: 'pending_review', toStatus: 'resolved' });
    const lineOf = (d: Deliveries) => d.notifications.find((n) => n.userId === SUBSCRIBER);

    it('tell a subscriber that a report there became public, in masked words, and that it was resolved', () => {
      const r = report({ status: 'assigned', description: 'Ngập trước số 12 Lê Lợi, gọi 0912 345 678' });
      const published = lineOf(planDeliveries(assigned, r, { followerIds: [], subscriberIds: [SUBSCRIBER] }));
      expect(published).toMatchObject({
        type: 'report.assigned',
        title: 'Phản ánh mới trong khu vực bạn theo dõi: PA-2026-000123',
        body: 'Ngập trước số *** Lê Lợi, gọi *** (đã chuyển cơ quan xử lý).',
      });
      const resolved = lineOf(planDeliveries(approved, r, { followerIds: [], subscriberIds: [SUBSCRIBER] }));
      expect(resolved?.title).toBe('Đã xử lý phản ánh PA-2026-000123 trong khu vực bạn theo dõi');
      expect(planDeliveries(approved, r, { followerIds: [], subscriberIds: [SUBSCRIBER] }).push).toContain(SUBSCRIBER);
    });

    it('say nothing of an unpublished report, of other events, and give a follower one line', () => {
      const hidden = report({ published: false });
      expect(
        lineOf(planDeliveries(assigned, hidden, { followerIds: [], subscriberIds: [SUBSCRIBER] })),
      ).toBeUndefined();
      const reassigned = event(
        'report.assigned',
        { agencyId: 'ag-b', previousAgencyId: null, note: null },
        { fromStatus: 'in_progress', toStatus: 'assigned' },
      );
      expect(
        lineOf(planDeliveries(reassigned, report(), { followerIds: [], subscriberIds: [SUBSCRIBER] })),
      ).toBeUndefined();
      const both = planDeliveries(approved, report(), { followerIds: [SUBSCRIBER], subscriberIds: [SUBSCRIBER] });
      expect(both.notifications.filter((n) => n.userId === SUBSCRIBER)).toHaveLength(1);
      expect(lineOf(both)?.title).toBe('Phản ánh PA-2026-000123: Đã xử lý');
    });
  });
});

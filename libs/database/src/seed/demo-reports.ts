// The demo province's reports (docs/domain.md, README "Demo logins"): about 300 cases of the last four months, so
// that every desk, list and chart has something to show on a first start. Each case lives its life through the
// workflow's own decide(), at simulated moments: the deadlines come from the same clock rules (applyClock) in the
// category's working calendar, and reminders and escalation from the same deadline rules (decideDeadlineCheck)
// at each checkpoint, so statuses, timelines, deadlines, overdue levels and statistics agree as if people had
// done it. Deterministic (a seeded random walk, ids derived from the case's number) and idempotent: a case whose
// id is already there is left alone, so a second run adds nothing.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createWorkingCalendar, type CalendarException, type WorkingCalendar } from '@app/calendar';
import { decideDeadlineCheck } from '@app/reports/deadline-check';
import { applyClock } from '@app/reports/report-clock';
import {
  decide,
  DEFAULT_WORKFLOW_LIMITS,
  type Actor,
  type Command,
  type DecisionContext,
  type NewEvent,
  type ReportStatus,
} from '@app/workflow';
import type { CategorySla, EscalationPolicy, Report } from '../entities';
import { Db, nextReportCodeSql, sql } from '../sql';
import { DEMO_PLACES, DEMO_TEXTS, type DemoText } from './demo-report-texts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The system closes a resolved case after this long (AUTO_CLOSE_AFTER_SECONDS' default, docs/domain.md#system-actions). */
const AUTO_CLOSE_AFTER = 7 * DAY;

// ------------------------------------------------------------- a seeded random walk: the same demo every time
function random(seed: number): () => number {
  let state = seed;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The id of demo case `n`: the same on every run and every machine. */
export const demoReportId = (n: number): string => {
  const h = createHash('sha256').update(`pa-demo-report:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// ------------------------------------------------------------- what the seed reads
interface Category {
  id: string;
  code: string;
  calendar: 'office' | '24x7';
  priority: 'normal' | 'urgent';
  sla: CategorySla;
  escalation: EscalationPolicy;
  agencyId: string;
}

export interface DemoCast {
  screener: string;
  operator: string;
  leader: string;
  citizen: string;
  /** An officer of each agency, by agency id (the seed makes one where the demo has none). */
  officerOf: (agencyId: string) => Promise<string>;
  agencyByCode: Map<string, string>;
}

/** One life: the steps a case goes through, each some hours after the previous one. */
type Step =
  | { who: 'screener' | 'leader' | 'citizen' | 'agency' | 'system'; command: Command; after: number }
  | { who: 'wait'; after: number };

/** How a case's life goes, and how long ago it began. */
interface Plan {
  name: string;
  /** Filed by the demo citizen through the app: the life has the reporter's own steps (rate, reopen, withdraw). */
  citizen?: true;
  /** Days before now when it was filed. */
  ageDays: [number, number];
  steps: (p: PlanContext) => Step[];
}

interface PlanContext {
  rnd: () => number;
  hours: (min: number, max: number) => number;
  agencyId: string;
  otherAgencyId: string;
  master: () => string | null;
  satisfied: boolean;
  text: DemoText;
}

const assign = (p: PlanContext, after: number, agencyId = p.agencyId): Step => ({
  who: 'screener',
  command: { action: 'assign', agencyId },
  after,
});
const ack = (after: number): Step => ({ who: 'agency', command: { action: 'acknowledge' }, after });
const result = (p: PlanContext, after: number): Step => ({
  who: 'agency',
  command: { action: 'submit_result', text: p.text.result },
  after,
});
const approve = (after: number): Step => ({ who: 'screener', command: { action: 'approve_result' }, after });
const rate = (p: PlanContext, after: number): Step => ({
  who: 'citizen',
  command: {
    action: 'rate',
    satisfied: p.satisfied,
    comment: p.satisfied ? 'Cảm ơn, đã xử lý tốt.' : p.text.complaint,
  },
  after,
});
/** Handled in a working week: screened, assigned, acknowledged, answered, approved. */
const handled = (p: PlanContext): Step[] => [
  assign(p, p.hours(1, 20)),
  ack(p.hours(1, 22)),
  result(p, p.hours(24, 24 * 8)),
  approve(p.hours(1, 20)),
];

/** The mix of lives; `weight` cases of each, in order of creation spread over their ages. */
const PLANS: Array<Plan & { weight: number }> = [
  { name: 'new', weight: 14, ageDays: [0, 0.8], steps: () => [] },
  { name: 'new, overdue at screening', weight: 6, ageDays: [2, 9], steps: () => [] },
  {
    name: 'asked for information',
    weight: 8,
    ageDays: [0.5, 3],
    steps: (p) => [
      { who: 'screener', command: { action: 'request_info', question: p.text.question }, after: p.hours(1, 8) },
    ],
  },
  {
    name: 'information given, back to screening',
    weight: 4,
    ageDays: [1, 4],
    steps: (p) => [
      { who: 'screener', command: { action: 'request_info', question: p.text.question }, after: p.hours(1, 6) },
      { who: 'citizen', command: { action: 'provide_info', text: p.text.answer }, after: p.hours(2, 20) },
    ],
  },
  { name: 'assigned', weight: 12, ageDays: [0.2, 1.5], steps: (p) => [assign(p, p.hours(0.5, 4))] },
  // Not acknowledged: overdue at level 1, 2 or 3 as the days go by.
  { name: 'assigned, never acknowledged', weight: 12, ageDays: [2, 14], steps: (p) => [assign(p, p.hours(1, 6))] },
  { name: 'in progress', weight: 16, ageDays: [1, 5], steps: (p) => [assign(p, p.hours(1, 8)), ack(p.hours(1, 10))] },
  {
    name: 'in progress, past its deadline',
    weight: 12,
    ageDays: [9, 30],
    steps: (p) => [assign(p, p.hours(1, 8)), ack(p.hours(1, 10))],
  },
  {
    name: 'extension requested',
    weight: 6,
    ageDays: [3, 8],
    steps: (p) => [
      assign(p, p.hours(1, 8)),
      ack(p.hours(1, 10)),
      {
        who: 'agency',
        command: { action: 'request_extension', workingDays: 1 + Math.floor(p.rnd() * 5), reason: p.text.delay },
        after: p.hours(24, 72),
      },
    ],
  },
  {
    name: 'extension approved',
    weight: 4,
    ageDays: [5, 10],
    steps: (p) => [
      assign(p, p.hours(1, 8)),
      ack(p.hours(1, 10)),
      {
        who: 'agency',
        command: { action: 'request_extension', workingDays: 3, reason: p.text.delay },
        after: p.hours(24, 72),
      },
      { who: 'leader', command: { action: 'approve_extension' }, after: p.hours(2, 20) },
    ],
  },
  {
    name: 'returned by the agency, waiting for screening again',
    weight: 6,
    ageDays: [0.5, 4],
    steps: (p) => [
      assign(p, p.hours(1, 6)),
      { who: 'agency', command: { action: 'return', reason: p.text.notOurs }, after: p.hours(1, 20) },
    ],
  },
  {
    name: 'returned, then given to another agency and closed',
    weight: 6,
    ageDays: [15, 90],
    steps: (p) => [
      assign(p, p.hours(1, 6)),
      { who: 'agency', command: { action: 'return', reason: p.text.notOurs }, after: p.hours(1, 20) },
      assign(p, p.hours(1, 10), p.otherAgencyId),
      ack(p.hours(1, 20)),
      result(p, p.hours(24, 24 * 6)),
      approve(p.hours(1, 20)),
    ],
  },
  {
    name: 'result submitted, waiting for review',
    weight: 10,
    ageDays: [2, 8],
    steps: (p) => [assign(p, p.hours(1, 8)), ack(p.hours(1, 10)), result(p, p.hours(24, 24 * 5))],
  },
  {
    name: 'result sent back, in progress again',
    weight: 4,
    ageDays: [4, 12],
    steps: (p) => [
      assign(p, p.hours(1, 8)),
      ack(p.hours(1, 10)),
      result(p, p.hours(24, 24 * 4)),
      {
        who: 'screener',
        command: { action: 'send_back', reason: 'Kết quả chưa có ảnh chụp hiện trường sau xử lý.' },
        after: p.hours(2, 20),
      },
    ],
  },
  { name: 'resolved this week', weight: 12, ageDays: [4, 10], steps: (p) => handled(p) },
  {
    name: 'resolved and rated',
    weight: 8,
    citizen: true,
    ageDays: [4, 10],
    steps: (p) => [...handled(p), rate(p, p.hours(2, 30))],
  },
  { name: 'closed', weight: 80, ageDays: [14, 120], steps: (p) => handled(p) },
  {
    name: 'closed and rated',
    weight: 40,
    citizen: true,
    ageDays: [14, 120],
    steps: (p) => [...handled(p), rate(p, p.hours(2, 60))],
  },
  {
    name: 'reopened by the reporter',
    weight: 6,
    citizen: true,
    ageDays: [6, 20],
    steps: (p) => [
      ...handled(p),
      { who: 'citizen', command: { action: 'reopen', reason: p.text.complaint }, after: p.hours(4, 48) },
    ],
  },
  {
    name: 'reopened, handled again and closed',
    weight: 4,
    citizen: true,
    ageDays: [30, 100],
    steps: (p) => [
      ...handled(p),
      { who: 'citizen', command: { action: 'reopen', reason: p.text.complaint }, after: p.hours(4, 48) },

      result(p, p.hours(24, 24 * 4)),
      approve(p.hours(1, 20)),
      rate(p, p.hours(2, 30)),
    ],
  },
  {
    name: 'cancelled as a duplicate',
    weight: 14,
    ageDays: [1, 110],
    steps: (p) => {
      const master = p.master();
      return master
        ? [{ who: 'screener', command: { action: 'mark_duplicate', duplicateOfId: master }, after: p.hours(1, 10) }]
        : [];
    },
  },
  {
    name: 'rejected',
    weight: 8,
    ageDays: [2, 110],
    steps: (p) => [
      {
        who: 'screener',
        command: { action: 'reject', reason: p.rnd() < 0.7 ? 'not_eligible' : 'spam', note: p.text.reject },
        after: p.hours(1, 10),
      },
    ],
  },
  {
    name: 'withdrawn',
    weight: 4,
    citizen: true,
    ageDays: [2, 110],
    steps: (p) => [{ who: 'citizen', command: { action: 'withdraw' }, after: p.hours(1, 12) }],
  },
  {
    name: 'no answer to a question',
    weight: 4,
    ageDays: [10, 110],
    steps: (p) => [
      { who: 'screener', command: { action: 'request_info', question: p.text.question }, after: p.hours(1, 8) },
      { who: 'wait', after: 5 * 24 },
      { who: 'system', command: { action: 'no_response' }, after: p.hours(0.1, 1) },
    ],
  },
];

/** How many cases the demo has. */
export const DEMO_REPORT_COUNT = PLANS.reduce((n, p) => n + p.weight, 0);

// ------------------------------------------------------------- one case's life
interface Life {
  report: Report;
  events: Array<{ event: NewEvent; actorId: string | null; roles: string[]; at: Date }>;
  /** Followers the actions added (a duplicate's reporter follows its master). */
  follows: Array<{ reportId: string; userId: string; via: string }>;
  calendar: WorkingCalendar;
  category: Category;
}

/** Reminders and escalation up to `until`, each at its checkpoint, as the deadline jobs would record them. */
function tick(life: Life, until: Date): void {
  const r = life.report;
  while (r.nextCheckAt && r.nextCheckAt <= until) {
    const at = r.nextCheckAt;
    const d = decideDeadlineCheck(r, life.category.escalation, life.calendar, at);
    if (!d) return;
    Object.assign(r, d.changes);
    for (const event of d.events) life.events.push({ event, actorId: null, roles: ['system'], at });
    if (r.nextCheckAt && r.nextCheckAt.getTime() === at.getTime()) return;
  }
}

/**
 * One action at `at`: decided by the workflow, saved as ReportsService.act saves it (the patch, the rating and the
 * result as stored, the version, the clock's deadline fields in the category's calendar).
 */
function act(life: Life, command: Command, actor: Actor, at: Date, ctx: Partial<DecisionContext>): void {
  tick(life, at);
  const r = life.report;
  const decision = decide(r, command, actor, { now: at, limits: DEFAULT_WORKFLOW_LIMITS, ...ctx });
  if (!decision.ok) throw new Error(`demo case ${r.id}: ${command.action} refused: ${decision.error.message}`);
  const { rating, result, ...plain } = decision.patch;
  Object.assign(r, plain, { version: r.version + 1, updatedAt: at });
  if (rating) Object.assign(r, { ratingSatisfied: rating.satisfied, ratingComment: rating.comment, ratedAt: at });
  if (result) Object.assign(r, { result: { ...result, at: result.at.toISOString() }, handledAt: result.at });
  if (decision.clock) {
    const { sla, escalation } = life.category;
    Object.assign(
      r,
      applyClock(decision.clock, {
        report: r,
        sla,
        reminderAtFraction: escalation.reminderAtFraction,
        calendar: life.calendar,
        now: at,
      }),
    );
  }
  const actorId = actor.kind === 'user' ? actor.userId : null;
  const roles = actor.kind === 'user' ? actor.roles : ['system'];
  for (const event of decision.events) life.events.push({ event, actorId, roles, at });
  life.follows.push(...(decision.follows ?? []));
}

// ------------------------------------------------------------- the seed
const COLUMNS: Array<[keyof Report, string]> = [
  ['id', 'id'],
  ['status', 'status'],
  ['cancelReason', 'cancel_reason'],
  ['duplicateOfId', 'duplicate_of_id'],
  ['categoryId', 'category_id'],
  ['agencyId', 'agency_id'],
  ['suggestedAgencyId', 'suggested_agency_id'],
  ['priority', 'priority'],
  ['channel', 'channel'],
  ['title', 'title'],
  ['description', 'description'],
  ['address', 'address'],
  ['reporterId', 'reporter_id'],
  ['isPublic', 'is_public'],
  ['allowContact', 'allow_contact'],
  ['stage', 'stage'],
  ['stageVersion', 'stage_version'],
  ['dueAt', 'due_at'],
  ['resolutionDueAt', 'resolution_due_at'],
  ['pausedAt', 'paused_at'],
  ['pausedFromStatus', 'paused_from_status'],
  ['pausedRemainingMinutes', 'paused_remaining_minutes'],
  ['escalationLevel', 'escalation_level'],
  ['remindedAt', 'reminded_at'],
  ['wasOverdue', 'was_overdue'],
  ['extensionCount', 'extension_count'],
  ['extensionRequest', 'extension_request'],
  ['result', 'result'],
  ['rated', 'rated'],
  ['ratingSatisfied', 'rating_satisfied'],
  ['ratingComment', 'rating_comment'],
  ['ratedAt', 'rated_at'],
  ['firstAssignedAt', 'first_assigned_at'],
  ['handledAt', 'handled_at'],
  ['resolvedAt', 'resolved_at'],
  ['closedAt', 'closed_at'],
  ['cancelledAt', 'cancelled_at'],
  ['version', 'version'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['nextCheckAt', 'next_check_at'],
];

/** Seeds the demo cases that are not there yet; returns how many it added. */
export async function seedDemoReports(ds: DataSource, cast: DemoCast, now = new Date()): Promise<number> {
  const db = new Db(ds);
  const ids = Array.from({ length: DEMO_REPORT_COUNT }, (_, n) => demoReportId(n));
  const have = new Set(
    (await db.kysely.selectFrom('reports').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  );
  if (have.size === ids.length) return 0;

  const exceptions = (await db.kysely
    .selectFrom('calendarExceptions')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind'])
    .execute()) as CalendarException[];
  const calendars = { office: createWorkingCalendar('office', { exceptions }), '24x7': createWorkingCalendar('24x7') };
  const categories = (await db.kysely
    .selectFrom('categories')
    .select([
      'id',
      'code',
      'calendar',
      'defaultPriority as priority',
      'sla',
      'escalation',
      'defaultAgencyId as agencyId',
    ])
    .where('isActive', '=', true)
    .where('defaultAgencyId', 'is not', null)
    .orderBy('sortOrder')
    .execute()) as unknown as Category[];
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const rnd = random(0x5eed19);
  const order = PLANS.flatMap((plan) => Array.from({ length: plan.weight }, () => plan));
  // Each case's text, category and age first (deterministic), then the lives in order of creation.
  const drafts = order.map((plan, n) => {
    const text = DEMO_TEXTS[Math.floor(rnd() * DEMO_TEXTS.length)];
    const [minAge, maxAge] = plan.ageDays;
    const createdAt = new Date(now.getTime() - (minAge + rnd() * (maxAge - minAge)) * DAY);
    return { n, plan, text, createdAt, seed: Math.floor(rnd() * 2 ** 31) };
  });
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const screener: Actor = { kind: 'user', userId: cast.screener, roles: ['screener'], agencyId: null };
  const leader: Actor = { kind: 'user', userId: cast.leader, roles: ['leader'], agencyId: null };
  /** Cases filed so far that a later one may duplicate: not cancelled, so not duplicates themselves. */
  const masters: Array<{ id: string; categoryId: string; status: ReportStatus }> = [];
  let added = 0;
  for (const d of drafts) {
    const category = byCode.get(d.text.category) ?? categories[0];
    const r = random(d.seed);
    const place = DEMO_PLACES[Math.floor(r() * DEMO_PLACES.length)];
    const ward = place.agency ? cast.agencyByCode.get(place.agency) : undefined;
    const agencyId = ward && r() < 0.5 && category.code !== 'thien-tai-khan-cap' ? ward : category.agencyId;
    const channel = d.plan.citizen
      ? 'app'
      : (['app', 'app', 'app', 'zalo', 'hotline', 'hotline', 'web', 'open311'] as const)[Math.floor(r() * 8)];
    const reporterId =
      channel === 'web' ? null : channel === 'hotline' || channel === 'open311' ? await caller(db, d.n) : cast.citizen;
    const id = demoReportId(d.n);
    const report = {
      id,
      status: 'received' as ReportStatus,
      cancelReason: null,
      duplicateOfId: null,
      categoryId: category.id,
      agencyId: null,
      suggestedAgencyId: agencyId,
      priority: category.priority,
      channel,
      title: d.text.title,
      description: d.text.description.replace('{street}', place.street),
      address: `${1 + Math.floor(r() * 200)} ${place.street}, ${place.ward}, tỉnh Thái Nguyên`,
      reporterId,
      isPublic: r() < 0.85,
      allowContact: r() < 0.8,
      extensionCount: 0,
      extensionRequest: null,
      result: null,
      rated: false,
      ratingSatisfied: null,
      ratingComment: null,
      ratedAt: null,
      firstAssignedAt: null,
      handledAt: null,
      resolvedAt: null,
      closedAt: null,
      cancelledAt: null,
      pausedFromStatus: null,
      version: 1,
      createdAt: d.createdAt,
      updatedAt: d.createdAt,
      stage: null,
      stageVersion: 0,
      dueAt: null,
      resolutionDueAt: null,
      pausedAt: null,
      pausedRemainingMinutes: null,
      escalationLevel: 0,
      remindedAt: null,
      wasOverdue: false,
      nextCheckAt: null,
      location: { type: 'Point', coordinates: [place.lng + (r() - 0.5) * 0.006, place.lat + (r() - 0.5) * 0.006] },
    } as unknown as Report;
    const calendar = calendars[category.calendar];
    const life: Life = { report, events: [], follows: [], calendar, category };
    // Filing, as ReportsService.createIn does it: the screening deadline from the filing moment.
    Object.assign(
      report,
      applyClock(
        { kind: 'start', stage: 'screening', fresh: true },
        {
          report,
          sla: category.sla,
          reminderAtFraction: category.escalation.reminderAtFraction,
          calendar,
          now: d.createdAt,
        },
      ),
    );
    life.events.push({
      event: {
        type: 'report.created',
        fromStatus: null,
        toStatus: 'received',
        internal: false,
        data: {
          channel,
          categoryId: category.id,
          priority: report.priority,
          suggestedAgencyId: agencyId,
          dueAt: report.dueAt?.toISOString() ?? null,
        },
      } as NewEvent,
      actorId: channel === 'hotline' ? cast.operator : channel === 'web' ? cast.screener : reporterId,
      roles: channel === 'hotline' ? ['operator'] : channel === 'web' ? ['screener'] : ['citizen'],
      at: d.createdAt,
    });

    const otherAgencyId = categories.find((c) => c.agencyId !== agencyId)!.agencyId;
    const officer = async (agency: string | null): Promise<Actor> => ({
      kind: 'user',
      userId: await cast.officerOf(agency!),
      roles: ['agency_officer'],
      agencyId: agency,
    });
    const actorFor = async (who: Step['who'], command: Command): Promise<Actor | null> => {
      if (who === 'screener') return screener;
      if (who === 'leader') return leader;
      if (who === 'system') return { kind: 'system' };
      if (who === 'agency') return officer(report.agencyId);
      // The citizen: the demo citizen's own case; a caller's answer comes through the hotline operator, and the
      // centre reopens what a caller complains about.
      if (reporterId === cast.citizen)
        return { kind: 'user', userId: cast.citizen, roles: ['citizen'], agencyId: null };
      if (command.action === 'provide_info' && channel === 'hotline')
        return { kind: 'user', userId: cast.operator, roles: ['operator'], agencyId: null };
      if (command.action === 'reopen') return screener;
      return null;
    };
    const steps = d.plan.steps({
      rnd: r,
      hours: (min, max) => min + r() * (max - min),
      agencyId,
      otherAgencyId,
      master: () => masters.filter((x) => x.categoryId === category.id).at(-1)?.id ?? null,
      satisfied: r() < 0.78,
      text: d.text,
    });
    let at = d.createdAt;
    for (const step of steps) {
      const next = new Date(at.getTime() + step.after * HOUR);
      // A life is cut where now is: what has not happened yet does not happen.
      if (next > now) break;
      at = next;
      if (step.who === 'wait') continue;
      const actor = await actorFor(step.who, step.command);
      // Only the demo citizen acts for themselves (rates, withdraws); another reporter's life ends there.
      if (!actor) break;
      const { command } = step;
      const ctx: Partial<DecisionContext> = {};
      if (command.action === 'assign') ctx.agency = { id: command.agencyId };
      if (command.action === 'mark_duplicate') {
        const master = masters.find((x) => x.id === command.duplicateOfId)!;
        ctx.duplicateMaster = { id: master.id, status: master.status, duplicateOfId: null };
        ctx.reportHasDuplicates = false;
      }
      act(life, command, actor, at, ctx);
    }
    // A resolved case left a week is closed by the system (SystemActionsService.closeResolved).
    if (
      report.status === 'resolved' &&
      report.resolvedAt &&
      report.resolvedAt.getTime() + AUTO_CLOSE_AFTER <= now.getTime()
    )
      act(life, { action: 'close' }, { kind: 'system' }, new Date(report.resolvedAt.getTime() + AUTO_CLOSE_AFTER), {});
    tick(life, now);
    if (report.status !== 'cancelled') masters.push({ id, categoryId: category.id, status: report.status });
    if (have.has(id)) continue;
    await save(db, life, cast);
    added++;
  }
  return added;
}

/** The caller record of a demo hotline or Open311 caller: a phone of its own per case number. */
async function caller(db: Db, n: number): Promise<string> {
  const phone = `+8491${String(3_000_000 + n * 7919)
    .padStart(7, '0')
    .slice(-7)}`;
  // The conflict target repeats the caller records' partial unique index, whose predicate Postgres matches literally.
  const { rows } = await sql<{ id: string }>`
    INSERT INTO users (kind, phone, full_name, roles) VALUES ('caller', ${phone}, ${CALLER_NAMES[n % CALLER_NAMES.length]}, '{citizen}')
    ON CONFLICT (phone) WHERE kind = 'caller' DO UPDATE SET full_name = users.full_name RETURNING id`.execute(
    db.kysely,
  );
  return rows[0].id;
}
const CALLER_NAMES = [
  'Nguyễn Thị Hoa',
  'Trần Văn Bình',
  'Lê Thị Mai',
  'Phạm Quốc Hùng',
  'Hoàng Thị Lan',
  'Đỗ Văn Tùng',
];

/** The case and its timeline as rows, in one transaction; the events count as delivered (months ago). */
async function save(db: Db, life: Life, cast: DemoCast): Promise<void> {
  const r = life.report;
  const values = COLUMNS.map(([key]) => {
    const v = r[key] as unknown;
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  });
  const [lng, lat] = r.location!.coordinates;
  await db.transaction(async (trx) => {
    await sql`
      INSERT INTO reports (${sql.raw(COLUMNS.map(([, c]) => c).join(', '))}, code, location, reopened)
      VALUES (${sql.join(values)}, ${nextReportCodeSql(r.createdAt)},
        ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography,
        ${life.events.some((e) => e.event.type === 'report.reopened')})`.execute(trx);
    // Delivered at once: months-old events must not reach anyone's inbox now (the outbox relay skips them).
    const events = JSON.stringify(
      life.events.map((e, ord) => ({
        type: e.event.type,
        from_status: e.event.fromStatus,
        to_status: e.event.toStatus,
        actor_id: e.actorId,
        actor_roles: e.roles,
        internal: e.event.internal,
        data: e.event.data,
        at: e.at.toISOString(),
        ord,
      })),
    );
    await sql`
      INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, internal, data,
        created_at, dispatched_at)
      SELECT ${r.id}, e.type, e.from_status, e.to_status, e.actor_id, e.actor_roles, e.internal, e.data, e.at, e.at
        FROM jsonb_to_recordset(${events}::jsonb) AS e(type text, from_status text, to_status text, actor_id uuid,
             actor_roles text[], internal boolean, data jsonb, at timestamptz, ord int)
       ORDER BY e.ord`.execute(trx);
    for (const f of life.follows) {
      await trx
        .insertInto('reportFollowers')
        .values({ reportId: f.reportId, userId: f.userId, via: f.via, createdAt: r.updatedAt })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (r.channel === 'hotline') {
      const {
        rows: [call],
      } = await sql<{ id: string }>`
        INSERT INTO hotline_calls (caller_phone, caller_name, caller_user_id, operator_id, started_at, ended_at,
          outcome, report_id, created_at)
        SELECT u.phone, u.full_name, u.id, ${cast.operator}, ${r.createdAt}::timestamptz - interval '4 minutes',
               ${r.createdAt}, 'new_report', ${r.id}, ${r.createdAt}
          FROM users u WHERE u.id = ${r.reporterId} RETURNING id`.execute(trx);
      await trx.updateTable('reports').set({ hotlineCallId: call.id }).where('id', '=', r.id).execute();
    }
  });
}

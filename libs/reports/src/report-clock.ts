import type { WorkingCalendar } from '@app/calendar';
import type { CategorySla, Priority, Report } from '@app/database';
import type { ClockChange, Stage } from '@app/workflow';

/** The deadline fields of a report that the clock owns. */
export type ClockFields = Pick<
  Report,
  | 'stage'
  | 'stageVersion'
  | 'dueAt'
  | 'resolutionDueAt'
  | 'pausedAt'
  | 'pausedRemainingMinutes'
  | 'escalationLevel'
  | 'remindedAt'
  | 'wasOverdue'
  | 'nextCheckAt'
>;

export interface ClockInput {
  report: ClockFields & { priority: Priority };
  sla: CategorySla;
  /** Share of a stage's working time after which the handler is reminded (docs/domain.md#reminders-and-escalation: 0.75). */
  reminderAtFraction: number;
  calendar: WorkingCalendar;
  now: Date;
  /** For 'recompute': the classification the deadlines were computed under (the old category's SLA and calendar). */
  before?: { sla: CategorySla; calendar: WorkingCalendar; priority: Priority };
}

/** Deadlines less than this apart are the same deadline (working minutes are fractional, instants whole ms). */
const SAME_DEADLINE_MS = 60_000;
const sameDeadline = (a: Date | null, b: Date | null) =>
  a === null || b === null ? a === b : Math.abs(a.getTime() - b.getTime()) < SAME_DEADLINE_MS;

const STAGE_MINUTES: Record<Stage, keyof CategorySla['normal']> = {
  screening: 'screeningMinutes',
  acknowledge: 'acknowledgeMinutes',
  resolution: 'resolutionMinutes',
  review: 'reviewMinutes',
};

/**
 * Applies a workflow clock change to a report's deadline fields, in the category's working calendar.
 * Every change bumps `stageVersion`, so a delayed deadline job scheduled for an earlier version finds itself
 * stale and does nothing. Lateness is remembered in `wasOverdue` before any deadline is replaced.
 * `nextCheckAt` is set to the reminder moment; the deadlines service moves it on to each escalation level.
 */
export function applyClock(change: ClockChange, input: ClockInput): Partial<ClockFields> {
  const { report, sla, calendar, now, reminderAtFraction } = input;
  const minutes = (stage: Stage) => sla[report.priority][STAGE_MINUTES[stage]];
  // The reminder comes when (1 - fraction) of the stage's working time is left; never in the past.
  const reminderCheck = (dueAt: Date, stage: Stage): Date => {
    if (dueAt <= now) return dueAt;
    const untilReminder = calendar.workingMinutesBetween(now, dueAt) - (1 - reminderAtFraction) * minutes(stage);
    return untilReminder > 0 ? calendar.addWorkingMinutes(now, untilReminder) : now;
  };
  const late = report.wasOverdue || (report.dueAt !== null && now > report.dueAt);
  const base: Partial<ClockFields> = { stageVersion: report.stageVersion + 1, wasOverdue: late };
  const newStage = (stage: Stage, dueAt: Date, extra: Partial<ClockFields> = {}): Partial<ClockFields> => ({
    ...base,
    stage,
    dueAt,
    pausedAt: null,
    pausedRemainingMinutes: null,
    escalationLevel: 0,
    remindedAt: null,
    nextCheckAt: reminderCheck(dueAt, stage),
    ...extra,
  });

  switch (change.kind) {
    case 'start': {
      if (change.stage === 'acknowledge') {
        // The resolution deadline runs from the assignment, alongside the acknowledgement deadline.
        return newStage('acknowledge', calendar.addWorkingMinutes(now, minutes('acknowledge')), {
          resolutionDueAt: calendar.addWorkingMinutes(now, minutes('resolution')),
        });
      }
      if (change.stage === 'resolution') {
        const resolutionDueAt =
          change.fresh || !report.resolutionDueAt
            ? calendar.addWorkingMinutes(now, minutes('resolution'))
            : report.resolutionDueAt;
        return newStage('resolution', resolutionDueAt, { resolutionDueAt });
      }
      return newStage(change.stage, calendar.addWorkingMinutes(now, minutes(change.stage)));
    }
    case 'pause': {
      // Remaining working time is kept (negative if already late) and given back on resume.
      const remaining = !report.dueAt
        ? null
        : now <= report.dueAt
          ? Math.round(calendar.workingMinutesBetween(now, report.dueAt))
          : -Math.round(calendar.workingMinutesBetween(report.dueAt, now));
      return { ...base, dueAt: null, nextCheckAt: null, pausedAt: now, pausedRemainingMinutes: remaining };
    }
    case 'resume': {
      const remaining = report.pausedRemainingMinutes;
      const dueAt = remaining === null ? null : remaining >= 0 ? calendar.addWorkingMinutes(now, remaining) : now;
      const nextCheckAt =
        !dueAt || !report.stage ? null : report.remindedAt ? dueAt : reminderCheck(dueAt, report.stage);
      return {
        ...base,
        dueAt,
        nextCheckAt,
        pausedAt: null,
        pausedRemainingMinutes: null,
        ...(report.stage === 'resolution' ? { resolutionDueAt: dueAt } : {}),
      };
    }
    case 'stop':
      return { ...base, stage: null, dueAt: null, nextCheckAt: null, pausedAt: null, pausedRemainingMinutes: null };
    case 'recompute':
      return input.before
        ? recompute(input as ClockInput & Required<Pick<ClockInput, 'before'>>, base, reminderCheck)
        : {};
    case 'set_resolution': {
      if (!change.dueAt) return {};
      const resolutionDueAt = change.dueAt;
      if (report.stage !== 'resolution') return { ...base, resolutionDueAt };
      // A deadline still ahead starts its reminder and escalation afresh, as an extension does.
      const fresh = resolutionDueAt > now;
      return {
        ...base,
        resolutionDueAt,
        dueAt: resolutionDueAt,
        nextCheckAt: fresh ? reminderCheck(resolutionDueAt, 'resolution') : (report.nextCheckAt ?? now),
        ...(fresh ? { escalationLevel: 0, remindedAt: null } : {}),
      };
    }
    case 'extend': {
      const from = report.resolutionDueAt ?? now;
      const resolutionDueAt = calendar.addWorkingMinutes(from, change.workingDays * calendar.workingMinutesPerDay);
      if (report.stage !== 'resolution') return { ...base, resolutionDueAt };
      const fresh = resolutionDueAt > now;
      return {
        ...base,
        resolutionDueAt,
        dueAt: resolutionDueAt,
        nextCheckAt: fresh ? reminderCheck(resolutionDueAt, 'resolution') : report.nextCheckAt,
        ...(fresh ? { escalationLevel: 0, remindedAt: null } : {}),
      };
    }
  }
}

/**
 * The category or priority changed (reclassify, docs/domain.md#reclassification): each running deadline keeps the
 * working time already used and takes the new allowance, so what is left becomes what was left (in the old
 * calendar) plus the new SLA's minutes minus the old ones, counted from now in the new calendar. A case the new
 * SLA makes late is due now (its deadline check then escalates it at once); a deadline already passed that stays
 * passed does not move. A paused stage keeps its time left the same way. A later deadline resets the reminder and
 * escalation, as an extension does; an earlier one keeps a reminder already given.
 */
function recompute(
  input: ClockInput & Required<Pick<ClockInput, 'before'>>,
  base: Partial<ClockFields>,
  reminderCheck: (dueAt: Date, stage: Stage) => Date,
): Partial<ClockFields> {
  const { report, sla, calendar, now, before } = input;
  const stage = report.stage;
  if (!stage) return {};
  const delta = (s: Stage) => sla[report.priority][STAGE_MINUTES[s]] - before.sla[before.priority][STAGE_MINUTES[s]];

  if (report.pausedAt !== null) {
    if (report.pausedRemainingMinutes === null || delta(stage) === 0) return {};
    return { ...base, pausedRemainingMinutes: report.pausedRemainingMinutes + delta(stage) };
  }
  if (!report.dueAt) return {};

  const left = (due: Date) =>
    due > now ? before.calendar.workingMinutesBetween(now, due) : -before.calendar.workingMinutesBetween(due, now);
  const moved = (due: Date, s: Stage): Date => {
    const rest = left(due) + delta(s);
    if (rest > 0) return calendar.addWorkingMinutes(now, rest);
    return due <= now ? due : now;
  };
  const dueAt = moved(report.dueAt, stage);
  // The resolution deadline runs beside the acknowledgement's (applyClock, 'start acknowledge').
  const resolutionDueAt =
    stage === 'resolution'
      ? dueAt
      : stage === 'acknowledge' && report.resolutionDueAt
        ? moved(report.resolutionDueAt, 'resolution')
        : report.resolutionDueAt;
  if (sameDeadline(dueAt, report.dueAt) && sameDeadline(resolutionDueAt, report.resolutionDueAt)) return {};

  const deadlines = { ...base, dueAt, resolutionDueAt };
  if (dueAt <= now) return { ...deadlines, nextCheckAt: now };
  const later = dueAt > report.dueAt;
  return {
    ...deadlines,
    escalationLevel: later ? 0 : report.escalationLevel,
    remindedAt: later ? null : report.remindedAt,
    nextCheckAt: later || !report.remindedAt ? reminderCheck(dueAt, stage) : dueAt,
  };
}

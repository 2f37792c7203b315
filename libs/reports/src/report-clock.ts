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
}

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

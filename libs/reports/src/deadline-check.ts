import type { WorkingCalendar } from '@app/calendar';
import type { EscalationPolicy, Report } from '@app/database';
import type { EventOf, NewEvent, Stage } from '@app/workflow';

/** The report fields a deadline check reads (the row is locked while it runs). */
export type DeadlineFields = Pick<
  Report,
  | 'status'
  | 'stage'
  | 'stageVersion'
  | 'dueAt'
  | 'nextCheckAt'
  | 'remindedAt'
  | 'escalationLevel'
  | 'wasOverdue'
  | 'agencyId'
>;

/** The fields a check writes. All four are always given, so a batch can write them as one row each. */
export type DeadlineChanges = Pick<Report, 'remindedAt' | 'escalationLevel' | 'wasOverdue' | 'nextCheckAt'>;

export interface DeadlineDecision {
  changes: DeadlineChanges;
  events: NewEvent<'report.reminder' | 'report.overdue'>[];
}

/**
 * Whether a report's checkpoint has come: it is in a stage with a deadline, its next check is not in the
 * future, and (for a delayed job) it is still in the stage version the job was scheduled for.
 */
export function deadlineCheckDue(report: DeadlineFields, now: Date, stageVersion?: number): boolean {
  if (stageVersion !== undefined && report.stageVersion !== stageVersion) return false;
  return !!report.stage && !!report.dueAt && !!report.nextCheckAt && report.nextCheckAt <= now;
}

/**
 * The deadline rules (docs/domain.md#reminders-and-escalation), for one report at `now`: before the deadline, the reminder once, then wait for
 * the deadline; from the deadline on, every escalation level reached and not yet recorded (level 1 at the
 * deadline, 2 and 3 after the category's working delays), then wait for the next level. Returns null when
 * nothing is due. Used by the per-report check and by the batch sweep alike.
 */
export function decideDeadlineCheck(
  report: DeadlineFields,
  escalation: Pick<EscalationPolicy, 'level2AfterMinutes' | 'level3AfterMinutes'>,
  calendar: Pick<WorkingCalendar, 'addWorkingMinutes'>,
  now: Date,
  stageVersion?: number,
): DeadlineDecision | null {
  if (!deadlineCheckDue(report, now, stageVersion)) return null;
  // deadlineCheckDue: a stage with a deadline.
  const stage = report.stage as Stage;
  const dueAt = report.dueAt as Date;
  const found: EventOf<'report.reminder' | 'report.overdue'>[] = [];
  const changes: DeadlineChanges = {
    remindedAt: report.remindedAt,
    escalationLevel: report.escalationLevel,
    wasOverdue: report.wasOverdue,
    nextCheckAt: report.nextCheckAt,
  };
  if (now < dueAt) {
    if (!report.remindedAt) {
      found.push({ type: 'report.reminder', data: { stage, dueAt: dueAt.toISOString() } });
      changes.remindedAt = now;
    }
    changes.nextCheckAt = dueAt;
  } else {
    const thresholds = [
      dueAt,
      calendar.addWorkingMinutes(dueAt, escalation.level2AfterMinutes),
      calendar.addWorkingMinutes(dueAt, escalation.level3AfterMinutes),
    ];
    const reached = thresholds.filter((t) => t <= now).length;
    for (let level = report.escalationLevel + 1; level <= reached; level++) {
      found.push({
        type: 'report.overdue',
        data: { level, stage, dueAt: dueAt.toISOString(), agencyId: report.agencyId },
      });
    }
    changes.escalationLevel = Math.max(report.escalationLevel, reached);
    changes.wasOverdue = true;
    changes.nextCheckAt = thresholds[reached] ?? null;
  }
  // Staff-facing: the reporter is not told that an agency is late, the agency and the centre are.
  const events = found.map((e) => ({ ...e, fromStatus: report.status, toStatus: report.status, internal: true }));
  return { changes, events };
}

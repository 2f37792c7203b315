import { createWorkingCalendar, type CalendarKind } from './working-calendar';

// The default deadlines of a new category (docs/domain.md#deadlines), in working minutes of its calendar: the API
// fills them in when an admin leaves them out, the seed uses them, and the console's category editor shows them.
// Pure (no I/O), so the console compiles it too (.dependency-cruiser.cjs).

/** Minutes in one working day of each calendar: 450 for the office (07:30–11:30, 13:30–17:00), 1,440 for 24x7. */
export const WORKING_DAY_MINUTES: Record<CalendarKind, number> = {
  office: createWorkingCalendar('office').workingMinutesPerDay,
  '24x7': createWorkingCalendar('24x7').workingMinutesPerDay,
};

interface StageMinutes {
  screeningMinutes: number;
  acknowledgeMinutes: number;
  resolutionMinutes: number;
  reviewMinutes: number;
}

/** The default SLA table, by priority (the shape of a category's `sla`). */
export function defaultSla(calendar: CalendarKind): { normal: StageMinutes; urgent: StageMinutes } {
  const day = WORKING_DAY_MINUTES[calendar];
  return {
    normal: { screeningMinutes: 480, acknowledgeMinutes: 480, resolutionMinutes: 5 * day, reviewMinutes: 480 },
    urgent: { screeningMinutes: 30, acknowledgeMinutes: 60, resolutionMinutes: day, reviewMinutes: 120 },
  };
}

/** Reminder at 75 %; level 2 one working day and level 3 three working days after the deadline. */
export function defaultEscalation(calendar: CalendarKind): {
  reminderAtFraction: number;
  level2AfterMinutes: number;
  level3AfterMinutes: number;
} {
  const day = WORKING_DAY_MINUTES[calendar];
  return { reminderAtFraction: 0.75, level2AfterMinutes: day, level3AfterMinutes: 3 * day };
}

import type { CalendarKind } from '@app/calendar';
import type { CategorySla, EscalationPolicy } from '@app/database';

/** Minutes in one working day: 07:30–11:30 + 13:30–17:00 in the office calendar, 24 h in the 24x7 one. */
export const WORKING_DAY_MINUTES: Record<CalendarKind, number> = { office: 450, '24x7': 1440 };

/** The default SLA table (docs/domain.md#deadlines), in working minutes of the category's calendar. */
export function defaultSla(calendar: CalendarKind): CategorySla {
  const day = WORKING_DAY_MINUTES[calendar];
  return {
    normal: { screeningMinutes: 480, acknowledgeMinutes: 480, resolutionMinutes: 5 * day, reviewMinutes: 480 },
    urgent: { screeningMinutes: 30, acknowledgeMinutes: 60, resolutionMinutes: day, reviewMinutes: 120 },
  };
}

/** Reminder at 75 %; level 2 one working day and level 3 three working days after the deadline. */
export function defaultEscalation(calendar: CalendarKind): EscalationPolicy {
  const day = WORKING_DAY_MINUTES[calendar];
  return { reminderAtFraction: 0.75, level2AfterMinutes: day, level3AfterMinutes: 3 * day };
}

import type { WorkingCalendar } from './working-calendar';

/**
 * How late a case due at `dueAt` is at `now`, in the working time of its category's calendar (docs/domain.md: every
 * "overdue by" the staff read, the leaders' list, the agency's desk and the reminder letters, is this figure).
 * `days` is in whole working days of that calendar, unrounded, for ordering.
 */
export function workingLateness(calendar: WorkingCalendar, dueAt: Date, now: Date): { minutes: number; days: number } {
  const minutes = calendar.workingMinutesBetween(dueAt, now);
  return { minutes, days: minutes / calendar.workingMinutesPerDay };
}

/** Working days late as people read it: to one decimal. */
export const roundWorkingDays = (days: number): number => Math.round(days * 10) / 10;

// Public API of @app/calendar. The time-zone-parameterised lunar functions stay internal: only the Vietnamese
// (UTC+7) calendar is correct for this domain.
export { solarToLunar, lunarToSolar, lunarNewYear } from './lunar';
export type { LunarDate, SolarDate } from './lunar';
export { statutoryHolidays } from './holidays';
export type { StatutoryHoliday } from './holidays';
export { createWorkingCalendar, DEFAULT_OFFICE_HOURS } from './working-calendar';
export { roundWorkingDays, workingLateness } from './lateness';
export { defaultEscalation, defaultSla, WORKING_DAY_MINUTES } from './default-deadlines';
export type {
  CalendarKind,
  CalendarException,
  OfficePeriod,
  WorkingCalendar,
  WorkingCalendarOptions,
} from './working-calendar';
export { CALENDAR_EXCEPTIONS_SEED } from './exceptions-seed';
export type { CalendarExceptionSeed } from './exceptions-seed';

// The office calendar's working-time arithmetic in SQL, generated from the constants of working-calendar.ts so
// that office hours and the UTC offset are written once. Statistics need working time inside the database, where
// the JS calendar cannot run (docs/architecture.md#statistics-rollups). Pure: migrations import this file, so it
// must not import Nest, TypeORM or anything but other pure files, by relative paths.
import { VIETNAM_UTC_OFFSET } from '../../common/src/vietnam-time';
import { createWorkingCalendar, DEFAULT_OFFICE_HOURS, parseHhMm, type OfficePeriod } from './working-calendar';

/** The fixed offset of Vietnamese local time as a SQL interval: `INTERVAL '+07:00'`. */
const LOCAL_OFFSET = `INTERVAL '${VIETNAM_UTC_OFFSET}'`;

/** A timestamptz expression as Vietnamese local time (timestamp without time zone). */
export const localTimeSql = (column: string) => `(${column} AT TIME ZONE ${LOCAL_OFFSET})`;
/** A timestamptz expression as its Vietnamese local date. */
export const localDateSql = (column: string) => `${localTimeSql(column)}::date`;

/**
 * The CREATE OR REPLACE statements of the SQL working-time functions (first defined by migration 1763900000500):
 * - pa_office_minutes_before(t time): office minutes of a working day before local time t, one clamped term per
 *   office period. date_part (float8), not extract (numeric): this runs for every handled report of a period;
 * - pa_office_position(is_working, working_before, local_ts): working minutes from the first row of working_days
 *   to a local instant, given that date's row;
 * - pa_working_minutes(from_ts, to_ts, calendar): working minutes in [from_ts, to_ts) in a category calendar, as
 *   WorkingCalendar.workingMinutesBetween ('24x7' is elapsed time).
 */
export function workingTimeFunctionsSql(hours: readonly OfficePeriod[] = DEFAULT_OFFICE_HOURS): string[] {
  // The calendar validates the periods (format, order, overlaps) and knows the length of a working day.
  const { workingMinutesPerDay } = createWorkingCalendar('office', { officeHours: [...hours] });
  const terms = hours.map((p) => {
    const [start, end] = [parseHhMm(p.start), parseHhMm(p.end)];
    return `least(greatest((date_part('epoch', t) - ${start / 1000}) / 60, 0), ${(end - start) / 60_000})`;
  });
  const local = (column: string) => `${column} AT TIME ZONE ${LOCAL_OFFSET}`;
  return [
    `CREATE OR REPLACE FUNCTION pa_office_minutes_before(t time) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ${terms.join('\n             + ')}
      $$`,
    `CREATE OR REPLACE FUNCTION pa_office_position(is_working boolean, working_before integer, local_ts timestamp)
        RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT working_before * ${workingMinutesPerDay}::float8
             + CASE WHEN is_working THEN pa_office_minutes_before(local_ts::time) ELSE 0 END
      $$`,
    `CREATE OR REPLACE FUNCTION pa_working_minutes(from_ts timestamptz, to_ts timestamptz, calendar text)
        RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN from_ts IS NULL OR to_ts IS NULL THEN NULL
          WHEN to_ts <= from_ts THEN 0
          WHEN calendar = '24x7' THEN date_part('epoch', to_ts - from_ts) / 60
          ELSE (SELECT pa_office_position(b.is_working, b.working_before, ${local('to_ts')})
                     - pa_office_position(a.is_working, a.working_before, ${local('from_ts')})
                  FROM working_days a, working_days b
                 WHERE a.day = (${local('from_ts')})::date
                   AND b.day = (${local('to_ts')})::date)
        END
      $$`,
  ];
}

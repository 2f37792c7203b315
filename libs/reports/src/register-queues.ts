import { createWorkingCalendar } from '@app/calendar';
import type { EventType } from '@app/workflow';

// The queues of the register (GET /api/v1/reports, docs/api.md#the-register-get-reports): what the centre's and the
// agencies' desks work through, as conditions on `reports r`. Whether a case came back from an agency, or had its
// result sent back, is the timeline's to say (its last hand-over), read through report_events_report_idx
// backwards; the other queues are the report's own columns. ReportsQueryService.listForStaff applies them.

/** The last of these events on the case's timeline, as one row (type, data) over `reports r`. */
const lastOf = (types: EventType[]) =>
  `(SELECT e.type, e.data FROM report_events e
     WHERE e.report_id = r.id AND e.type IN (${types.map((t) => `'${t}'`).join(', ')})
     ORDER BY e.seq DESC LIMIT 1)`;

/** What moves a case between the centre and an agency. */
const HANDOVERS: EventType[] = ['report.assigned', 'report.reassigned', 'report.returned'];
/** What starts or ends a round of the agency's result. */
const RESULT_ROUNDS: EventType[] = ['report.result_submitted', 'report.sent_back', 'report.reopened'];

/** Back with the centre for screening because an agency returned it, and not assigned since. */
export const RETURNED_SQL = `(r.status = 'received' AND EXISTS (SELECT 1 FROM ${lastOf(HANDOVERS)} h
   WHERE h.type = 'report.returned'))`;

/** The agency's result was sent back by the centre, and the agency is handling the case again (in_progress). */
export const SENT_BACK_SQL = `(r.status = 'in_progress' AND EXISTS (SELECT 1 FROM ${lastOf(RESULT_ROUNDS)} s
   WHERE s.type = 'report.sent_back'))`;

/** The agency that returned a case of RETURNED_SQL, `{ id, name }`, else null; as SQL over `reports r`. */
export const RETURNED_BY_SQL = `(SELECT json_build_object('id', a.id, 'name', a.name)
   FROM ${lastOf(HANDOVERS)} h JOIN agencies a ON a.id = CAST(h.data->>'returnedByAgencyId' AS uuid)
  WHERE r.status = 'received' AND h.type = 'report.returned')`;

/** An agency that returned a case, as staff see it. */
export interface ReturnedByView {
  id: string;
  name: string;
}

/** Minutes of an office working day (450): the unit of `needInfoOlderThan`. */
export const OFFICE_DAY_MINUTES = createWorkingCalendar('office').workingMinutesPerDay;

/**
 * Waiting for the citizen (need_info) for at least `:needInfoMinutes` working minutes of the office calendar since
 * the question (paused_at), whatever the case's category: pa_working_minutes, the calendar in SQL.
 */
export const NEED_INFO_OLDER_SQL = `(r.status = 'need_info'
   AND pa_working_minutes(r.paused_at, now(), 'office') >= :needInfoMinutes)`;

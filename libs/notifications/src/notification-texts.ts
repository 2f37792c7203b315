// What people read in the inbox and in push: each event's own words (@app/workflow event-texts.ts) under a title
// that names the report and its new status (docs/domain.md#statuses). Pure: no framework imports, so the policy
// and its tests can use it directly.
import { EVENT_TEXTS, STATUS_LABEL, type EventMap, type EventType, type ReportStatus, type Text } from '@app/workflow';

interface LineInput {
  code: string;
  toStatus: ReportStatus | null;
  /** The deadline the line talks about (the event's own for reminders, else the report's). */
  dueAt: Date | string | null;
  /** The report's title or the start of its description. */
  excerpt: string;
}

/** An event with its data, of any one type. */
type Typed<E extends EventType> = { type: E; data: EventMap[E] };

const titleOf = (code: string, status: ReportStatus | null) =>
  status ? `Phản ánh ${code}: ${STATUS_LABEL[status]}` : `Phản ánh ${code}`;

/** The reporter's line: the words written to them (a question, a note, a reason) included. Null: none. */
export function reporterText<E extends EventType>(event: Typed<E>, i: LineInput): Text | null {
  const texts = EVENT_TEXTS[event.type];
  const body = texts.reporter?.(i.code, event.data);
  return body === undefined ? null : { title: texts.reporterTitle?.(i.code) ?? titleOf(i.code, i.toStatus), body };
}

/**
 * Text for followers of a report: that its status changed, and nothing of anyone's words, which were written to
 * the reporter and may carry their phone number or address.
 */
export function followerText(i: Pick<LineInput, 'code' | 'toStatus'>): Text | null {
  if (!i.toStatus) return null;
  return {
    title: titleOf(i.code, i.toStatus),
    body: `Phản ánh ${i.code} chuyển sang trạng thái: ${STATUS_LABEL[i.toStatus]}.`,
  };
}

/** The line for the staff of the agency handling the case. Null: none. */
export function agencyText<E extends EventType>(event: Typed<E>, i: LineInput): Text | null {
  return EVENT_TEXTS[event.type].agency?.({ code: i.code, excerpt: i.excerpt, dueAt: i.dueAt }, event.data) ?? null;
}

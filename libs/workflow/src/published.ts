import type { EventType } from './events';
import { maskPublicText } from './public-text';
import type { CancelReason, ReportStatus } from './workflow.types';

/**
 * Cancellations that take a report out of public view: the citizen withdrew it, or the centre found it spam.
 * A report cancelled as a duplicate, as ineligible or for want of an answer stays public with that status, so
 * the public (and an integration that filed it) can see what became of it.
 */
const UNPUBLISHING_CANCEL_REASONS: readonly CancelReason[] = ['withdrawn', 'spam'];

/**
 * Cancellations that are the centre's screening decision: it looked at the report and found it a duplicate or out
 * of scope. Such a report was screened even though it never reached an agency.
 */
const SCREENING_CANCEL_REASONS: readonly CancelReason[] = ['duplicate', 'not_eligible'];

/**
 * Whether the public may see a report (docs/domain.md#privacy): its reporter let it be public, the centre has
 * screened it, and it was not withdrawn or cancelled as spam. Screened means the report left screening for an
 * agency at least once (`firstAssignedAt`: the centre's assignment, or the category's automatic one that the centre
 * set up), or the centre cancelled it at screening as a duplicate or out of scope; a report still waiting, asked for
 * information from screening, or given up for want of an answer before any assignment was never published. Every
 * public face uses this one rule: the report and list routes, the portal's map, case page and feeds, Open311
 * (requests and updates), the public real-time room, the duplicate hint for citizens, the public copies of photos.
 * A follower keeps reading a case they follow (report-view.policy).
 */
export const isPublished = (report: {
  isPublic: boolean;
  status: ReportStatus;
  cancelReason: CancelReason | null;
  firstAssignedAt: Date | string | null;
}): boolean =>
  report.isPublic &&
  (report.firstAssignedAt != null ||
    (report.status === 'cancelled' && SCREENING_CANCEL_REASONS.includes(report.cancelReason as CancelReason))) &&
  !(report.status === 'cancelled' && UNPUBLISHING_CANCEL_REASONS.includes(report.cancelReason as CancelReason));

const list = (reasons: readonly CancelReason[]) => reasons.map((r) => `'${r}'`).join(', ');

/** The same rule as SQL over the `reports` table under `alias`. */
export const publishedSql = (alias: string): string =>
  `(${alias}.is_public AND (${alias}.first_assigned_at IS NOT NULL OR (${alias}.status = 'cancelled' AND ${alias}.cancel_reason IN (${list(SCREENING_CANCEL_REASONS)}))) AND NOT (${alias}.status = 'cancelled' AND ${alias}.cancel_reason IN (${list(UNPUBLISHING_CANCEL_REASONS)})))`;

/**
 * Whether the public and followers may read the words of a (non-internal) timeline event: the approved result,
 * and notes that came in through an integration's public update feed (Open311). A staff member's note to the
 * reporter, an info question, a rejection note, a reopening reason are for the reporter: they often hold the
 * reporter's phone or address. Everyone else sees only that the event happened and the status it brought.
 */
export const isPublicEventData = (event: { type: EventType; actorRoles: readonly string[] }): boolean =>
  event.type === 'report.result_approved' ||
  (event.type === 'report.note_added' && event.actorRoles.includes('integration'));

/**
 * The data of a timeline event as followers and the public read it: the words of an approved result or an
 * integration's note with phones, ID cards and house numbers masked (public-text.ts), and nothing of any other event.
 */
export function publicEventData(event: {
  type: EventType;
  actorRoles: readonly string[];
  data: Record<string, unknown>;
}): Record<string, unknown> {
  if (!isPublicEventData(event)) return {};
  const text = event.data.text;
  return typeof text === 'string' ? { ...event.data, text: maskPublicText(text) } : event.data;
}

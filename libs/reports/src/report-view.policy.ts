import { attachmentUrl, type AttachmentVariant, variantFor } from '@app/attachments';
import type { AuthUser } from '@app/auth';
import type { Attachment, Report } from '@app/database';
import {
  ACTION_SLUGS,
  AGENCY_ROLES,
  agencySeesReporter,
  agencySeesReporterSql,
  allowedActions,
  CENTRE_ROLES,
  DEFAULT_WORKFLOW_LIMITS,
  hasAnyRole,
  isPublished,
  maskPublicText,
  publicWording,
  type ActionSlug,
  type Actor,
} from '@app/workflow';
import type { ReturnedByView } from './register-queues';

/**
 * The one place that decides who may see a report and which of its fields (docs/domain.md#privacy).
 * - centre: screeners, operators, provincial leaders, admins: everything, including the reporter's identity;
 * - agency: officers and leaders of the agency the case is assigned to, and leaders of the agencies above it in
 *   the tree (oversight.ts): everything but the reporter's identity,
 *   which they see only when the reporter allowed contact (so too the photos' originals, EXIF and GPS included;
 *   otherwise the cleaned copies: @app/attachments variantFor);
 * - reporter: the citizen who filed it: their own report, without staff-only fields;
 * - follower / public: published fields only, never personal data or non-public photos.
 * Agency staff get nothing of other agencies' cases. Anyone else gets `null`, which callers turn into 404 so ids cannot be probed.
 */
export type AccessLevel = 'centre' | 'agency' | 'reporter' | 'follower' | 'public';

export function accessLevel(
  report: Pick<Report, 'agencyId' | 'reporterId' | 'isPublic' | 'status' | 'cancelReason' | 'firstAssignedAt'>,
  viewer: AuthUser | undefined,
  isFollower = false,
  /** The viewer leads an agency above the case's agency (oversight.ts): they see it as its agency does. */
  oversees = false,
): AccessLevel | null {
  if (viewer) {
    if (hasAnyRole(viewer.roles, CENTRE_ROLES)) return 'centre';
    if (hasAnyRole(viewer.roles, AGENCY_ROLES) && viewer.agencyId && viewer.agencyId === report.agencyId)
      return 'agency';
    if (oversees && viewer.roles.includes('agency_leader')) return 'agency';
    if (report.reporterId === viewer.id) return 'reporter';
    if (isFollower) return 'follower';
    // Agencies never see other agencies' cases, not even public ones, through the staff routes.
    if (hasAnyRole(viewer.roles, AGENCY_ROLES)) return null;
  }
  return isPublished(report) ? 'public' : null;
}

/**
 * Whether the viewer sees who reported (name and phone): the centre always, the case's agency only when the
 * reporter allowed contact and did not hide their identity (@app/workflow agencySeesReporter), the reporter
 * themselves. `reporterVisibleSql` is the same rule as SQL for the staff list, so a search by phone finds only
 * the reports whose reporter the viewer may see.
 */
const seesReporter = (level: AccessLevel, report: Pick<Report, 'allowContact' | 'hideIdentity'>) =>
  level !== 'agency' || agencySeesReporter(report);
export const reporterVisibleSql = (level: 'centre' | 'agency', alias: string) =>
  level === 'centre' ? 'true' : agencySeesReporterSql(alias);

/** Staff levels see internal timeline entries and operational fields. */
export const isStaffLevel = (level: AccessLevel | null) => level === 'centre' || level === 'agency';

/**
 * Acting needs more than reading: only the centre, the case's agency and the reporter act. Anyone else (a
 * follower, the public) gets 404 from the action route, whether or not the report is public.
 */
export const mayAct = (level: AccessLevel | null | undefined): boolean =>
  level === 'centre' || level === 'agency' || level === 'reporter';

/** A logged-in person as the workflow's actor. */
export const actorOf = (user: AuthUser): Actor => ({
  kind: 'user',
  userId: user.id,
  roles: user.roles,
  agencyId: user.agencyId,
});

/** What the viewer may do to the report now, as the action route's slugs: the workflow's own rule, never a copy. */
function actionsFor(report: Report, level: AccessLevel, viewer: AuthUser | undefined, now: Date): ActionSlug[] {
  if (!viewer || !mayAct(level)) return [];
  return allowedActions(report, actorOf(viewer), { now, limits: DEFAULT_WORKFLOW_LIMITS }).map((a) => ACTION_SLUGS[a]);
}

/** The officer a case is delegated to, as staff who see the case see them. */
export interface AssigneeView {
  id: string;
  fullName: string;
}

export interface ReporterIdentity {
  id: string;
  fullName: string;
  phone: string | null;
}

export interface AttachmentView {
  id: string;
  mimeType: string;
  size: number;
  url: string;
  /** Which file this viewer receives from `url`: the upload as it came, or the copy without metadata (EXIF, GPS). */
  variant: AttachmentVariant;
}

/**
 * The attachments this viewer can receive, each saying which file its URL gives them, by the content route's own
 * rule (variantFor); the ones they cannot receive at all (e.g. a HEIC for an agency the reporter refused
 * contact to, a private photo for the public) are left out.
 */
const attachmentViews = (report: Report, list: Attachment[], viewer: AuthUser | undefined): AttachmentView[] =>
  list.flatMap((a) => {
    const access = {
      agencyId: report.agencyId,
      reporterId: report.reporterId,
      published: isPublished(report),
      agencySeesReporter: agencySeesReporter(report),
    };
    const variant = variantFor(
      { ownerId: a.ownerId, isPublic: a.isPublic, hasCleanedCopy: a.publicStorageKey !== null, report: access },
      viewer,
    );
    return variant ? [{ id: a.id, mimeType: a.mimeType, size: a.size, url: attachmentUrl(a.id), variant }] : [];
  });

interface ViewExtras {
  /** Who the view is for: what each attachment's URL gives and which actions are offered depend on it. */
  viewer: AuthUser | undefined;
  reporter?: ReporterIdentity | null;
  /** The assignee's name, for staff levels (the view shows none without it). */
  assignee?: AssigneeView | null;
  /** The agency that returned a case now back in screening, for staff levels (register-queues.ts). */
  returnedBy?: ReturnedByView | null;
  /** Working days late (@app/calendar workingLateness), for staff levels; null when not overdue. */
  overdueWorkingDays?: number | null;
  now?: Date;
  attachments?: Attachment[];
}

export function toReportView(report: Report, level: AccessLevel, extras: ViewExtras) {
  const now = extras.now ?? new Date();
  const all = extras.attachments ?? [];
  const { viewer } = extras;
  const resultIds = new Set(report.result?.attachmentIds ?? []);
  const staff = isStaffLevel(level);
  const published = level === 'public' || level === 'follower';
  // An agency's answer reaches citizens and the public only once the centre has approved it.
  const resultVisible = report.result !== null && (staff || report.status === 'resolved' || report.status === 'closed');

  const base = {
    id: report.id,
    code: report.code,
    status: report.status,
    cancelReason: report.cancelReason,
    duplicateOfId: report.duplicateOfId,
    categoryId: report.categoryId,
    agencyId: report.agencyId,
    priority: report.priority,
    channel: report.channel,
    title: report.title,
    description: report.description,
    // Null for a report staff filed with only a commune and an address (docs/domain.md#communes-and-addresses).
    location: report.location && { lat: report.location.coordinates[1], lng: report.location.coordinates[0] },
    address: report.address,
    communeCode: report.communeCode,
    dueAt: report.dueAt,
    overdue: report.dueAt !== null && report.dueAt < now,
    escalationLevel: report.escalationLevel,
    version: report.version,
    /** The actions (slugs of POST …/actions/:action) this viewer may take now; empty for anyone who cannot act. */
    allowedActions: actionsFor(report, level, viewer, now),
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    resolvedAt: report.resolvedAt,
    attachments: attachmentViews(
      report,
      all.filter((a) => !a.eventId),
      viewer,
    ),
    result: resultVisible
      ? {
          text: report.result!.text,
          at: report.result!.at,
          attachments: attachmentViews(
            report,
            all.filter((a) => resultIds.has(a.id)),
            viewer,
          ),
        }
      : null,
  };
  // The public's words: the centre's wording if any, phones, ID cards and house numbers masked (docs/domain.md#privacy).
  if (published)
    return {
      ...base,
      ...publicWording(report),
      result: base.result && { ...base.result, text: maskPublicText(base.result.text) },
    };

  const own = {
    ...base,
    isPublic: report.isPublic,
    hideIdentity: report.hideIdentity,
    allowContact: report.allowContact,
    rating:
      report.rated || report.ratingSatisfied !== null
        ? { satisfied: report.ratingSatisfied, comment: report.ratingComment, at: report.ratedAt }
        : null,
  };
  if (level === 'reporter') return { ...own, reporter: extras.reporter ?? null };

  const showIdentity = seesReporter(level, report);
  return {
    ...own,
    stage: report.stage,
    resolutionDueAt: report.resolutionDueAt,
    wasOverdue: report.wasOverdue,
    suggestedAgencyId: report.suggestedAgencyId,
    // Which routing rule gave the suggestion and why (docs/domain.md#routing-rules); null: jurisdictions or default.
    suggestionRule: report.suggestionRule,
    extensionRequest: report.extensionRequest,
    extensionCount: report.extensionCount,
    hotlineCallId: level === 'centre' ? report.hotlineCallId : null,
    // The centre's wording for the public (null: the reporter's, masked), for the desk that moderates it.
    publicTitle: report.publicTitle,
    publicDescription: report.publicDescription,
    assignee: report.assigneeId ? (extras.assignee ?? null) : null,
    returnedBy: extras.returnedBy ?? null,
    overdueWorkingDays: extras.overdueWorkingDays ?? null,
    reporter: showIdentity ? (extras.reporter ?? null) : null,
  };
}

export type ReportView = ReturnType<typeof toReportView>;

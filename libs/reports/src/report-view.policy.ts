import { attachmentUrl, type AttachmentVariant, variantFor } from '@app/attachments';
import type { AuthUser } from '@app/auth';
import type { Attachment, Report } from '@app/database';
import { isPublished } from '@app/workflow';

/**
 * The one place that decides who may see a report and which of its fields (docs/domain.md#privacy).
 * - centre: screeners, operators, provincial leaders, admins: everything, including the reporter's identity;
 * - agency: officers and leaders of the agency the case is assigned to: everything but the reporter's identity,
 *   which they see only when the reporter allowed contact (so too the photos' originals, EXIF and GPS included;
 *   otherwise the cleaned copies: @app/attachments variantFor);
 * - reporter: the citizen who filed it: their own report, without staff-only fields;
 * - follower / public: published fields only, never personal data or non-public photos.
 * Agency staff get nothing of other agencies' cases. Anyone else gets `null`, which callers turn into 404 so ids cannot be probed.
 */
export type AccessLevel = 'centre' | 'agency' | 'reporter' | 'follower' | 'public';

const CENTRE_ROLES = new Set(['screener', 'operator', 'leader', 'admin']);
const AGENCY_ROLES = new Set(['agency_officer', 'agency_leader']);

export function accessLevel(
  report: Pick<Report, 'agencyId' | 'reporterId' | 'isPublic' | 'status' | 'cancelReason'>,
  viewer: AuthUser | undefined,
  isFollower = false,
): AccessLevel | null {
  if (viewer) {
    if (viewer.roles.some((r) => CENTRE_ROLES.has(r))) return 'centre';
    if (viewer.roles.some((r) => AGENCY_ROLES.has(r)) && viewer.agencyId && viewer.agencyId === report.agencyId) return 'agency';
    if (report.reporterId === viewer.id) return 'reporter';
    if (isFollower) return 'follower';
    // Agencies never see other agencies' cases, not even public ones, through the staff routes.
    if (viewer.roles.some((r) => AGENCY_ROLES.has(r))) return null;
  }
  return isPublished(report) ? 'public' : null;
}

/** Staff levels see internal timeline entries and operational fields. */
export const isStaffLevel = (level: AccessLevel | null) => level === 'centre' || level === 'agency';

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
    const access = { agencyId: report.agencyId, reporterId: report.reporterId, published: isPublished(report), allowContact: report.allowContact };
    const variant = variantFor({ ownerId: a.ownerId, isPublic: a.isPublic, hasCleanedCopy: a.publicStorageKey !== null, report: access }, viewer);
    return variant ? [{ id: a.id, mimeType: a.mimeType, size: a.size, url: attachmentUrl(a.id), variant }] : [];
  });

type ViewExtras = { reporter?: ReporterIdentity | null; now?: Date } & (
  | { attachments?: undefined }
  /** The report's attachments come with the viewer they are listed for: what each URL gives depends on who asks. */
  | { attachments: Attachment[]; viewer: AuthUser | undefined }
);

export function toReportView(report: Report, level: AccessLevel, extras: ViewExtras = {}) {
  const now = extras.now ?? new Date();
  const all = extras.attachments ?? [];
  const viewer = 'viewer' in extras ? extras.viewer : undefined;
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
    location: { lat: report.location.coordinates[1], lng: report.location.coordinates[0] },
    address: report.address,
    dueAt: report.dueAt,
    overdue: report.dueAt !== null && report.dueAt < now,
    escalationLevel: report.escalationLevel,
    version: report.version,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    resolvedAt: report.resolvedAt,
    attachments: attachmentViews(report, all.filter((a) => !a.eventId), viewer),
    result: resultVisible
      ? {
          text: report.result!.text,
          at: report.result!.at,
          attachments: attachmentViews(report, all.filter((a) => resultIds.has(a.id)), viewer),
        }
      : null,
  };
  if (published) return base;

  const own = {
    ...base,
    isPublic: report.isPublic,
    hideIdentity: report.hideIdentity,
    allowContact: report.allowContact,
    rating: report.rated || report.ratingSatisfied !== null
      ? { satisfied: report.ratingSatisfied, comment: report.ratingComment, at: report.ratedAt }
      : null,
  };
  if (level === 'reporter') return { ...own, reporter: extras.reporter ?? null };

  const showIdentity = level === 'centre' || report.allowContact;
  return {
    ...own,
    stage: report.stage,
    resolutionDueAt: report.resolutionDueAt,
    wasOverdue: report.wasOverdue,
    suggestedAgencyId: report.suggestedAgencyId,
    extensionRequest: report.extensionRequest,
    extensionCount: report.extensionCount,
    hotlineCallId: level === 'centre' ? report.hotlineCallId : null,
    reporter: showIdentity ? (extras.reporter ?? null) : null,
  };
}

export type ReportView = ReturnType<typeof toReportView>;

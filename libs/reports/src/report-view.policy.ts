import type { AuthUser } from '@app/auth';
import type { Attachment, Report } from '@app/database';

/**
 * The one place that decides who may see a report and which of its fields (DOMAIN.md, Privacy).
 * - centre: screeners, operators, provincial leaders, admins: everything, including the reporter's identity;
 * - agency: officers and leaders of the agency the case is assigned to: everything but the reporter's identity,
 *   which they see only when the reporter allowed contact;
 * - reporter: the citizen who filed it: their own report, without staff-only fields;
 * - follower / public: published fields only, never personal data or non-public photos.
 * Agency staff get nothing of other agencies' cases. Anyone else gets `null`, which callers turn into 404 so ids cannot be probed.
 */
export type AccessLevel = 'centre' | 'agency' | 'reporter' | 'follower' | 'public';

const CENTRE_ROLES = new Set(['screener', 'operator', 'leader', 'admin']);
const AGENCY_ROLES = new Set(['agency_officer', 'agency_leader']);

export function accessLevel(
  report: Pick<Report, 'agencyId' | 'reporterId' | 'isPublic'>,
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
  return report.isPublic ? 'public' : null;
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
}

const attachmentView = (a: Attachment): AttachmentView => ({
  id: a.id,
  mimeType: a.mimeType,
  size: a.size,
  url: `/api/v1/attachments/${a.id}/content`,
});

/** Public views show only attachments that have a stripped public copy and that nobody marked private. */
const publicAttachments = (report: Pick<Report, 'isPublic'>, list: Attachment[]) =>
  report.isPublic ? list.filter((a) => a.isPublic && a.publicStorageKey) : [];

export function toReportView(
  report: Report,
  level: AccessLevel,
  extras: { attachments?: Attachment[]; reporter?: ReporterIdentity | null; now?: Date } = {},
) {
  const now = extras.now ?? new Date();
  const all = extras.attachments ?? [];
  const reportAttachments = all.filter((a) => !a.eventId);
  const resultIds = new Set(report.result?.attachmentIds ?? []);
  const staff = isStaffLevel(level);
  const published = level === 'public' || level === 'follower';
  const visibleAttachments = published ? publicAttachments(report, all) : all;
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
    attachments: (published ? publicAttachments(report, reportAttachments) : reportAttachments).map(attachmentView),
    result: resultVisible
      ? {
          text: report.result!.text,
          at: report.result!.at,
          attachments: visibleAttachments.filter((a) => resultIds.has(a.id)).map(attachmentView),
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

import type { AuthUser } from '@app/auth';
import { AGENCY_ROLES, CENTRE_ROLES, hasAnyRole } from '@app/workflow';

/** Which file an attachment's URL gives a viewer: the upload as it came, or the re-encoded copy without metadata. */
export type AttachmentVariant = 'original' | 'cleaned';

/** What the rule needs of an attachment and of the report that claimed it (null while unclaimed). */
export interface AttachmentAccess {
  ownerId: string;
  isPublic: boolean;
  /** A photo has a cleaned copy; HEIC and mp4 have none (we cannot strip them). */
  hasCleanedCopy: boolean;
  /** `published`: the public may see the report (@app/workflow isPublished: public, not withdrawn, not spam). */
  report: {
    agencyId: string | null;
    reporterId: string | null;
    published: boolean;
    agencySeesReporter: boolean;
  } | null;
}

/**
 * The one rule for who receives which file, used by the content route and by the report view (which tells each
 * viewer what its URL will give them); null means nothing (404, so ids cannot be probed).
 * - the uploader and centre staff: the original;
 * - agency staff of the case: the original only when it may know the reporter (@app/workflow agencySeesReporter:
 *   contact allowed, identity not hidden). Otherwise the cleaned copy,
 *   because the original's EXIF carries where the reporter stood (often their home) and their phone's identity;
 *   a file without a cleaned copy (HEIC, mp4) is withheld;
 * - the reporter: the cleaned copy of the case's public attachments (e.g. the agency's result photos), even when
 *   the report is not public;
 * - anyone, for a published report: the cleaned copy of its public attachments (a withdrawn or spam one has none).
 */
export function variantFor(a: AttachmentAccess, viewer: AuthUser | undefined): AttachmentVariant | null {
  const cleaned = a.hasCleanedCopy ? 'cleaned' : null;
  const report = a.report;
  if (viewer) {
    if (viewer.id === a.ownerId || hasAnyRole(viewer.roles, CENTRE_ROLES)) return 'original';
    if (report && viewer.agencyId && viewer.agencyId === report.agencyId && hasAnyRole(viewer.roles, AGENCY_ROLES)) {
      return report.agencySeesReporter ? 'original' : cleaned;
    }
    if (report && report.reporterId === viewer.id && a.isPublic) return cleaned;
  }
  return report?.published && a.isPublic ? cleaned : null;
}

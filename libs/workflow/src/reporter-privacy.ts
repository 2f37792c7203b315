/**
 * Whether the agency handling a case may know who reported it: name, phone, and the photos' originals (whose
 * EXIF carries where the reporter stood and their phone's identity). Only when the reporter allowed contact and
 * did not ask to hide their identity; the centre always knows (docs/domain.md#privacy). The report view, the
 * register's phone search and the attachment route all ask this one rule.
 */
export const agencySeesReporter = (report: { allowContact: boolean; hideIdentity: boolean }): boolean =>
  report.allowContact && !report.hideIdentity;

/** The same rule as SQL over the `reports` table under `alias`. */
export const agencySeesReporterSql = (alias: string): string =>
  `(${alias}.allow_contact AND NOT ${alias}.hide_identity)`;

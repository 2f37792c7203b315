// Patches several actions share.
import type { ReportPatch, ReportState } from '../workflow.types';

/** The case leaves its agency: extensions belong to that agency's handling, so they go too. */
export const leaveAgency = (report: ReportState): ReportPatch =>
  report.agencyId === null && report.extensionCount === 0 && report.extensionRequest === null
    ? {}
    : { agencyId: null, extensionCount: 0, extensionRequest: null };

export const cancel = (reason: ReportPatch['cancelReason'], now: Date, extra: ReportPatch = {}): ReportPatch => ({
  cancelReason: reason,
  cancelledAt: now,
  ...extra,
});

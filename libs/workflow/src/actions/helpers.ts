// Patches several actions share.
import type { ReportPatch, ReportState } from '../workflow.types';

/**
 * What belongs to one agency's handling of the case: its extensions, the officer it delegated the case to, and a
 * hand-down to one of its units.
 */
const HANDLING_RESET: ReportPatch = { extensionCount: 0, extensionRequest: null, assigneeId: null, handedDown: null };

/** The case leaves its agency: that agency's handling goes with it (HANDLING_RESET). */
export const leaveAgency = (report: ReportState): ReportPatch =>
  report.agencyId === null &&
  report.extensionCount === 0 &&
  report.extensionRequest === null &&
  report.assigneeId === null &&
  (report.handedDown ?? null) === null
    ? {}
    : { agencyId: null, ...HANDLING_RESET };

/** The case moves to another agency (a reassignment): the old agency's handling does not follow it. */
export const changeAgency = (agencyId: string): ReportPatch => ({ agencyId, ...HANDLING_RESET });

export const cancel = (reason: ReportPatch['cancelReason'], now: Date, extra: ReportPatch = {}): ReportPatch => ({
  cancelReason: reason,
  cancelledAt: now,
  ...extra,
});

// The roles an account can hold and the sets of them that rules name, each written once. Browser-safe (imports
// nothing): the API's guards and policies, the worker and the console all read these.

export const ROLES = ['citizen', 'operator', 'screener', 'agency_officer', 'agency_leader', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone but citizens: the staff routes and the console's accounts. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'citizen');

/** An agency's people: they see and act on their own agency's cases, nothing else. */
export const AGENCY_ROLES: readonly Role[] = ['agency_officer', 'agency_leader'];

/**
 * The provincial centre ("trung tâm"): every case in full, the reporter's identity and the photos' originals
 * included (report-view.policy, attachment-variant), and the hotline's records.
 */
export const CENTRE_ROLES: readonly Role[] = ['screener', 'operator', 'leader', 'admin'];

/** Who works the centre's live queues (new reports, results to review): the `centre` real-time room. */
export const CENTRE_QUEUE_ROLES: readonly Role[] = ['screener', 'operator'];

/** Province-wide oversight: every agency's figures and overdue cases, reminder letters, duplicate candidates. */
export const OVERSIGHT_ROLES: readonly Role[] = ['screener', 'leader', 'admin'];

/** Who reads figures and overdue lists: province-wide oversight, and an agency's leader for their own agency. */
export const REPORTING_ROLES: readonly Role[] = [...OVERSIGHT_ROLES, 'agency_leader'];

/** The province's leadership: escalations from level 2 on (the `leadership` real-time room). */
export const LEADERSHIP_ROLES: readonly Role[] = ['leader', 'admin'];

/** Whether any of `roles` is in `set` (roles come from tokens and rows as plain strings). */
export const hasAnyRole = (roles: readonly string[], set: readonly Role[]): boolean =>
  roles.some((r) => (set as readonly string[]).includes(r));

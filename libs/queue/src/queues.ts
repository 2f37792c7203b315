/**
 * Every queue and job name, with its payload type, in one place. Job ids are chosen so that repeats are
 * harmless: the same event or the same deadline check enqueued twice is one job.
 */
export const QUEUES = {
  /** Outbox fan-out: one job per timeline event (job id = event id). */
  events: 'events',
  /** Deadline checks: one delayed job per report stage (job id carries the stage version). */
  deadlines: 'deadlines',
  /** Messages outside the app (push, SMS, Zalo, email): one job per event, person and channel, retried with backoff. */
  deliveries: 'deliveries',
  /** Recurring sweeps and housekeeping, registered once per cluster as repeatable jobs. */
  maintenance: 'maintenance',
  /** The Zalo OA's webhook events (payload: ZaloEvent, libs/zalo), job id = Zalo's message id. */
  zalo: 'zalo',
} as const;

export const JOBS = {
  dispatchEvent: 'dispatch-event',
  checkDeadline: 'check-deadline',
  deliver: 'deliver',
  relayOutbox: 'relay-outbox',
  sweepDeadlines: 'sweep-deadlines',
  systemActions: 'system-actions',
  cleanupAttachments: 'cleanup-attachments',
  /** Hourly: Idempotency-Keys older than their TTL are forgotten (IdempotencyKeysService). */
  expireIdempotencyKeys: 'expire-idempotency-keys',
  /** Weekly: one reminder letter per agency with level-3 cases (no payload; the week is taken from the clock). */
  prepareReminderLetters: 'prepare-reminder-letters',
  /** Folds the statistics rollups' appended rows (StatsRollupsService). */
  compactStats: 'compact-stats',
  /** Hourly: each agency with an email address gets the cases given to it since its last digest. */
  sendAssignmentDigests: 'send-assignment-digests',
  zaloEvent: 'zalo-event',
} as const;

export interface DispatchEventJob {
  eventId: string;
}

export interface CheckDeadlineJob {
  reportId: string;
  /** The stage version the job was scheduled for; a report that has moved on makes the job a no-op. */
  stageVersion: number;
}

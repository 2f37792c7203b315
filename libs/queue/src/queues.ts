/**
 * Every queue and job name, with its payload type, in one place. Job ids are chosen so that repeats are
 * harmless: the same event or the same deadline check enqueued twice is one job.
 */
export const QUEUES = {
  /** Outbox fan-out: one job per timeline event (job id = event id). */
  events: 'events',
  /** Deadline checks: one delayed job per report stage (job id carries the stage version). */
  deadlines: 'deadlines',
  /** FCM sends with retries and backoff. */
  push: 'push',
  /** Recurring sweeps and housekeeping, registered once per cluster as repeatable jobs. */
  maintenance: 'maintenance',
} as const;

export const JOBS = {
  dispatchEvent: 'dispatch-event',
  checkDeadline: 'check-deadline',
  sendPush: 'send-push',
  relayOutbox: 'relay-outbox',
  sweepDeadlines: 'sweep-deadlines',
  autoClose: 'auto-close',
  cleanupAttachments: 'cleanup-attachments',
} as const;

export interface DispatchEventJob {
  eventId: string;
}

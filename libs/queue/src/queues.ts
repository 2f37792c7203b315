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
  systemActions: 'system-actions',
  cleanupAttachments: 'cleanup-attachments',
  /** Weekly: one reminder letter per agency with level-3 cases (no payload; the week is taken from the clock). */
  prepareReminderLetters: 'prepare-reminder-letters',
  /** Folds the statistics rollups' appended rows (StatsRollupsService). */
  compactStats: 'compact-stats',
} as const;

export interface DispatchEventJob {
  eventId: string;
}

export interface CheckDeadlineJob {
  reportId: string;
  /** The stage version the job was scheduled for; a report that has moved on makes the job a no-op. */
  stageVersion: number;
}

/** One push to one user's devices about one event (job id `${eventId}:${userId}`, so a repeat is one job). */
export interface SendPushJob {
  eventId: string;
  userId: string;
  /** The inbox row the push mirrors, so a tap can open it. */
  notificationId: string | null;
  title: string;
  body: string;
  /** FCM data payload: string values only. */
  data: Record<string, string>;
  /** Set on a retry: only the devices whose send failed with a retryable error are tried again. */
  tokens?: string[];
}

/** The Zalo intake's Bull queue (registered by ZaloModule): one job per verified webhook event. */
export const ZALO_QUEUE = 'zalo';
export const ZALO_EVENT_JOB = 'zalo-event';

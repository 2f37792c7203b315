// Which channels carry a message to one person, and when (docs/channels.md#choosing-channels). Pure: the delivery
// service loads the person's preferences and addresses and calls these.
import { VIETNAM_UTC_OFFSET_MS } from '@app/common/vietnam-time';
import type { EventType } from '@app/workflow';
import type { ChannelName, Importance } from '../channels/delivery-channel';

/** Kinds of message a person chooses channels for. */
export const MESSAGE_KINDS = ['receipt', 'request', 'result', 'status', 'work'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The channels a person switches on and off (the in-app inbox is always on). */
export const SWITCHABLE_CHANNELS = ['push', 'sms', 'zalo', 'email'] as const;
export type SwitchableChannel = (typeof SWITCHABLE_CHANNELS)[number];

export type ChannelSwitches = Record<SwitchableChannel, boolean>;

/** "HH:MM" local (Vietnam) times; a window past midnight (22:00–06:00) is allowed. */
export interface QuietHours {
  start: string;
  end: string;
}

export interface Preferences {
  channels: Record<MessageKind, ChannelSwitches>;
  quietHours: QuietHours | null;
}

/** What a person stored: only the switches they changed. */
export type StoredChannels = Partial<Record<MessageKind, Partial<ChannelSwitches>>>;

const reachOut = (on: boolean): ChannelSwitches => ({ push: true, sms: on, zalo: on, email: false });

/**
 * Push for everything; SMS and Zalo, which cost money and reach people without the app, for the receipt, a
 * request for information and the result (used only when push cannot reach: chooseChannels); email off.
 */
export const DEFAULT_PREFERENCES: Preferences = {
  channels: {
    receipt: reachOut(true),
    request: reachOut(true),
    result: reachOut(true),
    status: reachOut(false),
    work: reachOut(false),
  },
  quietHours: null,
};

export function effectivePreferences(stored: StoredChannels, quietHours: QuietHours | null): Preferences {
  const channels = Object.fromEntries(
    MESSAGE_KINDS.map((k) => [k, { ...DEFAULT_PREFERENCES.channels[k], ...stored[k] }]),
  ) as Preferences['channels'];
  return { channels, quietHours };
}

/** What the message is to this person: a citizen hears of their case; staff of their work. */
export function kindOf(type: EventType, citizen: boolean): MessageKind {
  if (!citizen) return 'work';
  if (type === 'report.created') return 'receipt';
  if (type === 'report.info_requested') return 'request';
  if (type === 'report.result_approved') return 'result';
  return 'status';
}

/** Overdue cases cannot wait for the morning; what a citizen must know or answer falls back to other channels. */
export function importanceOf(type: EventType): Importance {
  if (type === 'report.overdue') return 'urgent';
  if (
    type === 'report.created' ||
    type === 'report.info_requested' ||
    type === 'report.rejected' ||
    type === 'report.result_approved'
  )
    return 'important';
  return 'normal';
}

/** The channels tried, cheapest first, when push cannot carry an important message. */
const FALLBACK_ORDER: readonly ChannelName[] = ['zalo', 'sms'];

export interface ChannelChoice {
  channel: ChannelName;
  /** Tried in turn if this one fails for good. */
  fallbacks: ChannelName[];
}

/**
 * Push when the person switched it on and has a device; email beside it when switched on. An important or urgent
 * message also has the reach-out channels (Zalo, then SMS) the person allows: the first of them goes at once when
 * push cannot reach, else they wait as push's fallbacks (a dead token). A normal message never costs an SMS.
 */
export function chooseChannels(
  importance: Importance,
  switches: ChannelSwitches,
  reachable: ReadonlySet<ChannelName>,
): ChannelChoice[] {
  const on = (c: ChannelName) => reachable.has(c) && c !== 'inapp' && switches[c];
  const chain = importance === 'normal' ? [] : FALLBACK_ORDER.filter(on);
  const out: ChannelChoice[] = [];
  if (on('push')) out.push({ channel: 'push', fallbacks: chain });
  else if (chain.length) out.push({ channel: chain[0], fallbacks: chain.slice(1) });
  if (on('email')) out.push({ channel: 'email', fallbacks: [] });
  return out;
}

const DAY_MINUTES = 24 * 60;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * How long a message waits for the person's quiet hours to end (0 outside them, and for an urgent message).
 * Vietnam keeps UTC+7 all year.
 */
export function quietDelayMs(now: Date, quiet: QuietHours | null, importance: Importance): number {
  if (!quiet || importance === 'urgent') return 0;
  const localMs = (now.getTime() + VIETNAM_UTC_OFFSET_MS) % (DAY_MINUTES * 60_000);
  const minute = localMs / 60_000;
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  const inside = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside || start === end) return 0;
  return Math.round((((end - minute + DAY_MINUTES) % DAY_MINUTES) * 60_000) as number);
}

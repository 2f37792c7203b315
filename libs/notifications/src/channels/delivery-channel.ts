// The delivery layer's channel contract (docs/channels.md): the notification policy decides who hears what, the
// delivery step picks channels by each person's preferences and hands each one a recipient and a message. A
// channel is an adapter to one way of reaching people; it knows nothing of events, preferences or retries.
import type { Provider, Type } from '@nestjs/common';
import type { EventType } from '@app/workflow';

export const CHANNEL_NAMES = ['inapp', 'push', 'sms', 'zalo', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * How much a message matters: `urgent` goes out even in quiet hours, `important` falls back to another channel
 * when the first choice fails for good (a dead push token → SMS), `normal` waits out quiet hours and has no
 * fallback.
 */
export type Importance = 'urgent' | 'important' | 'normal';

/** What is known of a person who should hear of an event; a channel reaches them through one of these. */
export interface Recipient {
  userId: string;
  /** E.164 (+84…), verified; null when unknown. */
  phone: string | null;
  email: string | null;
  /** FCM tokens of the apps the person is signed in to. */
  pushTokens: string[];
  /** The person's ids with the province's Zalo Official Account (follower ids), if any. */
  zaloIds: string[];
}

/** A channel's words for one message (the templates: templates.ts). */
export interface ChannelText {
  title: string;
  body: string;
}

export interface DeliveryMessage {
  /** The timeline event the message tells of. */
  eventId: string;
  eventType: EventType;
  reportId: string;
  reportCode: string;
  importance: Importance;
  /** The rendered Vietnamese text per channel; a channel with no text of its own has nothing to say. */
  texts: Partial<Record<ChannelName, ChannelText>>;
  /** Plain values a template-based channel (Zalo ZNS) fills its template with: code, status label, … */
  params: Record<string, string>;
  /** The inbox row the message mirrors, when there is one (push carries it so a tap opens it). */
  notificationId: string | null;
}

/**
 * What one try gave: `delivered` (handed to the provider), `failed-permanent` (trying again cannot help: a dead
 * token, an unknown number, nothing to send; the next channel is tried for an important message), or
 * `failed-transient` (the provider or the network had a bad moment: the job is retried with backoff).
 */
export type DeliveryOutcome =
  | { status: 'delivered'; detail?: string }
  | { status: 'failed-permanent'; reason: string }
  | {
      status: 'failed-transient';
      reason: string;
      /** What is left to try next time (push: the tokens whose send failed for now); absent: everything again. */
      retry?: Partial<Recipient>;
    };

export interface DeliveryChannel {
  readonly name: ChannelName;
  /** Whether the channel is configured and the person has an address on it (a token, a phone, an email…). */
  canReach(recipient: Recipient): boolean;
  send(recipient: Recipient, message: DeliveryMessage): Promise<DeliveryOutcome>;
}

/** The injection token of the list of every channel (ChannelRegistry reads it). */
export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');

/**
 * Providers for the given channel classes plus the list under DELIVERY_CHANNELS: a new channel is one more class
 * in the list passed here (channels/index.ts).
 */
export function deliveryChannelProviders(channels: Array<Type<DeliveryChannel>>): Provider[] {
  return [
    ...channels,
    { provide: DELIVERY_CHANNELS, inject: channels, useFactory: (...list: DeliveryChannel[]) => list },
  ];
}

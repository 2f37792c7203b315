import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { Db, sql, type Kysely, type Database } from '@app/database';
import { JOBS, QUEUES } from '@app/queue';
import type { NewEvent, Text } from '@app/workflow';
import { ChannelRegistry } from '../channels/channel-registry';
import { zaloIdsSql } from '../channels/zalo.channel';
import type { ChannelName, DeliveryMessage, DeliveryOutcome, Recipient } from '../channels/delivery-channel';
import { smsLine } from '../notification-texts';
import type { PolicyEvent, PolicyReport } from '../notification.policy';
import { chooseChannels, importanceOf, kindOf, quietDelayMs, type ChannelChoice } from './delivery-policy';
import { PreferencesService } from './preferences.service';

/** One message to one person on one channel (job id `${eventId}:${userId}:${channel}`: a repeat is one job). */
export interface DeliverJob {
  userId: string;
  channel: ChannelName;
  /** Tried in turn if this channel fails for good (an important message). */
  fallbacks: ChannelName[];
  message: DeliveryMessage;
  /** What is left to try after a transient failure (push: the failed tokens). */
  narrowed?: Partial<Recipient>;
}

/** A person the policy chose to tell, with their line (the inbox's, or the receipt of their own report). */
export interface DeliveryPerson {
  userId: string;
  text: Text;
  notificationId: string | null;
  /** The reporter or a follower (citizen side), else staff. */
  citizen: boolean;
  /**
   * Told in the app already (the receipt of a report they filed there): nothing when the app can reach them,
   * else a channel outside it.
   */
  inApp?: boolean;
}

/** Five tries over about 15 s, then the outcome is final (docs/channels.md#retries). */
export const DELIVERY_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;

const jobId = (eventId: string, userId: string, channel: ChannelName) => `${eventId}:${userId}:${channel}`;

/**
 * The delivery layer (docs/channels.md): picks each person's channels by their preferences and addresses, queues
 * one job per (event, person, channel), held through quiet hours; sends a job through its channel; records
 * outcomes and moves an important message to its next channel when one fails for good.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly db: Db,
    private readonly channels: ChannelRegistry,
    private readonly preferences: PreferencesService,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue<DeliverJob>,
  ) {}

  /** Queues the messages about one event; returns how many jobs. Repeats are harmless (row and job ids). */
  async plan(
    event: PolicyEvent,
    report: PolicyReport,
    people: readonly DeliveryPerson[],
    now = new Date(),
  ): Promise<number> {
    if (!people.length) return 0;
    const ids = people.map((p) => p.userId);
    const [recipients, preferences] = await Promise.all([this.recipients(ids), this.preferences.forUsers(ids)]);
    const sms = smsLine(event.type, report.code);
    const jobs: Array<{ data: DeliverJob; delay: number }> = [];
    for (const person of people) {
      const recipient = recipients.get(person.userId);
      if (!recipient) continue;
      const prefs = preferences.get(person.userId)!;
      const importance = importanceOf(event.type);
      const kind = kindOf(event.type, person.citizen);
      const message: DeliveryMessage = {
        eventId: event.id,
        eventType: event.type,
        reportId: report.id,
        reportCode: report.code,
        importance,
        texts: {
          push: person.text,
          // Only a citizen's own case has a short line; the Zalo channel may send it as text or by template.
          ...(sms && person.citizen ? { sms: { title: person.text.title, body: sms } } : {}),
          ...(sms && person.citizen ? { zalo: { title: person.text.title, body: sms } } : {}),
        },
        params: { code: report.code, title: person.text.title, text: sms ?? person.text.body },
        notificationId: person.notificationId,
      };
      const reachable = new Set(this.channels.names.filter((c) => this.channels.get(c)!.canReach(recipient)));
      if (person.inApp && reachable.has('push') && prefs.channels[kind].push) continue;
      const delay = quietDelayMs(now, prefs.quietHours, importance);
      for (const choice of chooseChannels(importance, prefs.channels[kind], reachable)) {
        jobs.push({ data: { userId: person.userId, ...choice, message }, delay });
      }
    }
    await this.enqueue(jobs, now);
    return jobs.length;
  }

  /** One try of a job through its channel, with the person's addresses as they are now. */
  async attempt(job: DeliverJob): Promise<DeliveryOutcome> {
    const channel = this.channels.get(job.channel);
    if (!channel) return { status: 'failed-permanent', reason: `channel ${job.channel} is not registered` };
    const recipient = (await this.recipients([job.userId])).get(job.userId);
    if (!recipient) return { status: 'failed-permanent', reason: 'recipient no longer active' };
    const narrowed = { ...recipient, ...job.narrowed };
    if (!channel.canReach(narrowed)) return { status: 'failed-permanent', reason: 'no longer reachable' };
    return channel.send(narrowed, job.message);
  }

  /**
   * The first of the job's fallbacks that can reach the person now, with the rest behind it; null: none.
   * Only after a failure of an important message (its fallbacks are empty otherwise).
   */
  async fallbackOf(job: DeliverJob): Promise<ChannelChoice | null> {
    const recipient = (await this.recipients([job.userId])).get(job.userId);
    if (!recipient) return null;
    const at = job.fallbacks.findIndex((c) => this.channels.get(c)?.canReach(recipient));
    return at < 0 ? null : { channel: job.fallbacks[at], fallbacks: job.fallbacks.slice(at + 1) };
  }

  /**
   * Records a job's final outcome (`trx`: the caller's transaction, which also writes the timeline); false when
   * it was already recorded (a repeated job), so the caller records nothing twice.
   */
  async settle(trx: Kysely<Database>, job: DeliverJob, outcome: DeliveryOutcome, attempts: number): Promise<boolean> {
    const detail = outcome.status === 'delivered' ? (outcome.detail ?? null) : outcome.reason;
    const row = await trx
      .updateTable('deliveries')
      .set({ status: outcome.status, attempts, detail, settledAt: sql`now()` })
      .where('eventId', '=', job.message.eventId)
      .where('userId', '=', job.userId)
      .where('channel', '=', job.channel)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    return !!row;
  }

  /** The timeline entry of an outcome: internal, staff only. */
  outcomeEvent(job: DeliverJob, outcome: DeliveryOutcome, attempts: number, fallback: ChannelName | null): NewEvent {
    return {
      type: 'report.delivery',
      fromStatus: null,
      toStatus: null,
      internal: true,
      data: {
        eventId: job.message.eventId,
        eventType: job.message.eventType,
        recipientId: job.userId,
        channel: job.channel as 'push' | 'sms' | 'zalo' | 'email',
        outcome: outcome.status,
        detail: outcome.status === 'delivered' ? (outcome.detail ?? null) : outcome.reason,
        attempts,
        fallback,
      },
    };
  }

  /** Queues the next channel of a failed important message (at once: its quiet hours were waited out). */
  async enqueueFallback(job: DeliverJob, next: ChannelChoice): Promise<void> {
    await this.enqueue([{ data: { userId: job.userId, ...next, message: job.message }, delay: 0 }], new Date());
  }

  private async enqueue(jobs: Array<{ data: DeliverJob; delay: number }>, now: Date): Promise<void> {
    if (!jobs.length) return;
    await this.db.kysely
      .insertInto('deliveries')
      .values(
        jobs.map(({ data, delay }) => ({
          eventId: data.message.eventId,
          reportId: data.message.reportId,
          userId: data.userId,
          channel: data.channel,
          notBefore: delay ? new Date(now.getTime() + delay) : null,
        })),
      )
      .onConflict((oc) => oc.columns(['eventId', 'userId', 'channel']).doNothing())
      .execute();
    await this.queue.addBulk(
      jobs.map(({ data, delay }) => ({
        name: JOBS.deliver,
        data,
        opts: {
          jobId: jobId(data.message.eventId, data.userId, data.channel),
          ...DELIVERY_JOB_OPTIONS,
          ...(delay ? { delay } : {}),
        } satisfies JobOptions,
      })),
    );
  }

  /** What is known of active people: their verified phone, their app installs' tokens, their Zalo conversations. */
  private async recipients(userIds: readonly string[]): Promise<Map<string, Recipient>> {
    const rows = await this.db.kysely
      .selectFrom('users as u')
      .select(['u.id', 'u.phone'])
      .select(
        sql<string[]>`ARRAY(SELECT d.token FROM devices d WHERE d.user_id = u.id ORDER BY d.created_at)`.as('tokens'),
      )
      .select(zaloIdsSql('u.id').as('zaloIds'))
      .where((eb) => eb('u.id', '=', eb.fn.any(eb.val([...userIds]))))
      .where('u.isActive', '=', true)
      .where('u.anonymisedAt', 'is', null)
      .execute();
    return new Map(
      rows.map((r) => [r.id, { userId: r.id, phone: r.phone, email: null, pushTokens: r.tokens, zaloIds: r.zaloIds }]),
    );
  }
}

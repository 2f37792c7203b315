import { Injectable } from '@nestjs/common';
import { Db, sql } from '@app/database';
import { ZaloApi } from '@app/zalo/zalo-api';
import { ZALO_TEXTS } from '@app/zalo/zalo-texts';
import type { DeliveryChannel, DeliveryMessage, DeliveryOutcome, Recipient } from './delivery-channel';

/**
 * `Recipient.zaloIds` in the recipients' query: the Zalo ids with which a user wrote to the province's OA
 * (zalo_conversations, docs/channels.md#zalo), the latest conversation first. `userId` names the user id column.
 */
export const zaloIdsSql = (userId: string) => sql<string[]>`ARRAY(
    SELECT z.zalo_user_id FROM zalo_conversations z
     WHERE z.user_id = ${sql.ref(userId)}
     ORDER BY z.last_inbound_at DESC)`;

/**
 * Zalo (docs/channels.md#zalo): a consultation message into the person's conversation with the OA when they have
 * one (the case was filed there, or they wrote to the OA), else, when ZNS is configured and the phone is known, the
 * approved ZNS template filled with the message's params. A conversation Zalo no longer accepts (the follower left,
 * or has not written within Zalo's window) falls to ZNS too. One try: the delivery layer retries transient failures.
 */
@Injectable()
export class ZaloChannel implements DeliveryChannel {
  readonly name = 'zalo';

  constructor(
    private readonly zalo: ZaloApi,
    private readonly db: Db,
  ) {}

  canReach(recipient: Recipient): boolean {
    return this.zalo.enabled && (recipient.zaloIds.length > 0 || this.znsReaches(recipient));
  }

  async send(recipient: Recipient, message: DeliveryMessage): Promise<DeliveryOutcome> {
    if (message.eventType === 'report.created' && (await this.answeredInChat(recipient, message.reportId)))
      return { status: 'delivered', detail: 'oa: the conversation that filed it was answered with the code' };
    const text = message.texts.zalo ?? message.texts.sms;
    let transient: string | null = null;
    if (text) {
      const words = text.body.includes(message.reportCode)
        ? text.body
        : ZALO_TEXTS.statusChanged(message.reportCode, text.body);
      for (const zaloId of recipient.zaloIds) {
        const result = await this.zalo.sendText(zaloId, words);
        if (result.ok) return { status: 'delivered', detail: 'oa' };
        if (result.transient) transient = result.error;
      }
    }
    // A conversation that may work in a moment is tried again before a paid template message goes out.
    if (transient) return { status: 'failed-transient', reason: `Zalo OA: ${transient}` };
    if (this.znsReaches(recipient)) {
      const result = await this.zalo.sendZns(recipient.phone!, message.params, message.eventId);
      if (result.ok) return { status: 'delivered', detail: 'zns' };
      return result.transient
        ? { status: 'failed-transient', reason: `ZNS: ${result.error}` }
        : { status: 'failed-permanent', reason: `ZNS: ${result.error}` };
    }
    return { status: 'failed-permanent', reason: text ? 'Zalo refused the message' : 'no Zalo text for this event' };
  }

  /** A report filed in a Zalo conversation got its code there already (ZaloConversationsService): no receipt. */
  private async answeredInChat(recipient: Recipient, reportId: string): Promise<boolean> {
    if (!recipient.zaloIds.length) return false;
    const row = await this.db.kysely
      .selectFrom('zaloConversations')
      .select('zaloUserId')
      .where((eb) => eb('zaloUserId', '=', eb.fn.any(eb.val(recipient.zaloIds))))
      .where('lastReportId', '=', reportId)
      .executeTakeFirst();
    return !!row;
  }

  private znsReaches(recipient: Recipient): boolean {
    return !!this.zalo.znsTemplate && !!recipient.phone;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AttachmentsService } from '@app/attachments';
import { AppError, normalizeText } from '@app/common';
import { Env } from '@app/config';
import { Db, sql, type Report } from '@app/database';
import { DuplicatesService, type CandidateView, type NearbyQuery } from '@app/duplicates';
import { CategoriesService } from '@app/reference';
import { ReportsService } from '@app/reports';
import { VN_BOUNDS } from '@app/workflow';
import { ZaloApi, ZaloMediaError } from './zalo-api';
import type { ZaloEvent } from './zalo-events';
import { isCancel, ZALO_TEXTS } from './zalo-texts';

const MAX_DESCRIPTION = 5000;
/** How many message ids a conversation remembers, so that a retried job or a replayed event changes nothing. */
const SEEN_KEPT = 50;

interface Draft {
  userId: string;
  description: string;
  lat: number | null;
  lng: number | null;
  attachmentIds: string[];
  categoryChoices: string[] | null;
  seenMsgIds: string[];
}

/** Categories offered by number (a Zalo message stays readable). */
const MAX_CHOICES = 20;
const EMPTY_DRAFT = { description: '', lat: null, lng: null, attachmentIds: [], categoryChoices: null };

const inVietnam = (lat: number, lng: number) =>
  lat >= VN_BOUNDS.minLat && lat <= VN_BOUNDS.maxLat && lng >= VN_BOUNDS.minLng && lng <= VN_BOUNDS.maxLng;

/**
 * A Zalo conversation becomes a report (docs/channels.md#zalo). Each follower has one row in
 * `zalo_conversations`: the link from their Zalo id to the citizen record that owns their reports, and the draft
 * they are writing: text, a shared location, photos (checked as any upload is). With a description and a place
 * the citizen picks a category by number, and the report is filed through the same intake as the app, channel
 * `zalo`, with the app's duplicate hint in the answer. Runs in the worker, one event per job.
 */
@Injectable()
export class ZaloConversationsService {
  private readonly logger = new Logger(ZaloConversationsService.name);

  constructor(
    private readonly db: Db,
    private readonly env: Env,
    private readonly zalo: ZaloApi,
    private readonly reports: ReportsService,
    private readonly attachments: AttachmentsService,
    private readonly duplicates: DuplicatesService,
    private readonly categories: CategoriesService,
  ) {}

  async handle(event: ZaloEvent): Promise<void> {
    const { inbound } = event;
    if (inbound.kind === 'other') return;
    const userId = await this.open(event.userId);
    if (inbound.kind === 'follow') return this.reply(event.userId, [ZALO_TEXTS.welcome]);
    if (event.msgId && (await this.seen(event.userId, event.msgId))) return;
    // Photos are fetched and checked before the draft is locked: no row lock waits on the network.
    const photos = inbound.kind === 'image' ? await this.uploadPhotos(userId, inbound.urls) : null;
    // Read before the row is locked: inside the transaction no statement may take a second pooled connection.
    const categories = (await this.categories.list()).slice(0, MAX_CHOICES);
    let filed: { report: Report; eventIds: string[]; hintQuery: NearbyQuery } | undefined;
    let replies: string[];
    try {
      replies = await this.db.transaction(async (trx, m) => {
        const draft = await trx
          .selectFrom('zaloConversations')
          .select(['userId', 'description', 'lat', 'lng', 'attachmentIds', 'categoryChoices', 'seenMsgIds'])
          .where('zaloUserId', '=', event.userId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (event.msgId && draft.seenMsgIds.includes(event.msgId)) return [];
        if (event.msgId) draft.seenMsgIds = [...draft.seenMsgIds, event.msgId].slice(-SEEN_KEPT);
        const out: string[] = [];
        const step = this.apply(draft, event, photos, out);
        if (step === 'ask') {
          draft.categoryChoices = categories.map((c) => c.id);
          out.push(ZALO_TEXTS.chooseCategory(categories.map((c) => c.name)));
        } else if (step) {
          const categoryId = step.categoryId;
          const created = await this.reports.createIn(
            m,
            {
              categoryId,
              description: draft.description,
              location: { lat: draft.lat!, lng: draft.lng! },
              attachmentIds: draft.attachmentIds,
            },
            {
              actor: { id: draft.userId, roles: ['citizen'], agencyId: null },
              channel: 'zalo',
              reporterId: draft.userId,
            },
          );
          filed = {
            ...created,
            hintQuery: { lat: draft.lat!, lng: draft.lng!, categoryId, description: draft.description },
          };
          Object.assign(draft, EMPTY_DRAFT);
        }
        await trx
          .updateTable('zaloConversations')
          .set({
            description: draft.description,
            lat: draft.lat,
            lng: draft.lng,
            attachmentIds: draft.attachmentIds,
            categoryChoices: draft.categoryChoices,
            seenMsgIds: draft.seenMsgIds,
            lastReportId: filed ? filed.report.id : sql<string | null>`last_report_id`,
            lastInboundAt: new Date(),
            updatedAt: new Date(),
          })
          .where('zaloUserId', '=', event.userId)
          .execute();
        return out;
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The intake refused the draft (a category closed meanwhile, a place outside every commune…): say why and
      // let the citizen choose again; the message counts as seen.
      const seen = event.msgId
        ? sql<
            string[]
          >`(seen_msg_ids || ${event.msgId}::text)[greatest(1, cardinality(seen_msg_ids) + 2 - ${SEEN_KEPT}):]`
        : sql<string[]>`seen_msg_ids`;
      await this.db.kysely
        .updateTable('zaloConversations')
        .set({ categoryChoices: null, seenMsgIds: seen })
        .where('zaloUserId', '=', event.userId)
        .execute();
      replies = [ZALO_TEXTS.refused(e.message)];
    }
    if (filed) {
      await this.reports.afterCommit(filed.eventIds, filed.report);
      // The answer with the code, and the app's hint looked up after the commit (no second connection while the
      // row is locked) without the report itself.
      const own = filed.report;
      const hint = (await this.duplicateHint(filed.hintQuery)).filter((c) => c.report.id !== own.id);
      replies.push(ZALO_TEXTS.filed(own.code, hint));
    }
    await this.reply(event.userId, replies);
  }

  /**
   * Applies one message to the draft. Returns the chosen category when the draft is complete and the citizen has
   * just picked one (file it), `ask` when the categories should be offered, else null; replies go to `out`.
   */
  private apply(
    draft: Draft,
    event: ZaloEvent,
    photos: { ids: string[]; refused: number } | null,
    out: string[],
  ): { categoryId: string } | 'ask' | null {
    const { inbound } = event;
    const max = this.env.UPLOAD_MAX_PER_REPORT;
    if (inbound.kind === 'text') {
      if (isCancel(inbound.text)) {
        Object.assign(draft, EMPTY_DRAFT);
        out.push(ZALO_TEXTS.cancelled);
        return null;
      }
      const choice = /^\d{1,2}$/.test(inbound.text) ? Number(inbound.text) : 0;
      const ready = draft.description && draft.lat !== null;
      if (ready && draft.categoryChoices && choice >= 1 && choice <= draft.categoryChoices.length)
        return { categoryId: draft.categoryChoices[choice - 1] };
      this.addText(draft, inbound.text);
    } else if (inbound.kind === 'location') {
      if (!inVietnam(inbound.lat, inbound.lng)) out.push(ZALO_TEXTS.locationOutside);
      else Object.assign(draft, { lat: inbound.lat, lng: inbound.lng });
    } else if (inbound.kind === 'image' && photos) {
      if (inbound.text) this.addText(draft, inbound.text);
      const room = Math.max(0, max - draft.attachmentIds.length);
      draft.attachmentIds = [...draft.attachmentIds, ...photos.ids.slice(0, room)];
      if (photos.refused) out.push(ZALO_TEXTS.photoRefused);
      if (photos.ids.length > room) out.push(ZALO_TEXTS.photoLimit(max));
      else if (photos.ids.length) out.push(ZALO_TEXTS.photoReceived(draft.attachmentIds.length, max));
    }
    const missing = [
      ...(draft.description ? [] : [ZALO_TEXTS.missingDescription]),
      ...(draft.lat === null ? [ZALO_TEXTS.missingLocation] : []),
    ];
    if (missing.length) {
      if (inbound.kind !== 'image') out.push(ZALO_TEXTS.needMore(missing));
      return null;
    }
    // Complete: offer the categories once, and again after any further text (a wrong number, more words).
    return !draft.categoryChoices || inbound.kind === 'text' ? 'ask' : null;
  }

  private addText(draft: Draft, text: string): void {
    const clean = normalizeText(text);
    draft.description = (draft.description ? `${draft.description}\n${clean}` : clean).slice(0, MAX_DESCRIPTION);
  }

  /** The app's hint before filing: public reports near the point in the category (never fails the filing). */
  private async duplicateHint(query: NearbyQuery): Promise<CandidateView[]> {
    try {
      return await this.duplicates.nearby(query);
    } catch (e) {
      this.logger.warn(`Zalo: duplicate hint skipped (${(e as Error).message})`);
      return [];
    }
  }

  /**
   * The follower's conversation, created with a citizen record on first contact: a `caller` record without a
   * phone (docs/identity.md), known only by this Zalo id. An advisory lock makes concurrent first messages agree.
   */
  private async open(zaloUserId: string): Promise<string> {
    return this.db.transaction(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`zalo:${zaloUserId}`}))`.execute(trx);
      const found = await trx
        .selectFrom('zaloConversations')
        .select('userId')
        .where('zaloUserId', '=', zaloUserId)
        .executeTakeFirst();
      if (found) return found.userId;
      const user = await trx
        .insertInto('users')
        .values({ kind: 'caller', phone: null, fullName: ZALO_TEXTS.citizenName, roles: ['citizen'] })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('zaloConversations').values({ zaloUserId, userId: user.id }).execute();
      return user.id;
    });
  }

  private async seen(zaloUserId: string, msgId: string): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom('zaloConversations')
      .select('seenMsgIds')
      .where('zaloUserId', '=', zaloUserId)
      .executeTakeFirst();
    return !!row?.seenMsgIds.includes(msgId);
  }

  /** Each photo through the upload checks (content type from the bytes, size, pixels), owned by the citizen. */
  private async uploadPhotos(ownerId: string, urls: string[]): Promise<{ ids: string[]; refused: number }> {
    const ids: string[] = [];
    let refused = 0;
    for (const url of urls.slice(0, this.env.UPLOAD_MAX_PER_REPORT)) {
      try {
        const bytes = await this.zalo.download(url, this.env.UPLOAD_MAX_BYTES);
        ids.push((await this.attachments.upload(ownerId, bytes)).id);
      } catch (e) {
        if (!(e instanceof AppError) && !(e instanceof ZaloMediaError)) throw e;
        this.logger.warn(`Zalo photo refused: ${e.message}`);
        refused++;
      }
    }
    return { ids, refused };
  }

  private async reply(zaloUserId: string, texts: string[]): Promise<void> {
    for (const text of texts) {
      const result = await this.zalo.sendText(zaloUserId, text);
      if (!result.ok) this.logger.warn(`Zalo reply not sent: ${result.error}`);
    }
  }
}

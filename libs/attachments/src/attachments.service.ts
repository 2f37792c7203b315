import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { AppError, notFound } from '@app/common';
import { Env } from '@app/config';
import { Attachment, Db, sql } from '@app/database';
import { agencySeesReporter, publishedSql } from '@app/workflow';
import { AttachmentAccess, AttachmentVariant, variantFor } from './attachment-variant';
import { inspectFile } from './file-inspection';
import { FILE_STORAGE, FileStorage, storageKey } from './file-storage';
import { ImageDecodePool } from './image-pool';
import { makePublicCopy, PublicCopy, refuseTooManyPixels } from './public-copy';

export interface UploadedAttachment {
  id: string;
  mimeType: string;
  size: number;
  url: string;
}

export type ClaimTarget = { reportId: string } | { reportId: string; eventId: string };

export interface AttachmentContent {
  stream: Readable;
  mimeType: string;
  variant: AttachmentVariant;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLEANUP_BATCH = 500;

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

/**
 * Uploads live on their own until a report or a timeline event claims them. Who gets the original and who the
 * metadata-free cleaned copy is decided by variantFor (attachment-variant.ts).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly env: Env,
    private readonly decodePool: ImageDecodePool,
  ) {}

  /**
   * Stores one upload for `ownerId`. The type comes from the bytes only; `originalName` is deliberately not
   * used or stored: it is client-chosen and may itself be personal data (e.g. "Nguyen_Van_A_CCCD.jpg").
   */
  async upload(ownerId: string, buffer: Buffer, originalName?: string): Promise<UploadedAttachment> {
    void originalName;
    if (buffer.length > this.env.UPLOAD_MAX_BYTES) throw payloadTooLarge(this.env.UPLOAD_MAX_BYTES);
    if (buffer.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'The file is empty', { fields: { file: ['file is empty'] } });
    }
    const file = await inspectFile(buffer);
    // Photos get a public copy; HEIC gets none because sharp's prebuilt libheif cannot decode HEVC, and mp4
    // gets none because we cannot strip video metadata (Apple writes the GPS position into the file). Without
    // a public copy the file is shown only to its owner and staff: privacy first, at the cost of public views.
    const publicCopy = file.kind === 'photo' ? await this.publicCopyOf(buffer, file.mime) : null;

    const id = randomUUID();
    const now = new Date();
    const originalKey = storageKey(id, 'original', file.ext, now);
    const publicKey = publicCopy ? storageKey(id, 'public', file.ext, now) : null;
    const written: string[] = [];
    try {
      await this.storage.put(originalKey, buffer);
      written.push(originalKey);
      if (publicCopy && publicKey) {
        await this.storage.put(publicKey, publicCopy.data);
        written.push(publicKey);
      }
      await this.orm.getRepository(Attachment).insert({
        id,
        ownerId,
        reportId: null,
        eventId: null,
        mimeType: file.mime,
        size: buffer.length,
        sha256: createHash('sha256').update(buffer).digest('hex'),
        storageKey: originalKey,
        publicStorageKey: publicKey,
        width: publicCopy?.width ?? null,
        height: publicCopy?.height ?? null,
        isPublic: true,
        createdAt: now,
      });
    } catch (e) {
      // No row means nobody can reach the files: remove them now rather than leave orphans on disk.
      await this.deleteFiles(written);
      throw e;
    }
    return { id, mimeType: file.mime, size: buffer.length, url: attachmentUrl(id) };
  }

  /** The header first, so an oversized photo is refused before it waits for or takes a decode slot. */
  private async publicCopyOf(photo: Buffer, mime: string): Promise<PublicCopy> {
    const maxPixels = this.env.UPLOAD_MAX_PIXELS;
    await refuseTooManyPixels(photo, maxPixels);
    return this.decodePool.run(() => makePublicCopy(photo, mime, maxPixels));
  }

  /**
   * Attaches uploads to a report (or to one of its timeline events) inside the caller's transaction. Another
   * user's id, an unknown id and an already used id are refused alike, so ids cannot be probed. The rows are
   * locked FOR UPDATE: of two reports racing for one upload, the second waits, sees it taken and is refused.
   */
  async claim(
    m: EntityManager,
    ids: string[],
    ownerId: string,
    target: ClaimTarget,
    maxCount: number,
  ): Promise<Attachment[]> {
    const unique = [...new Set(ids)];
    if (unique.length > maxCount) {
      throw new AppError('VALIDATION_FAILED', `At most ${maxCount} attachments`, {
        fields: { attachmentIds: [`at most ${maxCount} attachments`] },
      });
    }
    if (!unique.length) return [];
    // A malformed id would make Postgres fail the uuid cast (a 500); it is just another bad id.
    const wellFormed = unique.filter((id) => typeof id === 'string' && UUID.test(id));
    const rows = wellFormed.length
      ? await m
          .getRepository(Attachment)
          .createQueryBuilder('a')
          .setLock('pessimistic_write')
          .where('a.id IN (:...ids)', { ids: wellFormed })
          .andWhere('a.owner_id = :ownerId', { ownerId })
          .andWhere('a.report_id IS NULL AND a.event_id IS NULL')
          .orderBy('a.id') // one lock order for everyone: no deadlocks between overlapping claims
          .getMany()
      : [];
    const found = new Set(rows.map((r) => r.id));
    const bad = unique.filter((id) => !found.has(id));
    if (bad.length) {
      throw new AppError('VALIDATION_FAILED', 'Unknown or already used attachments', {
        fields: { attachmentIds: bad.map((id) => `unknown or already used attachment: ${String(id)}`) },
        invalidIds: bad,
      });
    }
    const eventId = 'eventId' in target ? target.eventId : null;
    await m.getRepository(Attachment).update(wellFormed, { reportId: target.reportId, eventId });
    return rows.map((r) => Object.assign(r, { reportId: target.reportId, eventId }));
  }

  /**
   * Deletes uploads never claimed and created before `olderThan`, rows first, then their files: a file without
   * a row is unreachable garbage, a row without a file would be a broken link. SKIP LOCKED leaves rows that a
   * report is claiming right now to that report. Safe to run twice or on several workers at once.
   */
  async cleanupUnused(olderThan: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await this.db.kysely
        .deleteFrom('attachments')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('attachments')
            .select('id')
            .where('reportId', 'is', null)
            .where('eventId', 'is', null)
            .where('createdAt', '<', olderThan)
            .limit(CLEANUP_BATCH)
            .forUpdate()
            .skipLocked(),
        )
        .returning(['storageKey', 'publicStorageKey'])
        .execute();
      await this.deleteFiles(rows.flatMap((r) => [r.storageKey, r.publicStorageKey]));
      deleted += rows.length;
      if (rows.length < CLEANUP_BATCH) return deleted;
    }
  }

  /**
   * The bytes a viewer may see, original or cleaned copy as variantFor decides. Every refusal, and a missing
   * file, is 404 so that ids cannot be probed.
   */
  async open(id: string, viewer: AuthUser | undefined): Promise<AttachmentContent> {
    if (!UUID.test(id)) throw notFound('Attachment');
    const row = await this.db.kysely
      .selectFrom('attachments as a')
      .leftJoin('reports as r', 'r.id', 'a.reportId')
      .select(['a.ownerId', 'a.mimeType', 'a.storageKey', 'a.publicStorageKey', 'a.isPublic'])
      .select(['r.id as reportId', 'r.agencyId', 'r.reporterId', 'r.allowContact', 'r.hideIdentity'])
      .select(sql<boolean | null>`${sql.raw(publishedSql('r'))}`.as('reportPublished'))
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Attachment');
    const variant = variantFor(accessOf(row), viewer);
    if (!variant) throw notFound('Attachment');
    const key = variant === 'original' ? row.storageKey : row.publicStorageKey!; // 'cleaned' only when there is one
    try {
      // Cleaned copies of jpeg/png/webp keep their format, so the stored mime type holds for both variants.
      return { stream: await this.storage.get(key), mimeType: row.mimeType, variant };
    } catch (e) {
      this.logger.warn(`Attachment ${id}: stored file ${key} cannot be read (${(e as Error).message})`);
      throw notFound('Attachment');
    }
  }

  private async deleteFiles(keys: (string | null)[]): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      // A file left behind is only wasted space; the row is already gone, so keep going.
      await this.storage.delete(key).catch((e) => this.logger.warn(`Could not delete ${key}: ${(e as Error).message}`));
    }
  }
}

interface OpenRow {
  ownerId: string;
  publicStorageKey: string | null;
  isPublic: boolean;
  reportId: string | null;
  agencyId: string | null;
  reporterId: string | null;
  reportPublished: boolean | null;
  allowContact: boolean | null;
  hideIdentity: boolean | null;
}

const accessOf = (row: OpenRow): AttachmentAccess => ({
  ownerId: row.ownerId,
  isPublic: row.isPublic,
  hasCleanedCopy: row.publicStorageKey !== null,
  report: row.reportId
    ? {
        agencyId: row.agencyId,
        reporterId: row.reporterId,
        published: !!row.reportPublished,
        agencySeesReporter: agencySeesReporter({ allowContact: !!row.allowContact, hideIdentity: !!row.hideIdentity }),
      }
    : null,
});

export const payloadTooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, { maxBytes });

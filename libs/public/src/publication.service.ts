import { Injectable } from '@nestjs/common';
import { AppError, notFound, validationFailed } from '@app/common';
import { Db, sql } from '@app/database';

export interface PublicationEdit {
  expectedVersion?: number;
  /** The title the public reads; null: back to the reporter's (masked). Omitted: unchanged. */
  publicTitle?: string | null;
  publicDescription?: string | null;
  /** The report's attachments the public must not see (the whole list: the others become visible again). */
  hiddenAttachmentIds?: string[];
}

/**
 * The centre's moderation of what the public reads of a report (docs/domain.md#privacy): its public wording and
 * which photos stay out of public view. One transaction: the report's row is locked and checked against
 * `expectedVersion` like every write, its `version` raised; a hidden photo is an attachment no longer public
 * (`attachments.is_public`), which the file rule (variantFor) then refuses to the public. The original words stay
 * for staff and the reporter.
 */
@Injectable()
export class PublicationService {
  constructor(private readonly db: Db) {}

  async edit(reportId: string, edit: PublicationEdit): Promise<void> {
    await this.db.transaction(async (trx) => {
      const current = await trx
        .selectFrom('reports')
        .select(['version', 'status'])
        .where('id', '=', reportId)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw notFound('Report');
      if (edit.expectedVersion !== undefined && edit.expectedVersion !== current.version) {
        throw new AppError('VERSION_CONFLICT', 'The report changed since you loaded it', {
          currentVersion: current.version,
          currentStatus: current.status,
        });
      }
      if (edit.hiddenAttachmentIds) {
        const hidden = [...new Set(edit.hiddenAttachmentIds)];
        const own = await trx
          .selectFrom('attachments')
          .select('id')
          .where('reportId', '=', reportId)
          .where((eb) => eb('id', '=', eb.fn.any(eb.val(hidden))))
          .execute();
        if (own.length !== hidden.length) {
          throw validationFailed(
            { fields: { hiddenAttachmentIds: ["every id must be one of the report's attachments"] } },
            'Unknown attachment',
          );
        }
        await trx
          .updateTable('attachments')
          .set((eb) => ({ isPublic: sql<boolean>`NOT (${eb.ref('id')} = ANY(${hidden}::uuid[]))` }))
          .where('reportId', '=', reportId)
          .execute();
      }
      await trx
        .updateTable('reports')
        .set((eb) => ({
          version: eb('version', '+', 1),
          ...(edit.publicTitle !== undefined ? { publicTitle: edit.publicTitle } : {}),
          ...(edit.publicDescription !== undefined ? { publicDescription: edit.publicDescription } : {}),
          updatedAt: sql`now()`,
        }))
        .where('id', '=', reportId)
        .execute();
    });
  }
}

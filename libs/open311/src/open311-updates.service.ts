import { Injectable } from '@nestjs/common';
import { Db, sql } from '@app/database';
import { ReportsService } from '@app/reports';
import { publishedSql, type Actor } from '@app/workflow';
import { O311Document, o311List } from './open311-document';
import { notFound311 } from './open311-error';
import type { Integration } from './open311-integrations.service';
import { isUuid, MAX_RESULTS, TimeWindow } from './open311-query';
import { PublicEventRow, toRequestUpdate } from './open311-update.view';

/**
 * The service request updates extension: the public part of report_events out, integration notes in.
 */
@Injectable()
export class Open311UpdatesService {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportsService,
  ) {}

  /** Non-internal events of published reports in the window, oldest first, so a client can sync by moving start_date. */
  async list(window: TimeWindow, extensions: boolean): Promise<O311Document> {
    const rows = (await this.db.kysely
      .selectFrom('reportEvents as e')
      .innerJoin('reports as r', 'r.id', 'e.reportId')
      .select(['e.id', 'e.reportId', 'e.type', 'e.actorRoles', 'e.toStatus', 'e.data', 'e.createdAt'])
      .select(['r.status as reportStatus', sql<string | null>`r.result->>'text'`.as('resultText')])
      .where('e.internal', '=', false)
      .where(sql<boolean>`${sql.raw(publishedSql('r'))}`)
      .where('e.createdAt', '>=', window.start)
      .where('e.createdAt', '<=', window.end)
      .orderBy('e.createdAt')
      .orderBy('e.seq')
      .limit(MAX_RESULTS)
      .execute()) as PublicEventRow[];
    return {
      root: 'service_request_updates',
      body: o311List(
        'request_update',
        rows.map((r) => toRequestUpdate(r, extensions)),
      ),
    };
  }

  /**
   * Records an integration's update as a public note on the report's timeline, through the workflow like any
   * note. An integration may comment only on requests it filed itself; any other id answers 404, whether or
   * not it exists, so keys cannot probe for reports.
   *
   * The integration acts as itself (the workflow's `integration` party, allowed to comment only), under its own
   * user id, so the timeline records which integration wrote the note.
   */
  async post(
    input: { serviceRequestId: string; description: string },
    integration: Integration,
  ): Promise<O311Document> {
    const id = input.serviceRequestId;
    const own = isUuid(id)
      ? await this.db.kysely
          .selectFrom('open311Requests')
          .select('reportId')
          .where('reportId', '=', id)
          .where('apiKeyId', '=', integration.apiKeyId)
          .executeTakeFirst()
      : undefined;
    if (!own) throw notFound311(`service_request_id "${id}" not found among the requests this api_key submitted`);
    const actor: Actor = { kind: 'integration', userId: integration.user.id };
    await this.reports.act(id, { action: 'note', text: input.description, internal: false }, actor);
    const event = await this.db.kysely
      .selectFrom('reportEvents')
      .select('id')
      .where('reportId', '=', id)
      .where('actorId', '=', integration.user.id)
      .where('type', '=', 'report.note_added')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { root: 'service_request_updates', body: o311List('request_update', [{ update_id: event.id }]) };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
  ) {}

  /** Non-internal events of published reports in the window, oldest first, so a client can sync by moving start_date. */
  async list(window: TimeWindow, extensions: boolean): Promise<O311Document> {
    const rows: PublicEventRow[] = await this.db.query(
      `SELECT e.id, e.report_id, e.type, e.actor_roles, e.to_status, e.data, e.created_at, r.status AS report_status,
              r.result->>'text' AS result_text
         FROM report_events e JOIN reports r ON r.id = e.report_id
        WHERE NOT e.internal AND ${publishedSql('r')} AND e.created_at BETWEEN $1 AND $2
        ORDER BY e.created_at, e.seq
        LIMIT ${MAX_RESULTS}`,
      [window.start, window.end],
    );
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
      ? await this.db.query(`SELECT 1 FROM open311_requests WHERE report_id = $1 AND api_key_id = $2`, [
          id,
          integration.apiKeyId,
        ])
      : [];
    if (!own.length)
      throw notFound311(`service_request_id "${id}" not found among the requests this api_key submitted`);
    const actor: Actor = { kind: 'integration', userId: integration.user.id };
    await this.reports.act(id, { action: 'note', text: input.description, internal: false }, actor);
    const [event] = await this.db.query(
      `SELECT id FROM report_events WHERE report_id = $1 AND actor_id = $2 AND type = 'report.note_added'
        ORDER BY seq DESC LIMIT 1`,
      [id, integration.user.id],
    );
    return { root: 'service_request_updates', body: o311List('request_update', [{ update_id: event.id }]) };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import { Db } from '@app/database';
import type { Command } from '@app/workflow';
import { ReportsService } from './reports.service';

const BATCH = 500;

/**
 * The actions the system takes by itself (docs/domain.md#system-actions): close resolved reports after AUTO_CLOSE_AFTER, cancel
 * reports left unanswered in need_info after NO_RESPONSE_AFTER. Each report goes through the reports service
 * like a person's action, so it is locked, decided, recorded on the timeline and notified in the usual way.
 */
@Injectable()
export class SystemActionsService {
  private readonly logger = new Logger(SystemActionsService.name);

  constructor(
    private readonly db: Db,
    private readonly reports: ReportsService,
    private readonly env: Env,
  ) {}

  async closeResolved(now = new Date()): Promise<number> {
    const due = new Date(now.getTime() - this.env.AUTO_CLOSE_AFTER_SECONDS * 1000);
    return this.run(this.due('resolved', 'resolvedAt', due), { action: 'close' });
  }

  async cancelUnanswered(now = new Date()): Promise<number> {
    const due = new Date(now.getTime() - this.env.NO_RESPONSE_AFTER_SECONDS * 1000);
    return this.run(this.due('need_info', 'pausedAt', due), { action: 'no_response' });
  }

  /** Up to a batch of reports in `status` since `column` at or before `before`. */
  private due(status: 'resolved' | 'need_info', column: 'resolvedAt' | 'pausedAt', before: Date) {
    return this.db.kysely
      .selectFrom('reports')
      .select('id')
      .where('status', '=', status)
      .where(column, '<=', before)
      .limit(BATCH)
      .execute();
  }

  private async run(due: Promise<Array<{ id: string }>>, command: Command): Promise<number> {
    const rows = await due;
    let done = 0;
    for (const { id } of rows) {
      try {
        await this.reports.act(id, command, { kind: 'system' });
        done++;
      } catch (e) {
        // Someone acted on it between the select and the lock: the state moved on, nothing to do.
        if (!(e instanceof AppError && e.code === 'INVALID_TRANSITION')) throw e;
      }
    }
    if (done) this.logger.log(`${command.action}: ${done} report(s)`);
    return done;
  }
}

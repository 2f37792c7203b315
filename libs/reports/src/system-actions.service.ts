import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '@app/common';
import { Env } from '@app/config';
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
    private readonly env: Env,
  ) {}

  async closeResolved(now = new Date()): Promise<number> {
    const due = new Date(now.getTime() - this.env.AUTO_CLOSE_AFTER_SECONDS * 1000);
    return this.run(`SELECT id FROM reports WHERE status = 'resolved' AND resolved_at <= $1 LIMIT ${BATCH}`, due, {
      action: 'close',
    });
  }

  async cancelUnanswered(now = new Date()): Promise<number> {
    const due = new Date(now.getTime() - this.env.NO_RESPONSE_AFTER_SECONDS * 1000);
    return this.run(`SELECT id FROM reports WHERE status = 'need_info' AND paused_at <= $1 LIMIT ${BATCH}`, due, {
      action: 'no_response',
    });
  }

  private async run(sql: string, before: Date, command: Command): Promise<number> {
    const rows: Array<{ id: string }> = await this.db.query(sql, [before]);
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

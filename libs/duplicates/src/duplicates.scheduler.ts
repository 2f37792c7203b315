// Imported by ReportsService by its own path (not through the lib's index), so that @app/reports does not
// import the rest of @app/duplicates, which imports @app/reports.
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Report } from '@app/database';
import { AnalyseReportJob, enqueueSafely, JOBS, QUEUES } from '@app/queue';

/**
 * Hands a new report to the worker for its duplicate scan and auto-assignment, off the request path. Called
 * after every commit of ReportsService; only a report at version 1 (just created: app, web or hotline; no
 * action yet) is enqueued. Never fails the caller: without the job the screener's first look computes the
 * candidates (GET …/duplicate-candidates) and the screener assigns by hand.
 */
@Injectable()
export class DuplicatesScheduler {
  private readonly logger = new Logger(DuplicatesScheduler.name);

  constructor(@InjectQueue(QUEUES.duplicates) private readonly queue: Queue<AnalyseReportJob>) {}

  async onCommitted(report?: Pick<Report, 'id'> & Partial<Pick<Report, 'version'>>): Promise<void> {
    if (!report || report.version !== 1) return;
    await enqueueSafely(
      // The job id makes a repeat (a retried request) one job.
      this.queue.add(JOBS.analyseReport, { reportId: report.id }, { jobId: `analyse:${report.id}` }),
      this.logger,
      `duplicate scan of ${report.id} left to the screener's first look`,
    );
  }
}

import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { DuplicatesService } from '@app/duplicates';
import { AnalyseReportJob, JOBS, QUEUES } from '@app/queue';

/**
 * Each new report, right after it is filed: its duplicate candidates are scanned and stored (both ways), then
 * its category may auto-assign it. Safe to repeat: the scan is a set of upserts and the assignment a workflow
 * action that a report no longer in `received` refuses.
 */
@Processor(QUEUES.duplicates)
export class DuplicatesProcessor {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Process({ name: JOBS.analyseReport, concurrency: 4 })
  analyse(job: Job<AnalyseReportJob>) {
    return this.duplicates.analyse(job.data.reportId);
  }
}

import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { CheckDeadlineJob, JOBS, QUEUES } from '@app/queue';
import { DeadlinesService } from '@app/reports';

/** The delayed per-checkpoint jobs: a stale one (older stage version) does nothing. */
@Processor(QUEUES.deadlines)
export class DeadlineProcessor {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Process(JOBS.checkDeadline)
  async check(job: Job<CheckDeadlineJob>): Promise<void> {
    await this.deadlines.check(job.data.reportId, job.data.stageVersion);
  }
}

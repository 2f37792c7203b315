// A second worker replica (the built WorkerModule, as dist/apps/worker/src/main.js boots it) in which the bench
// calls DeadlinesService.sweep() itself and times it. Replies { result: { seconds, checked } } over IPC.
import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ROOT } from './config';

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WorkerModule } = require(join(ROOT, 'dist/apps/worker/src/worker.module.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DeadlinesService } = require(join(ROOT, 'dist/libs/reports/src/deadlines.service.js'));
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  try {
    const deadlines = app.get(DeadlinesService) as { sweep: (now?: Date) => Promise<number> };
    const t = performance.now();
    const checked = await deadlines.sweep(new Date());
    const seconds = (performance.now() - t) / 1000;
    process.send?.({ result: { seconds, checked } });
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.send?.({ error: (e as Error).stack ?? String(e) });
  process.exitCode = 1;
});

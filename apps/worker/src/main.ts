import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnv } from '@app/config';

async function bootstrap(): Promise<void> {
  try {
    loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78);
  }
  // The modules load only once the environment is known to be good, so a refusal is immediate.
  const { WorkerModule } = await import('./worker.module');
  // Bull's processors take jobs from onModuleInit on, while the rest of the start-up (bootstrap hooks) still runs:
  // a SIGTERM in that window would kill the process with jobs in hand. Hold such a signal until Nest listens.
  const early: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => early.push(signal);
  process.on('SIGTERM', hold).on('SIGINT', hold);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM lets Bull finish the jobs in hand before the process exits (graceful shutdown).
  app.enableShutdownHooks();
  process.off('SIGTERM', hold).off('SIGINT', hold);
  if (early.length) {
    process.kill(process.pid, early[0]); // now handled by Nest's shutdown hooks
    return;
  }
  app.get(Logger).log('worker started');
}

void bootstrap();

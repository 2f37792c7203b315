import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnv } from '@app/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  try {
    loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM lets Bull finish the jobs in hand before the process exits (graceful shutdown).
  app.enableShutdownHooks();
  app.get(Logger).log('worker started');
}

void bootstrap();

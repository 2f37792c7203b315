import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Env, loadEnv } from '@app/config';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './configure-app';

async function bootstrap(): Promise<void> {
  // Validate the environment before Nest starts, so a bad variable is one clear message, not a stack trace.
  try {
    loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { bufferLogs: true });
  await configureApp(app);
  const env = app.get(Env);
  await app.listen(env.PORT, '0.0.0.0');
}

void bootstrap();

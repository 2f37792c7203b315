import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Env, loadEnv } from '@app/config';

const DRAIN_TIMEOUT_MS = 15_000;

async function bootstrap(): Promise<void> {
  // Validate the environment before Nest starts, so a bad variable is one clear message, not a stack trace.
  let env: Env;
  try {
    env = loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  // The application's modules (thousands of files) load only once the environment is known to be good, so a
  // refusal is immediate.
  const { AppModule } = await import('./app.module');
  const { configureApp, createFastifyAdapter } = await import('./configure-app');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(env), {
    bufferLogs: true,
  });
  await configureApp(app);
  await app.listen(env.PORT, '0.0.0.0');
  drainOnSignals(app);
}

/**
 * Graceful shutdown. Nest's own shutdown hooks close the database pool before the HTTP server, so requests in
 * flight at SIGTERM would fail. Here the server first stops accepting and finishes what it has accepted
 * (bounded, in case a client holds a connection open), and only then are the modules closed.
 */
function drainOnSignals(app: NestFastifyApplication): void {
  const logger = app.get(Logger);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    const timeout = new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
    await Promise.race([app.getHttpAdapter().getInstance().close(), timeout]);
    await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void shutdown(s));
}

void bootstrap();

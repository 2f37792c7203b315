import { randomUUID } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, HttpExceptionFilter } from '@app/common';
import { docsEnabled, Env } from '@app/config';
import { createRedisIoAdapter } from './realtime/redis-io.adapter';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route sends no browser security headers (configureApp). */
    securityHeaders?: boolean;
  }
}

const trustProxy = (value: string): boolean | number | string =>
  value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;

/** The Fastify adapter with request ids: taken from X-Request-Id when a proxy set one, else a new UUID. */
export function createFastifyAdapter(env: Env): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: trustProxy(env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
}

/**
 * Everything that makes the HTTP app ours, applied identically by main.ts and the e2e tests: logging,
 * validation, the error shape, security headers, CORS, uploads and OpenAPI.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const env = app.get(Env);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(await createRedisIoAdapter(app));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // Security headers on every response. helmet's middleware is built once here: @fastify/helmet rebuilt it (and
  // re-parsed the CSP) for every request, ~5 % of the API's CPU under load (bench/FINDINGS.md F4).
  const securityHeaders = helmet({
    // The API serves JSON plus the Swagger UI and the console; those need inline styles and scripts from itself.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.securityHeaders === false) return done();
    securityHeaders(request.raw, reply.raw, (e?: unknown) => done(e as Error | undefined));
  });
  // Liveness: orchestrators probe it every few seconds on every replica. Fastify answers it alone, before Nest's
  // router, guards and interceptors, and without the browser security headers (no browser reads it): it proves
  // the event loop turns and touches nothing else, by design. Readiness (/health/ready) checks the dependencies.
  fastify.get('/health/live', { config: { securityHeaders: false } }, async () => ({ status: 'ok' }));
  await app.register(multipart, {
    limits: { fileSize: env.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
  });
  const origins = env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });

  if (docsEnabled(env)) {
    const config = new DocumentBuilder()
      .setTitle('Phản ánh hiện trường API')
      .setDescription('Citizen field reports: intake, handling workflow, deadlines, real time, statistics.')
      .setVersion('1')
      .addBearerAuth()
      .build();
    const document = SwaggerModule.createDocument(app, config);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}

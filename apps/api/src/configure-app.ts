import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, HttpExceptionFilter } from '@app/common';
import { docsEnabled, Env } from '@app/config';
import { registerBodyParsers } from './http/body-parsers';
import { clientErrorHandler } from './http/raw-error-response';
import { closeSlowBodies } from './http/slow-body';
import { createRedisIoAdapter } from './realtime/redis-io.adapter';
import { createOpenApiDocument } from './openapi';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route sends no browser security headers (configureApp). */
    securityHeaders?: boolean;
  }
}

const trustProxy = (value: string): boolean | number | string =>
  value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;

/** A client's X-Request-Id is echoed and logged: only a short id of safe characters is taken (a UUID fits). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const JSON_BODY_LIMIT = 1024 * 1024;
/** However fast it trickles, no request may take longer than this to arrive (a 10 MB upload at ~12 KB/s fits). */
const REQUEST_TIMEOUT_MS = 15 * 60_000;

/**
 * The Fastify adapter: request ids (a proxy's or client's X-Request-Id when it is a safe short id, else a new
 * UUID) and the connection timeouts. Headers must arrive within the grace period, an idle connection is closed
 * after HTTP_IDLE_TIMEOUT_SECONDS, and bodies must keep a minimum rate (closeSlowBodies in configureApp).
 */
export function createFastifyAdapter(env: Env): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: trustProxy(env.TRUST_PROXY),
    bodyLimit: JSON_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
    connectionTimeout: env.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // How often Node checks the headers and request timeouts of open connections (default 30 s, which would let
    // a client that never finishes its headers hold a connection for half a minute past the limit).
    http: { connectionsCheckingInterval: 1000 },
    clientErrorHandler,
  });
  adapter.getInstance().server.headersTimeout = env.HTTP_BODY_GRACE_SECONDS * 1000;
  return adapter;
}

/**
 * Everything that makes the HTTP app ours, applied identically by main.ts and the e2e tests: logging,
 * validation, the error shape, security headers, CORS, uploads and OpenAPI.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const env = app.get(Env);
  app.useLogger(app.get(Logger));
  registerBodyParsers(app, JSON_BODY_LIMIT);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(await createRedisIoAdapter(app));

  const fastify = app.getHttpAdapter().getInstance();
  closeSlowBodies(fastify, {
    minBytesPerSecond: env.HTTP_BODY_MIN_BYTES_PER_SECOND,
    graceMs: env.HTTP_BODY_GRACE_SECONDS * 1000,
  });
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
  const origins = env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });

  if (docsEnabled(env)) {
    SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}

// The OpenAPI document of the API: served at /docs by configureApp when docs are enabled, and written without a
// database by scripts/console-api-types.ts, from which the console's client types are generated
// (apps/console/src/lib/api-types.ts; a unit test fails when they drift from this document).
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Phản ánh hiện trường API')
    .setDescription('Citizen field reports: intake, handling workflow, deadlines, real time, statistics.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The document from the application's modules alone: Nest's preview mode registers the controllers without
 * constructing any provider, so neither Postgres nor Redis nor the environment's secrets are needed.
 */
export async function openApiDocumentWithoutServices(): Promise<OpenAPIObject> {
  // Imported here: loading the app module pulls in every library, which the served app already has.
  const { AppModule } = await import('./app.module');
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

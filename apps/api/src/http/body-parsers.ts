import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse as parseQueryString } from 'fast-querystring';
import { AppError } from '@app/common';
import { jsonBodyProblem } from './json-body-check';

const NUL_MESSAGE = 'text must not contain the NUL character';

/** Whether decoded query, path or form fields (strings, or arrays of them for repeated names) contain a NUL. */
export const containsNul = (fields: unknown): boolean =>
  !!fields &&
  typeof fields === 'object' &&
  Object.entries(fields).some(
    ([k, v]) => k.includes('\0') || [v].flat().some((x) => typeof x === 'string' && x.includes('\0')),
  );

/**
 * The two body formats the API reads, registered by us instead of Nest's defaults: JSON is checked on the raw
 * bytes before parsing (nesting depth, NUL: json-body-check.ts), so a hostile body costs one linear scan and never
 * reaches validation or authentication work; URL-encoded forms (Open311) are parsed flat, as Nest would.
 * Registering one parser ourselves stops Nest from registering either, hence both here. A NUL in the URL (query
 * or path) is refused before the route runs too: PostgreSQL cannot store it in text, so it used to be a 500.
 */
export function registerBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    const problem = jsonBodyProblem(body);
    if (problem) {
      done(new AppError('VALIDATION_FAILED', problem), undefined);
      return;
    }
    // Kept for webhooks signed over the exact bytes (Nest's RawBodyRequest; Zalo: docs/channels.md#zalo).
    (request as { rawBody?: Buffer }).rawBody = body;
    // Fastify's parser (prototype-poisoning checks included) takes the buffer at run time; its type says string.
    json(request, body as unknown as string, done);
  });
  app.useBodyParser<Server>('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    const form = parseQueryString(body.toString('utf8'));
    if (containsNul(form)) done(new AppError('VALIDATION_FAILED', NUL_MESSAGE), undefined);
    else done(null, form);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (containsNul(request.query) || containsNul(request.params)) done(new AppError('VALIDATION_FAILED', NUL_MESSAGE));
    else done();
  });
}

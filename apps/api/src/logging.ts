import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { maskPhone } from '@app/common';
import type { Env } from '@app/config';

const JWT_LIKE = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;

/** Scrubs what must never reach a log line, whatever code wrote it: phone numbers and bearer tokens. */
export const scrubLogLine = (line: string): string => maskPhone(line.replace(JWT_LIKE, '[jwt]'));

/** Structured JSON logs (pino). Secrets are redacted by path, phones and tokens by pattern on every line. */
export function loggerParams(env: Env): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["idempotency-key"]',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
          '*.api_key',
        ],
        censor: '[redacted]',
      },
      hooks: { streamWrite: scrubLogLine },
      autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
      customProps: () => ({ service: 'api' }),
    },
    // Probes and scrapes hit these every few seconds: no per-request child logger for them at all.
    exclude: [
      { method: RequestMethod.ALL, path: 'health/live' },
      { method: RequestMethod.ALL, path: 'metrics' },
    ],
  };
}

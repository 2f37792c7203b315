import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { privateLogOptions } from '@app/common';
import type { Env } from '@app/config';

/** Structured JSON logs (pino), scrubbed of secrets and personal data on every line (libs/common log-privacy). */
export function loggerParams(env: Env): Params {
  return {
    pinoHttp: {
      ...privateLogOptions,
      level: env.LOG_LEVEL,
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
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

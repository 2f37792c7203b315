import { stdSerializers } from 'pino';
import { maskPhone } from './phone';

// What must never reach a log line, whatever code wrote it (docs/domain.md#privacy; Personal Data Protection Law).
const JWT_LIKE = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
/** Secrets that clients put in URLs: Open311's api_key, one-time codes, tokens. */
const SECRET_IN_URL =
  /([?&](?:api_key|apikey|key|token|access_token|refresh_token|id_token|code|otp|password)=)[^&#\s"]*/gi;

/** Scrubs one written log line: bearer tokens, secrets in query strings, and phone numbers in any written form. */
export const scrubLogLine = (line: string): string =>
  maskPhone(line.replace(JWT_LIKE, '[jwt]').replace(SECRET_IN_URL, '$1[redacted]'));

/** Fields that hold secrets wherever they appear in a logged object (pino redaction paths). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["x-api-key"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.api_key',
  // pino-http logs the parsed query beside the URL.
  'req.query.api_key',
  'req.query.token',
  'req.query.code',
  'req.query.password',
];

/** What of a database driver's error helps an operator without quoting data: no detail, no values. */
const DRIVER_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'routine'] as const;
/** Fields of a statement's error that quote the data (TypeORM copies the driver's fields onto its own error). */
const QUOTING_FIELDS = ['parameters', 'detail', 'where', 'hint', 'internalQuery'] as const;

/**
 * Serialises an error for the log. TypeORM's QueryFailedError carries the statement's `parameters` (a password
 * hash, a phone, a citizen's words) and the driver error's `detail` quotes the offending values
 * ("Key (phone)=(+84…) already exists"): both are dropped, the SQL text and the error code stay.
 */
export function logSafeError(error: unknown): Record<string, unknown> {
  const out = stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const field of QUOTING_FIELDS) delete out[field];
  const driver = out.driverError as Record<string, unknown> | undefined;
  if (driver && typeof driver === 'object') {
    out.driverError = Object.fromEntries(
      DRIVER_ERROR_FIELDS.filter((k) => driver[k] !== undefined).map((k) => [k, driver[k]]),
    );
  }
  return out;
}

/** The pino options every process shares (API and worker): redaction, line scrubbing, safe errors. */
export const privateLogOptions = {
  redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  hooks: { streamWrite: scrubLogLine },
  serializers: { err: logSafeError },
};

import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { isPublishedSecret, readSecretFiles } from './secrets';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every environment variable the apps read, validated once at start-up. `.env.example` documents each one;
 * keep the two in step. Secrets come only from here, never from committed files.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsString() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 20;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key (Bull queues, rate limits, socket.io channels): lets several deployments or
   * parallel test workers share one Redis without seeing each other. */
  @IsString() @MinLength(1)
  REDIS_PREFIX = 'pa';

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /** Access tokens are short-lived; refresh tokens rotate and can be revoked. */
  @Type(() => Number) @IsInt() @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number) @IsInt() @Min(1)
  REFRESH_TTL_DAYS = 30;

  /** Comma-separated list of allowed browser origins; empty means no cross-origin access. */
  @IsOptional() @IsString()
  CORS_ORIGINS = '';

  @IsOptional() @IsString()
  ADMIN_USERNAME = 'admin';

  @IsOptional() @IsString() @MinLength(10)
  ADMIN_PASSWORD?: string;

  @IsString()
  UPLOAD_DIR = './var/uploads';

  @Type(() => Number) @IsInt() @Min(1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Largest accepted photo in pixels (width × height), read from the header and refused with 413 before any
   * decoding: a small file can decode to hundreds of MB (a decompression bomb). 12 MP Android and 24 MP iPhone
   * defaults pass; 48–200 MP modes must be downscaled by the app.
   */
  @Type(() => Number) @IsInt() @Min(1)
  UPLOAD_MAX_PIXELS = 26_000_000;

  /** Photos decoded and re-encoded at once by each API process; the rest wait (libs/attachments/src/image-pool.ts). */
  @Type(() => Number) @IsInt() @Min(1) @Max(32)
  IMAGE_DECODE_CONCURRENCY = 1;

  /** Uploads that may wait for a decode in each API process; beyond them an upload is answered 503 with Retry-After. */
  @Type(() => Number) @IsInt() @Min(0)
  IMAGE_DECODE_QUEUE_MAX = 16;

  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  UPLOAD_MAX_PER_REPORT = 5;

  /** The province whose centre this is: the letterhead "UBND TỈNH …" and the place in reminder letters' date line. */
  @IsString() @MinLength(1)
  PROVINCE_NAME = 'Thái Nguyên';

  /** Public base URL used to build links to attachments and in letters. */
  @IsUrl({ require_tld: false })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Firebase service account for push. All three or none: without them push is off (said at start-up). */
  @IsOptional() @IsString()
  FIREBASE_PROJECT_ID?: string;

  @IsOptional() @IsString()
  FIREBASE_CLIENT_EMAIL?: string;

  @IsOptional() @IsString()
  FIREBASE_PRIVATE_KEY?: string;

  /** Requests per minute per logged-in user on any route. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute per address for callers without a login (many citizens may share one NAT address). */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 1200;

  /** Requests per minute per client (the user, or the address without a login) on report creation and uploads. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_WRITE_PER_MINUTE = 30;

  /** Failed logins allowed per account from one address in 15 minutes before 429 (from that address only). */
  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES = 10;

  /** Failed logins allowed per account from all addresses together in 15 minutes: guessing from many addresses. */
  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;

  /**
   * Failed logins allowed per address across accounts in 15 minutes (password spraying). High: thousands of
   * citizens share a carrier-grade NAT address, and a whole centre or the provincial WAN leaves through one.
   */
  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 200;

  /** The OpenAPI UI at /docs and its document at /docs-json. Default: on, except in production (opt-in there). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  SWAGGER_ENABLED?: boolean;

  /**
   * Bearer token that Prometheus sends to scrape /metrics. Without it /metrics is open in development and test
   * and answers 404 in production, so the process's internals are never public by accident.
   */
  @IsOptional() @IsString() @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' })
  METRICS_TOKEN?: string;

  /**
   * Which proxies may set X-Forwarded-For (the client address used for rate limits and logs): `false` (none,
   * the default: a client could otherwise pretend to be many and escape the limits), `true` (any), a hop count,
   * or a comma-separated list of proxy addresses/CIDRs, e.g. the load balancer's.
   */
  @IsString() @Matches(/^(true|false|\d+|[\d.:/a-fA-F,\s]+)$/, { message: 'TRUST_PROXY must be true, false, a hop count or proxy addresses' })
  TRUST_PROXY = 'false';

  /**
   * An HTTP connection on which nothing arrives for this long is closed. Keep it above 25 s, socket.io's ping
   * interval, or long-polling clients are cut between pings.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  HTTP_IDLE_TIMEOUT_SECONDS = 60;

  /**
   * A request's headers must arrive within this time, and its body may arrive at any pace for this long before
   * HTTP_BODY_MIN_BYTES_PER_SECOND applies.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(300)
  HTTP_BODY_GRACE_SECONDS = 20;

  /**
   * The slowest average pace at which a request body may arrive after the grace period: 1 KB/s is a tenth of a
   * bad 3G uplink, while a client trickling a few bytes a second to hold connections open is cut.
   */
  @Type(() => Number) @IsInt() @Min(1)
  HTTP_BODY_MIN_BYTES_PER_SECOND = 1024;

  /** The system closes a resolved report this long after resolution (DOMAIN.md: 7 days). */
  @Type(() => Number) @IsInt() @Min(1)
  AUTO_CLOSE_AFTER_SECONDS = 7 * 24 * 3600;

  /** The system cancels a report left in need_info this long without an answer (DOMAIN.md: 5 days). */
  @Type(() => Number) @IsInt() @Min(1)
  NO_RESPONSE_AFTER_SECONDS = 5 * 24 * 3600;

  /** How often the worker's safety-net sweeps run (system actions, deadlines, outbox relay). */
  @Type(() => Number) @IsInt() @Min(1)
  SWEEP_INTERVAL_SECONDS = 60;

  /** Monthly statistics periods (`period=month&month=YYYY-MM`) are cut on this day of the month (1-28); 1 means
   * calendar months, a later day D gives D of the previous month to D of the month (Decree 09/2019 style). */
  @Type(() => Number) @IsInt() @Min(1) @Max(28)
  STATS_MONTH_CUTOFF_DAY = 1;

  /** Local hour (0-23, Asia/Ho_Chi_Minh) at which monthly statistics periods are cut. */
  @Type(() => Number) @IsInt() @Min(0) @Max(23)
  STATS_MONTH_CUTOFF_HOUR = 0;
}

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Whether /docs is served: an explicit SWAGGER_ENABLED wins; otherwise everywhere but production. */
export const docsEnabled = (env: Env): boolean => env.SWAGGER_ENABLED ?? env.NODE_ENV !== 'production';

/** In production, a secret that this repository publishes (or a placeholder) is refused: see secrets.ts. */
function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD', 'METRICS_TOKEN'] as const) {
    const value = env[name];
    if (value && isPublishedSecret(value)) {
      problems.push(`${name}: a published development value or placeholder is not allowed in production; generate a random one`);
    }
  }
  return problems;
}

/**
 * Parses and validates `source` (process.env by default); throws one error naming every bad variable. Secret
 * variables may be given as files (`JWT_SECRET_FILE`, ...: secrets.ts).
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  let withSecrets: Record<string, string | undefined>;
  try {
    withSecrets = readSecretFiles(source);
  } catch (e) {
    throw new EnvValidationError([(e as Error).message]);
  }
  const present = Object.fromEntries(Object.entries(withSecrets).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, present, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg}`),
  );
  const firebase = [env.FIREBASE_PROJECT_ID, env.FIREBASE_CLIENT_EMAIL, env.FIREBASE_PRIVATE_KEY].filter(Boolean);
  if (firebase.length > 0 && firebase.length < 3) {
    problems.push('FIREBASE_*: set all of FIREBASE_PROJECT_ID, FIREBASE_CLIENT_EMAIL, FIREBASE_PRIVATE_KEY, or none');
  }
  problems.push(...productionProblems(env));
  if (problems.length) throw new EnvValidationError(problems);
  return env;
}

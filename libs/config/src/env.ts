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
import { isPublishedSecret, readSecretFiles, ZALO_SECRETS } from './secrets';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every environment variable the apps read, validated once at start-up. `.env.example` documents each one;
 * keep the two in step. Secrets come only from here, never from committed files.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key (Bull queues, rate limits, socket.io channels): lets several deployments or
   * parallel test workers share one Redis without seeing each other. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX = 'pa';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /** Access tokens are short-lived; refresh tokens rotate and can be revoked. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  REFRESH_TTL_DAYS = 30;

  /** Comma-separated list of allowed browser origins; empty means no cross-origin access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @IsOptional()
  @IsString()
  ADMIN_USERNAME = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(10)
  ADMIN_PASSWORD?: string;

  @IsString()
  UPLOAD_DIR = './var/uploads';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Largest accepted photo in pixels (width × height), read from the header and refused with 413 before any
   * decoding: a small file can decode to hundreds of MB (a decompression bomb). 12 MP Android and 24 MP iPhone
   * defaults pass; 48–200 MP modes must be downscaled by the app.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  UPLOAD_MAX_PIXELS = 26_000_000;

  /** Photos decoded and re-encoded at once by each API process; the rest wait (libs/attachments/src/image-pool.ts). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32)
  IMAGE_DECODE_CONCURRENCY = 1;

  /** Uploads that may wait for a decode in each API process; beyond them an upload is answered 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  IMAGE_DECODE_QUEUE_MAX = 16;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  UPLOAD_MAX_PER_REPORT = 5;

  /** The province whose centre this is: the letterhead "UBND TỈNH …" and the place in reminder letters' date line. */
  @IsString()
  @MinLength(1)
  PROVINCE_NAME = 'Thái Nguyên';

  /** Public base URL used to build links to attachments and in letters. */
  @IsUrl({ require_tld: false })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Firebase service account for push. All three or none: without them push is off (said at start-up). */
  @IsOptional()
  @IsString()
  FIREBASE_PROJECT_ID?: string;

  @IsOptional()
  @IsString()
  FIREBASE_CLIENT_EMAIL?: string;

  @IsOptional()
  @IsString()
  FIREBASE_PRIVATE_KEY?: string;

  /**
   * Zalo Official Account (docs/channels.md#zalo). All four or none: without them Zalo is off (the webhook answers
   * 404). ZALO_APP_ID and ZALO_APP_SECRET are the app's (developers.zalo.me), ZALO_OA_SECRET_KEY signs the webhook,
   * ZALO_REFRESH_TOKEN is the OA's first refresh token (each refresh returns the next one, kept in Redis).
   */
  @IsOptional()
  @Matches(/^\d{1,32}$/, { message: 'ZALO_APP_ID is the numeric app id' })
  ZALO_APP_ID?: string;

  @IsOptional()
  @IsString()
  ZALO_APP_SECRET?: string;

  @IsOptional()
  @IsString()
  ZALO_OA_SECRET_KEY?: string;

  @IsOptional()
  @IsString()
  ZALO_REFRESH_TOKEN?: string;

  /** The approved ZNS template of a case's status change (its parameters: docs/channels.md#zalo); unset: no ZNS. */
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'ZALO_ZNS_TEMPLATE_STATUS is a numeric template id' })
  ZALO_ZNS_TEMPLATE_STATUS?: string;

  /** Requests per minute per logged-in user on any route. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute per address for callers without a login (many citizens may share one NAT address). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 1200;

  /** Requests per minute per client (the user, or the address without a login) on report creation and uploads. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITE_PER_MINUTE = 30;

  /** Failed logins allowed per account from one address in 15 minutes before 429 (from that address only). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  /** Failed logins allowed per account from all addresses together in 15 minutes: guessing from many addresses. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;

  /**
   * Failed logins allowed per address across accounts in 15 minutes (password spraying). High: thousands of
   * citizens share a carrier-grade NAT address, and a whole centre or the provincial WAN leaves through one.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 200;

  /** The OpenAPI UI at /docs and its document at /docs-json. Default: on, except in production (opt-in there). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED?: boolean;

  /**
   * Bearer token that Prometheus sends to scrape /metrics. Without it /metrics is open in development and test
   * and answers 404 in production, so the process's internals are never public by accident.
   */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' })
  METRICS_TOKEN?: string;

  /**
   * Which proxies may set X-Forwarded-For (the client address used for rate limits and logs): `false` (none,
   * the default: a client could otherwise pretend to be many and escape the limits), `true` (any), a hop count,
   * or a comma-separated list of proxy addresses/CIDRs, e.g. the load balancer's.
   */
  @IsString()
  @Matches(/^(true|false|\d+|[\d.:/a-fA-F,\s]+)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or proxy addresses',
  })
  TRUST_PROXY = 'false';

  /**
   * An HTTP connection on which nothing arrives for this long is closed. Keep it above 25 s, socket.io's ping
   * interval, or long-polling clients are cut between pings.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_IDLE_TIMEOUT_SECONDS = 60;

  /**
   * A request's headers must arrive within this time, and its body may arrive at any pace for this long before
   * HTTP_BODY_MIN_BYTES_PER_SECOND applies.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_BODY_GRACE_SECONDS = 20;

  /**
   * The slowest average pace at which a request body may arrive after the grace period: 1 KB/s is a tenth of a
   * bad 3G uplink, while a client trickling a few bytes a second to hold connections open is cut.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  HTTP_BODY_MIN_BYTES_PER_SECOND = 1024;

  /**
   * Where text messages (one-time codes) go: `http` (the generic contract of docs/identity.md, for any brandname
   * SMS provider), `log` (development: printed, refused in production), `none` (no SMS: code login is off).
   */
  @IsIn(['http', 'log', 'none'])
  SMS_GATEWAY: 'http' | 'log' | 'none' = 'log';

  /** SMS_GATEWAY=http: the URL that receives `POST { to, text }`. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SMS_HTTP_URL?: string;

  /** SMS_GATEWAY=http: sent as `Authorization: Bearer …`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'SMS_HTTP_TOKEN must be at least 16 characters' })
  SMS_HTTP_TOKEN?: string;

  /**
   * Outgoing email for agencies (docs/channels.md#email): `smtp://user:pass@host:587` or `smtps://…:465`, or the
   * SMTP_HOST group below. Neither: no email (digests and letters stay in the console).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  /** 465 means TLS from the start; any other port upgrades with STARTTLS when the server offers it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASS?: string;

  /** The sender of every email, e.g. `Trung tâm Phản ánh hiện trường <phananh@tinh.gov.vn>`. */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** How often agencies with an email address get the digest of their new assignments. */
  @Type(() => Number)
  @IsInt()
  @Min(300)
  DIGEST_INTERVAL_SECONDS = 3600;

  /** How long a one-time code is valid, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(1800)
  OTP_TTL_SECONDS = 300;

  /** Wrong tries a one-time code allows before it is void. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  OTP_MAX_ATTEMPTS = 5;

  /** Seconds before another code may be sent to the same phone for the same purpose. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  OTP_RESEND_SECONDS = 60;

  /** Codes sent to one phone in an hour, all purposes together. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OTP_MAX_PER_PHONE_PER_HOUR = 5;

  /** Codes requested from one address in an hour (carrier-grade NAT: keep it generous). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OTP_MAX_PER_IP_PER_HOUR = 60;

  /** Roles that must log in with a second factor (an authenticator app), comma-separated; `none`: no role must. */
  @IsString()
  @Matches(/^[a-z_,\s]*$/, { message: 'MFA_REQUIRED_ROLES: role names separated by commas' })
  MFA_REQUIRED_ROLES = 'admin';

  /**
   * Key that encrypts authenticator secrets at rest (at least 32 characters). Empty: derived from JWT_SECRET, so
   * rotating JWT_SECRET would then void every enrolled authenticator (staff re-enrol with a recovery code).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MFA_SECRET_KEY must be at least 32 characters' })
  MFA_SECRET_KEY?: string;

  /** The Firebase project whose phone sign-in ID tokens are accepted as proof of a phone; empty: off. */
  @IsOptional()
  @IsString()
  FIREBASE_AUTH_PROJECT_ID?: string;

  /**
   * Only to try phone sign-in against the Firebase Auth emulator: firebase-admin reads it itself and then accepts
   * unsigned ID tokens, so it is refused in production.
   */
  @IsOptional()
  @IsString()
  FIREBASE_AUTH_EMULATOR_HOST?: string;

  /**
   * Login with the national e-ID (VNeID) or any OpenID Connect provider (docs/identity.md): the issuer, whose
   * /.well-known/openid-configuration is read at the first login. Empty: off (the e-ID routes answer 503).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OIDC_ISSUER?: string;

  /** The client id the provider registered for this system. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  /** The client's secret (sent by HTTP Basic, OAuth's default); empty for a public client, which relies on PKCE alone. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /**
   * Where the provider sends the user back, exactly as registered with it, without a query; comma-separated when
   * the web portal and the apps each have their own (an app's may be a custom scheme). The first is the default.
   */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9+.-]*:[^\s,?#]+(\s*,\s*[a-z][a-z0-9+.-]*:[^\s,?#]+)*$/i, {
    message: 'OIDC_REDIRECT_URI: absolute URIs without query or fragment, separated by commas',
  })
  OIDC_REDIRECT_URI?: string;

  /** The scopes asked for, space-separated: `openid` and whichever give the verified phone and the name. */
  @IsString()
  @Matches(/(^| )openid( |$)/, { message: 'OIDC_SCOPES must include openid' })
  OIDC_SCOPES = 'openid profile phone';

  /** The provider's key in user_identities and its label: identities are linked under it, so never rename it. */
  @IsString()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'OIDC_PROVIDER_NAME: 1-40 lowercase letters, digits, - or _' })
  OIDC_PROVIDER_NAME = 'vneid';

  /** The system closes a resolved report this long after resolution (docs/domain.md#system-actions: 7 days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTO_CLOSE_AFTER_SECONDS = 7 * 24 * 3600;

  /** The system cancels a report left in need_info this long without an answer (docs/domain.md#system-actions: 5 days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  NO_RESPONSE_AFTER_SECONDS = 5 * 24 * 3600;

  /**
   * How long a worker holds a job it took before another may take it over (Bull's lock, renewed at half this while
   * the worker lives; the check for abandoned jobs runs as often): a crashed worker's jobs wait up to twice this.
   */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(600)
  JOB_LOCK_SECONDS = 30;

  /** How often the worker's safety-net sweeps run (system actions, deadlines, outbox relay). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SWEEP_INTERVAL_SECONDS = 60;

  /** Monthly statistics periods (`period=month&month=YYYY-MM`) are cut on this day of the month (1-28); 1 means
   * calendar months, a later day D gives D of the previous month to D of the month (Decree 09/2019 style). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  STATS_MONTH_CUTOFF_DAY = 1;

  /** Local hour (0-23, Asia/Ho_Chi_Minh) at which monthly statistics periods are cut. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  STATS_MONTH_CUTOFF_HOUR = 0;
}

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Whether /docs is served: an explicit SWAGGER_ENABLED wins; otherwise everywhere but production. */
export const docsEnabled = (env: Env): boolean => env.SWAGGER_ENABLED ?? env.NODE_ENV !== 'production';

/** The national e-ID needs its client and a way back, and in production TLS; Firebase's emulator never runs there. */
function identityProviderProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_REDIRECT_URI))
    problems.push('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI');
  if (env.NODE_ENV === 'production' && env.OIDC_ISSUER?.startsWith('http:'))
    problems.push('OIDC_ISSUER: https only in production');
  if (env.NODE_ENV === 'production' && env.FIREBASE_AUTH_EMULATOR_HOST) {
    problems.push('FIREBASE_AUTH_EMULATOR_HOST: the emulator accepts unsigned ID tokens; never set it in production');
  }
  return problems;
}

/** In production, a secret that this repository publishes (or a placeholder) is refused: see secrets.ts. */
function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.SMS_GATEWAY === 'log')
    problems.push('SMS_GATEWAY: log prints one-time codes and is for development only; use http (or none)');
  for (const name of [
    'JWT_SECRET',
    'ADMIN_PASSWORD',
    'METRICS_TOKEN',
    'SMS_HTTP_TOKEN',
    'MFA_SECRET_KEY',
    'SMTP_PASS',
    ...ZALO_SECRETS,
  ] as const) {
    const value = env[name];
    if (value && isPublishedSecret(value)) {
      problems.push(
        `${name}: a published development value or placeholder is not allowed in production; generate a random one`,
      );
    }
  }
  const smtpUrlPass = env.SMTP_URL ? decodeURIComponent(new URL(env.SMTP_URL).password) : '';
  if (smtpUrlPass && isPublishedSecret(smtpUrlPass))
    problems.push('SMTP_URL: its password is a published development value or placeholder; use the real one');
  if ((env.SMTP_URL || env.SMTP_HOST) && /@(example\.(com|org|net)|localhost)\b/i.test(env.MAIL_FROM ?? ''))
    problems.push('MAIL_FROM: a placeholder address is not allowed in production');
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
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg}`));
  const firebase = [env.FIREBASE_PROJECT_ID, env.FIREBASE_CLIENT_EMAIL, env.FIREBASE_PRIVATE_KEY].filter(Boolean);
  if (firebase.length > 0 && firebase.length < 3) {
    problems.push('FIREBASE_*: set all of FIREBASE_PROJECT_ID, FIREBASE_CLIENT_EMAIL, FIREBASE_PRIVATE_KEY, or none');
  }
  if ((env.SMTP_URL || env.SMTP_HOST) && !env.MAIL_FROM) problems.push('SMTP_URL or SMTP_HOST needs MAIL_FROM');
  if (env.SMTP_URL && env.SMTP_HOST) problems.push('SMTP_URL and SMTP_HOST: set one of them, not both');
  const zalo = [env.ZALO_APP_ID, env.ZALO_APP_SECRET, env.ZALO_OA_SECRET_KEY, env.ZALO_REFRESH_TOKEN].filter(Boolean);
  if (zalo.length % 4)
    problems.push('ZALO_*: set all of ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY, ZALO_REFRESH_TOKEN, or none');
  if (env.ZALO_ZNS_TEMPLATE_STATUS && !zalo.length) problems.push('ZALO_ZNS_TEMPLATE_STATUS needs the ZALO_* app');
  if (env.SMS_GATEWAY === 'http' && (!env.SMS_HTTP_URL || !env.SMS_HTTP_TOKEN)) {
    problems.push('SMS_GATEWAY=http needs SMS_HTTP_URL and SMS_HTTP_TOKEN');
  }
  problems.push(...identityProviderProblems(env));
  problems.push(...productionProblems(env));
  if (problems.length) throw new EnvValidationError(problems);
  return env;
}

// Settings shared by every bench script. The bench owns its own database (pa_bench), Redis key prefix and port,
// so it never touches the development database, the tests' databases or a running `npm run up`.
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BENCH_DIR = join(ROOT, 'bench');
export const RESULTS_FILE = process.env.BENCH_RESULTS_FILE ?? join(BENCH_DIR, 'RESULTS.md');

export const BENCH = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pa_bench',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  redisPrefix: process.env.BENCH_REDIS_PREFIX ?? 'pa-bench',
  /** Loopback only: the load never leaves this machine. */
  host: '127.0.0.1',
  port: Number(process.env.BENCH_PORT ?? 3190),
  ceilingPort: Number(process.env.BENCH_CEILING_PORT ?? 3191),
  /**
   * The signing secret of this run: the bench mints its users' access tokens with it (as login would). Random per
   * run, kept in the environment so the processes the run starts share it: the API runs with NODE_ENV=production,
   * which refuses any secret published in the repository.
   */
  jwtSecret: (process.env.BENCH_JWT_SECRET ??= randomBytes(36).toString('base64url')),
  adminPassword: 'bench-Admin@12345',
  /** Password of the generated citizens (one argon2 hash shared by all of them). */
  citizenPassword: 'Bench@12345',
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20),
};

export const apiUrl = () => `http://${BENCH.host}:${BENCH.port}`;

/** The environment of the API and worker under test: bench database, prefix and port, quiet logs, no rate limit. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(BENCH.port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: BENCH.databaseUrl,
    DATABASE_POOL_SIZE: String(BENCH.poolSize),
    REDIS_URL: BENCH.redisUrl,
    REDIS_PREFIX: BENCH.redisPrefix,
    JWT_SECRET: BENCH.jwtSecret,
    JWT_ACCESS_TTL_SECONDS: '3600',
    ADMIN_PASSWORD: BENCH.adminPassword,
    RATE_LIMIT_WRITE_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    // The load generator stands for many clients behind a proxy: each request carries its client's address in
    // X-Forwarded-For, so the per-client throttle counts per simulated client, not per load generator.
    TRUST_PROXY: 'true',
    LOGIN_MAX_FAILURES: '1000000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000',
    LOGIN_MAX_FAILURES_PER_IP: '1000000',
    SWAGGER_ENABLED: 'false',
    // Production refuses the development gateway that logs one-time codes; the bench sends no SMS.
    SMS_GATEWAY: 'none',
    UPLOAD_DIR: join(BENCH_DIR, '.uploads'),
    // The worker's safety-net sweeps would otherwise start closing and escalating the generated year of
    // reports in the middle of a measurement; the overdue scenario times the sweep itself.
    SWEEP_INTERVAL_SECONDS: '86400',
    ...extra,
  };
}

export const machine = () => ({
  cores: cpus().length,
  cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
});

/** `--name value` / `--name=value` / `--flag` from argv. */
export function arg(name: string, fallback?: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true';
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return fallback;
}
export const numArg = (name: string, fallback: number) => Number(arg(name, String(fallback)));
export const flag = (name: string) => arg(name) === 'true';

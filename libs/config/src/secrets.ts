import { readFileSync } from 'node:fs';

/** The Zalo app's secrets (docs/channels.md#zalo): files allowed, placeholders refused in production. */
export const ZALO_SECRETS = ['ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_REFRESH_TOKEN'] as const;

/**
 * Variables that hold secrets. Each may instead be given as `<NAME>_FILE`, the path of a file holding the value
 * (Docker secrets, a volume written at first start by the compose stack, Kubernetes secret mounts): the value
 * then never appears in `docker inspect` or the process environment of children.
 */
export const SECRET_VARIABLES = [
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  'DEMO_PASSWORD',
  'METRICS_TOKEN',
  'SMS_HTTP_TOKEN',
  'SMTP_PASS',
  'MFA_SECRET_KEY',
  'OIDC_CLIENT_SECRET',
  ...ZALO_SECRETS,
] as const;

/**
 * Values that are published in this repository (.env.example, compose's and scripts/up.sh's development defaults,
 * the bench) or obviously not chosen by anyone. In production they are refused: a known secret is no secret.
 */
const PUBLISHED_SECRETS = new Set([
  'replace-with-a-random-secret-of-at-least-32-characters',
  'replace-with-a-strong-password',
  'dev-only-jwt-secret-change-me-0123456789abcdef',
  'dev-only-jwt-secret-not-for-production-0123456789',
  'dev-only-Admin@12345',
  'bench-only-jwt-secret-not-for-any-real-deployment-0123',
  'test-secret-that-is-long-enough-for-hs256-0123456789',
  'Demo@12345',
]);
const PLACEHOLDER_PATTERN = /^(dev-only|replace-with|change-?me|bench-only|test-secret|placeholder)/i;

/** True for a value that must never protect a production deployment. */
export function isPublishedSecret(value: string): boolean {
  return PUBLISHED_SECRETS.has(value) || PLACEHOLDER_PATTERN.test(value) || new Set(value).size < 8;
}

/**
 * Returns `source` with every `<NAME>_FILE` of a secret variable read into `<NAME>` (trailing newline trimmed).
 * A variable set directly wins over its file, so an operator's explicit value always applies.
 */
export function readSecretFiles(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...source };
  for (const name of SECRET_VARIABLES) {
    const path = source[`${name}_FILE`];
    if (source[name] || !path) continue;
    try {
      out[name] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new Error(
        `${name}_FILE: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        {
          cause: e,
        },
      );
    }
  }
  return out;
}

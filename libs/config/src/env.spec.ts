import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docsEnabled, EnvValidationError, loadEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.UPLOAD_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every bad variable in one error', () => {
    let error: EnvValidationError | undefined;
    try {
      loadEnv({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', PORT: 'abc' });
    } catch (e) {
      error = e as EnvValidationError;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const vars = error!.problems.map((p) => p.split(':')[0]);
    expect(vars).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'PORT']));
    expect(error!.message).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('refuses half-configured push credentials', () => {
    expect(() => loadEnv({ ...valid, FIREBASE_PROJECT_ID: 'p' })).toThrow(/FIREBASE_\*/);
  });

  it('refuses published secrets and placeholders in production only', () => {
    const published = { ...valid, JWT_SECRET: 'replace-with-a-random-secret-of-at-least-32-characters' };
    expect(() => loadEnv({ ...published, NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadEnv({ ...published, NODE_ENV: 'production', SMS_GATEWAY: 'none' })).toThrow(
      /JWT_SECRET: a published/,
    );
    expect(() =>
      loadEnv({ ...valid, NODE_ENV: 'production', SMS_GATEWAY: 'none', JWT_SECRET: 'a'.repeat(40) }),
    ).toThrow(/JWT_SECRET: a published/);
    expect(() =>
      loadEnv({
        ...valid,
        NODE_ENV: 'production',
        SMS_GATEWAY: 'none',
        JWT_SECRET: 'k3J9vQ2mX8pL5nR1tY7wZ4bC6dF0gH2jK9sA',
      }),
    ).not.toThrow();
  });

  it('reads secrets from <NAME>_FILE unless the variable itself is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-spec-'));
    writeFileSync(join(dir, 'jwt'), `${'s'.repeat(20)}${'t'.repeat(20)}\n`);
    expect(loadEnv({ DATABASE_URL: valid.DATABASE_URL, JWT_SECRET_FILE: join(dir, 'jwt') }).JWT_SECRET).toBe(
      `${'s'.repeat(20)}${'t'.repeat(20)}`,
    );
    expect(loadEnv({ ...valid, JWT_SECRET_FILE: join(dir, 'jwt') }).JWT_SECRET).toBe(valid.JWT_SECRET);
    expect(() => loadEnv({ DATABASE_URL: valid.DATABASE_URL, JWT_SECRET_FILE: join(dir, 'none') })).toThrow(
      /JWT_SECRET_FILE: cannot read/,
    );
  });

  it('serves the API documentation by default except in production', () => {
    expect(docsEnabled(loadEnv(valid))).toBe(true);
    expect(
      docsEnabled(
        loadEnv({
          ...valid,
          NODE_ENV: 'production',
          SMS_GATEWAY: 'none',
          JWT_SECRET: 'k3J9vQ2mX8pL5nR1tY7wZ4bC6dF0gH2jK9sA',
        }),
      ),
    ).toBe(false);
    expect(
      docsEnabled(
        loadEnv({
          ...valid,
          NODE_ENV: 'production',
          SMS_GATEWAY: 'none',
          JWT_SECRET: 'k3J9vQ2mX8pL5nR1tY7wZ4bC6dF0gH2jK9sA',
          SWAGGER_ENABLED: 'true',
        }),
      ),
    ).toBe(true);
  });
});

import { EnvValidationError, loadEnv } from './env';

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
});

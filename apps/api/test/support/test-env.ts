// Where the e2e tests find Postgres and Redis. Each Jest worker gets its own database, cloned from a migrated
// template, and each test file its own Redis key prefix, so parallel suites never see each other's data.
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DB = 'pa_test_template';

export const dbUrl = (name: string) => {
  if (!name.includes('test')) throw new Error(`Refusing to run tests against database "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

export const workerDbName = () => `pa_test_w${process.env.JEST_WORKER_ID ?? '1'}`;

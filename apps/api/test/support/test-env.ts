// Where the e2e tests find Postgres and Redis. Each Jest run has its own databases, named after the pid of
// the run's main process (so runs on one machine never drop each other's), each Jest worker its own database
// cloned from the run's migrated template, and each test file its own Redis key prefix.
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup in the main process; inherited by the workers it forks. */
const runId = () => {
  const id = process.env.PA_TEST_RUN;
  if (!id) throw new Error('PA_TEST_RUN is not set: run the e2e tests through jest (globalSetup)');
  return id;
};

export const templateDbName = () => `pa_test_${runId()}_tpl`;
export const workerDbName = () => `pa_test_${runId()}_w${process.env.JEST_WORKER_ID ?? '1'}`;
/** Names look like pa_test_<pid>_<suffix>: the pid tells whether the run that made them is still alive. */
export const TEST_DB_PATTERN = /^pa_test_(\d+)_/;

export const dbUrl = (name: string) => {
  if (!name.includes('test')) throw new Error(`Refusing to run tests against database "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

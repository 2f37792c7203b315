// Three projects: pure unit tests beside the code, e2e tests that boot the real app against real
// Postgres (PostGIS) and Redis, and the console's browser tests. `npm test` runs all three.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, swcrc: false }] };
// Node 20.19+ can require() ES modules, Jest on Node 20 cannot: compile the few ESM-only dependencies
// (content-disposition; otplib's @scure/base and @noble/hashes, also under @otplib/*/node_modules; openid-client with oauth4webapi and jose).
const ESM_ONLY = ['content-disposition', '@otplib', '@scure', '@noble', 'openid-client', 'oauth4webapi', 'jose'];
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];
const moduleNameMapper = {
  '^@app/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z0-9-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
module.exports = {
  // Global: Jest reads the timeout from the top level, not per project (tests that need longer say so).
  testTimeout: 30000,
  // Four files at a time on two cores: most of a file's time is spent waiting on Postgres, Redis, child processes,
  // Bull's timers and the browser, and each worker has its own database and Redis prefix
  // (apps/api/test/support/test-env.ts). Measured on this 2-core machine with 103 files: 560 s with two workers
  // (the two jest processes at 30-40 % CPU each), 381 s with four (with worker-crash 50 s shorter in between).
  maxWorkers: 4,
  // Without timings from an earlier run (a fresh clone), the browser tests start first: they are the longest.
  testSequencer: '<rootDir>/apps/api/test/support/test-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/src/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts'],
      // The console's and the portal's browser tests are their own project (below).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/console/', '<rootDir>/apps/portal/'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
    },
    {
      // The staff console in Debian's Chromium (playwright-core), against the real API and worker: same
      // databases and hooks as e2e. Builds apps/console first when apps/console/dist is missing.
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/console/test/**/*.e2e-spec.ts', '<rootDir>/apps/portal/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
      testTimeout: 60000,
    },
  ],
};

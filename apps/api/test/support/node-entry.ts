/**
 * Node arguments that run one of our TypeScript entry points (`apps/api/src/main.ts`, `apps/worker/src/main.ts`) in
 * its own process, for the tests of what only a real process shows (signals, exit codes, production settings, logs).
 * TypeScript's own emit from tsconfig.json, as the production build compiles, not the tests' SWC settings, so a
 * difference between the two shows; without type checking, which `npm run lint` does (checking types in every
 * spawned process cost about 24 s of CPU each).
 */
export const nodeEntryArgs = (entry: string): string[] => [
  '-r',
  'ts-node/register/transpile-only',
  '-r',
  'tsconfig-paths/register',
  entry,
];

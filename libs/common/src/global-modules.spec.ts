import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Only infrastructure is global (docs/architecture.md#modules-and-their-dependencies): a feature module is imported
 * by the modules that use it, so the imports say who depends on whom. A new @Global() fails here until it is added
 * to this list with a reason.
 */
const ALLOWED_GLOBAL_MODULES: Record<string, string> = {
  'libs/config/src/config.module.ts': 'the validated environment, read everywhere',
  'libs/database/src/database.module.ts': 'the one connection pool',
  'libs/queue/src/redis.module.ts': "the process's shared Redis connection",
  'libs/queue/src/queue.module.ts': 'the Bull connection and queues',
};

const ROOT = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('global modules', () => {
  it('are only the allowed infrastructure modules', () => {
    const roots = ['libs', 'apps'].flatMap((top) =>
      readdirSync(join(ROOT, top)).map((name) => join(ROOT, top, name, 'src')),
    );
    const found = roots
      .flatMap((root) => {
        try {
          return sources(root);
        } catch {
          return []; // a library or app without src/
        }
      })
      .filter((file) => /@Global\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .sort();
    expect(found).toEqual(Object.keys(ALLOWED_GLOBAL_MODULES).sort());
  });
});

// The console's client types (apps/console/src/lib/api-types.ts) must be what the API's OpenAPI document gives
// now: a DTO or route changed without `npm run console:api-types` fails here, not in a browser.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

describe('OpenAPI document and the console types', () => {
  it('the committed console types match the document the API builds now (without a database)', () => {
    // A process of its own: the generator and its formatter are ES modules Jest cannot load. No database or
    // Redis address is passed: the document must come from the modules alone (apps/api/src/openapi.ts).
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const run = spawnSync('npm', ['run', '--silent', 'console:api-types', '--', '--check'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 180_000);
});

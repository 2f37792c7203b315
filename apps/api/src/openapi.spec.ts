// The console's client types (apps/console/src/lib/api-types.ts) must be what the API's OpenAPI document gives
// now: a DTO or route changed without `npm run console:api-types` fails here, not in a browser.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { openApiDocumentWithoutServices } from './openapi';

const ROOT = resolve(__dirname, '../../..');

/** `METHOD path status` of every success answer (204 aside: no body) that declares no schema for its content. */
function successesWithoutSchema(paths: Record<string, Record<string, unknown>>): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = (
        operation as { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }
      ).responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const media = Object.values(response.content ?? {});
        if (!media.length || media.some((m) => !m.schema)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
  }
  return missing;
}

describe('OpenAPI document and the console types', () => {
  it('every success answer with a body declares its schema, so the console types cover every route', async () => {
    const document = await openApiDocumentWithoutServices();
    expect(Object.keys(document.paths).length).toBeGreaterThan(50);
    expect(successesWithoutSchema(document.paths as Record<string, Record<string, unknown>>)).toEqual([]);
  }, 60_000);

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

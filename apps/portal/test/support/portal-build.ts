// The portal's build for its browser test: reused when present, otherwise built, so `npm test` alone works.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../console/test/support/browser';

export const PORTAL_DIST = join(ROOT, 'apps/portal/dist');

export function ensurePortalBuild(): void {
  if (existsSync(join(PORTAL_DIST, 'index.html'))) return;
  try {
    // NODE_ENV is "test" under Jest: the build must still be the production one that ships.
    execFileSync('npm', ['run', 'portal:build'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run portal:build failed:\n${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`, {
      cause: e,
    });
  }
}

// What the console's browser tests share: the build they serve, Debian's Chromium, where screenshots go.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../../../..');
export const ARTIFACTS = join(__dirname, '..', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Reuses apps/<app>/dist when present; otherwise builds it (`npm run <app>:build`), so `npm test` alone works. */
export function ensureBuild(app: 'console' | 'portal'): void {
  if (existsSync(join(ROOT, 'apps', app, 'dist', 'index.html'))) return;
  try {
    // NODE_ENV is "test" under Jest: the build must still be the production one that ships.
    execFileSync('npm', ['run', `${app}:build`], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run ${app}:build failed:\n${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`, {
      cause: e,
    });
  }
}

export const ensureConsoleBuild = () => ensureBuild('console');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright starts Chromium with a fresh temporary --user-data-dir of its own for each launch.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Waits until no antd modal or message is still animating in (a screenshot would catch it half-drawn); the 2-second
 * ripple of a clicked button (ant-wave) is not worth waiting for.
 * A function, not a string: the console's CSP forbids eval, which a string predicate would need.
 */
export const settled = (page: Page, timeout = 30_000) =>
  page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as { document: { querySelector: (s: string) => unknown } };
      return !document.querySelector('[class*="-appear"]:not(.ant-wave), [class*="-enter"]:not(.ant-wave)');
    },
    undefined,
    { timeout },
  );

/**
 * Waits until no finite CSS animation or transition is running (a tab's ink bar sliding, a modal zooming in); the
 * endless ones (spinners, the live dot) and a clicked button's ripple do not count.
 */
export const stillAnimations = (page: Page, timeout = 3000) =>
  page.waitForFunction(
    () => {
      type Anim = {
        playState: string;
        effect: { getTiming: () => { iterations: number }; target: { closest?: (s: string) => unknown } | null } | null;
      };
      const { document } = globalThis as unknown as { document: { getAnimations: () => Anim[] } };
      return document
        .getAnimations()
        .every(
          (a) =>
            a.playState !== 'running' ||
            !a.effect ||
            a.effect.getTiming().iterations === Infinity ||
            !!a.effect.target?.closest?.('.ant-wave'),
        );
    },
    undefined,
    { timeout },
  );

/** Where the console keeps its session (apps/console/src/lib/api.tsx): one tab's sessionStorage. */
const SESSION_KEY = 'pa.console.session';

/**
 * A browser context already signed in as the holder of `session` (the body of POST /api/v1/auth/login): the session
 * is put in sessionStorage before the console's script runs, as the login page leaves it. Tests of the desks use
 * this; the login form itself is tested in console.e2e-spec.ts and identity.e2e-spec.ts. Logging in through the
 * form for every role and page cost a full page load each (minutes for a file on two busy cores).
 */
export async function signedInContext(
  browser: Browser,
  session: object,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.addInitScript(
    ([key, value]) => {
      const { sessionStorage } = globalThis as unknown as {
        sessionStorage: { getItem: (k: string) => string | null; setItem: (k: string, v: string) => void };
      };
      if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, value);
    },
    [SESSION_KEY, JSON.stringify(session)] as const,
  );
  return context;
}

/**
 * Goes to a console path the way a click on one of its links does (history.pushState and the router's popstate
 * listener, apps/console/src/lib/router.tsx), without reloading the page and its scripts.
 */
export const goWithin = (page: Page, path: string) =>
  page.evaluate((url) => {
    const w = globalThis as unknown as {
      history: { pushState: (state: null, unused: string, url: string) => void };
      dispatchEvent: (event: unknown) => boolean;
      PopStateEvent: new (type: string) => unknown;
    };
    w.history.pushState(null, '', url);
    w.dispatchEvent(new w.PopStateEvent('popstate'));
  }, path);

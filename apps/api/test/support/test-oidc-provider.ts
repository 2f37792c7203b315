import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface EidPerson {
  sub: string;
  claims: Record<string, unknown>;
}

/** The tests' national e-ID: a real OpenID Connect provider in a child process (oidc-provider.mjs). */
export class TestOidcProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(client: { id: string; secret: string; redirectUris: string[] }): Promise<TestOidcProvider> {
    const child = spawn(process.execPath, [`${__dirname}/oidc-provider.mjs`], {
      env: {
        PATH: process.env.PATH,
        CLIENT_ID: client.id,
        CLIENT_SECRET: client.secret,
        REDIRECT_URIS: client.redirectUris.join(','),
      },
      // stdin: a pipe it watches, so that it ends with the test process even when that is killed. stderr: its
      // warnings (in-memory adapter, Node 20 not its preferred runtime) are for development, not test output.
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line'),
      once(child, 'exit'),
    ])) as [string];
    if (typeof line !== 'string') throw new Error('the test OIDC provider exited before listening');
    return new TestOidcProvider(child, JSON.parse(line).issuer);
  }

  /** Who logs in at the next authorization, with which claims, and whether the token endpoint forges its ID token. */
  async next(person: EidPerson, options: { forgeIdToken?: boolean } = {}): Promise<void> {
    const res = await fetch(`${this.issuer}/test/next`, {
      method: 'POST',
      body: JSON.stringify({ ...person, ...options }),
    });
    if (res.status !== 204) throw new Error(`test OIDC provider: ${res.status}`);
  }

  /**
   * Follows the provider's redirects as a browser would, cookies kept, through its login (which needs no form here)
   * until it sends the user back to the redirect URI; returns the parameters it appended there.
   */
  async visit(authorizationUrl: string, redirectUri: string): Promise<Record<string, string>> {
    const cookies = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const setCookie of res.headers.getSetCookie()) {
        const [pair] = setCookie.split(';');
        cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`test OIDC provider answered ${res.status}: ${await res.text()}`);
      url = new URL(location, url).href;
      if (url.startsWith(`${redirectUri}?`)) return Object.fromEntries(new URL(url).searchParams);
    }
    throw new Error('test OIDC provider: too many redirects');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill();
    await once(this.child, 'exit');
  }
}

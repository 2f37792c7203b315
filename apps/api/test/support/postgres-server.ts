import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A private, throwaway PostgreSQL server for a test that stops and restarts the database (the shared one
 * serves other test files running in parallel and must never be stopped). Runs as the `postgres` user, so the
 * test process must be root (as on the development and CI machines) or postgres itself.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static canRun(): boolean {
    return process.getuid?.() === 0 || process.env.USER === 'postgres';
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'pa-pg-'));
    execFileSync('chown', ['postgres', dir]);
    const pg = new PrivatePostgres(await freePort(), dir);
    pg.asPostgres(`${BIN}/initdb`, ['-D', join(dir, 'data'), '--auth=trust', '-U', 'postgres', '--no-sync']);
    pg.up();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/pa_test_private`;
  }

  up(): void {
    this.asPostgres(`${BIN}/pg_ctl`, [
      '-D',
      join(this.dir, 'data'),
      '-w',
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  down(): void {
    this.asPostgres(`${BIN}/pg_ctl`, ['-D', join(this.dir, 'data'), '-w', '-m', 'fast', 'stop']);
  }

  destroy(): void {
    try {
      this.down();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asPostgres(bin: string, args: string[]): void {
    const cmd =
      process.getuid?.() === 0
        ? (['runuser', ['-u', 'postgres', '--', bin, ...args]] as const)
        : ([bin, args] as const);
    execFileSync(cmd[0], [...cmd[1]], { stdio: 'pipe', cwd: this.dir });
  }
}

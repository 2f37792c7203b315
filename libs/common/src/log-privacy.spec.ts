import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { privateLogOptions } from './log-privacy';

/** Logs through pino with the options both processes use, and returns what was written. */
function written(log: (logger: pino.Logger) => void): string {
  let out = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) });
  log(pino({ ...privateLogOptions, level: 'info' }, sink));
  return out;
}

describe('log privacy', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

  it('never writes the parameters of a failed statement or the values its driver error quotes', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_phone_key"'), {
      code: '23505',
      constraint: 'users_phone_key',
      table: 'users',
      detail: 'Key (phone)=(+84977777777) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO users (phone, password_hash) VALUES ($1, $2)',
      ['+84977777777', hash],
      driverError,
    );
    const line = written((l) => l.error({ err: error }, 'query failed'));
    expect(line).toContain('INSERT INTO users');
    expect(line).toContain('23505');
    expect(line).not.toContain(hash);
    expect(line).not.toContain('977777777');
    expect(line).not.toContain('already exists');
  });

  it('masks phones however written and redacts keys and codes in URLs', () => {
    const line = written((l) =>
      l.info(
        { req: { url: '/open311/v2/requests.json?api_key=k3y-S3cret&jurisdiction_id=tn' } },
        'Gọi lại 0977 777 777 hoặc 0977.777.777; code=123456',
      ),
    );
    expect(line).not.toContain('k3y-S3cret');
    expect(line).toContain('api_key=[redacted]');
    expect(line).not.toMatch(/0977[ .]777[ .]777/);
    expect(line).toContain('097****777');
  });
});

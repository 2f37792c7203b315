import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cast } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** Everything a socket received until the server closed it. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

/**
 * Limits that protect the process before any of our code runs: the depth of JSON bodies, bodies that trickle in,
 * idle connections, headers that never end, and request ids taken from clients.
 */
describe('HTTP limits (e2e)', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof cast>>;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({
      HTTP_BODY_GRACE_SECONDS: '1',
      HTTP_BODY_MIN_BYTES_PER_SECOND: '2000',
      HTTP_IDLE_TIMEOUT_SECONDS: '2',
    });
    c = await cast(t);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  const open = () => connect(port, '127.0.0.1');
  const head = (length: number) =>
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  it('refuses deeply nested JSON with 400 before validation and before authentication', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    for (const [path, token] of [
      ['/api/v1/reports', undefined],
      ['/api/v1/reports', c.reporter.token],
      ['/api/v1/auth/login', undefined],
    ] as const) {
      const req = t.http().post(path).set('content-type', 'application/json');
      if (token) req.auth(token, { type: 'bearer' });
      const res = await req.send(deep);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.message).toMatch(/nested deeper than 32/);
    }
    // Brackets inside strings are text, and a real GeoJSON body is far below the limit.
    const text = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ login: '['.repeat(100), password: '{'.repeat(100) });
    expect(text.status).toBe(401);
  });

  it('closes a request whose body trickles in, with 408', async () => {
    const socket = open();
    const received = untilClosed(socket);
    socket.write(head(1000));
    socket.write('{"login":');
    const trickle = setInterval(() => socket.writable && socket.write(' '), 300);
    const response = await received;
    clearInterval(trickle);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('lets a slow but steady body through (a phone on a bad line)', async () => {
    const body = `{"login": "nobody",${' '.repeat(6000)}"password": "wrong-password1"}`;
    const socket = open();
    const received = untilClosed(socket);
    socket.write(head(Buffer.byteLength(body)).replace('HTTP/1.1\r\n', 'HTTP/1.1\r\nConnection: close\r\n'));
    // ~4 KB/s, twice the minimum, over about 1.5 s: past the grace period.
    for (let i = 0; i < body.length; i += 400) {
      socket.write(body.slice(i, i + 400));
      await new Promise((r) => setTimeout(r, 100));
    }
    const response = await received;
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('closes connections that send nothing, and headers that never end', async () => {
    const idle = open();
    expect(await untilClosed(idle)).toMatch(/^(HTTP\/1\.1 408 .*"code":"REQUEST_TIMEOUT".*)?$/s);
    const partial = open();
    const received = untilClosed(partial);
    partial.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => partial.writable && partial.write('X-A: b\r\n'), 300);
    const response = await received;
    clearInterval(trickle);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('takes a client request id only in a short, safe form', async () => {
    const echoed = await t.http().get('/health/ready').set('x-request-id', 'lb-2f1c9a7e-01');
    expect(echoed.headers['x-request-id']).toBe('lb-2f1c9a7e-01');
    for (const unsafe of [
      'a'.repeat(65),
      '<script>alert(1)</script>',
      'id with spaces 123',
      '"quoted-id-123"',
      'é-accented-id',
    ]) {
      const res = await t.http().get('/health/ready').set('x-request-id', unsafe);
      expect(res.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});

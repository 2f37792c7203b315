import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
}

/**
 * A local SMS provider for the tests: it receives what the API's real HTTP gateway client sends
 * (`POST { to, text }` with a bearer token) and keeps it, so a test reads the one-time code a phone received.
 * It can also be told to fail the next requests, to show the client's retries.
 */
export class SmsServer {
  readonly received: ReceivedSms[] = [];
  readonly token = 'test-sms-gateway-token-0123456789';
  /** Statuses to answer the next requests with, before answering 200 again. */
  failNext: number[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const status = this.failNext.shift();
        if (status) {
          res.writeHead(status).end();
          return;
        }
        try {
          const { to, text } = JSON.parse(body) as { to: string; text: string };
          this.received.push({ to, text, authorization: req.headers.authorization });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/sms`;
  }

  /** The messages a phone (E.164) received, oldest first. */
  to(phone: string): ReceivedSms[] {
    return this.received.filter((m) => m.to === phone);
  }

  /** The code of the newest message to the phone, waiting for it to arrive (the API sends in the background). */
  async codeFor(phone: string, count = 1, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(phone).length < count) {
      if (Date.now() > deadline) throw new Error(`no SMS to ${phone} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const code = /\b(\d{6})\b/.exec(this.to(phone).at(-1)!.text)?.[1];
    if (!code) throw new Error(`no code in the SMS to ${phone}`);
    return code;
  }

  /** Lets the process exit while the server still listens. */
  unref(): void {
    this.server?.unref();
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** One SMS provider per Jest worker process, shared by the apps its test file boots. */
let shared: { server: SmsServer; url: Promise<string> } | undefined;
export function testSmsServer(): { server: SmsServer; url: Promise<string> } {
  if (!shared) {
    const server = new SmsServer();
    shared = { server, url: server.start() };
    // Never keeps a Jest worker alive on its own.
    void shared.url.then(() => server.unref());
  }
  return shared;
}

// A crowd of socket.io clients in their own process (the bench starts two): each connects to /realtime with its
// own access token (websocket transport, its own connection), and records when each `report.status_changed`
// arrives. Commands and results travel over IPC:
//   → { cmd: 'subscribe', reportId }  ← { subscribed, failed }
//   → { cmd: 'collect' }              ← { receipts: { [eventId]: { reportId, toStatus, count, first, last } } }
//   → { cmd: 'reset' } | { cmd: 'close' }
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

interface Spec {
  url: string;
  tokens: string[];
  batch: number;
}
interface Receipt {
  reportId: string;
  toStatus: string;
  count: number;
  first: number;
  last: number;
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec;
const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
let receipts = new Map<string, Receipt>();

function onStatus(p: { eventId: string; reportId: string; toStatus: string }): void {
  const t = now();
  const r = receipts.get(p.eventId);
  if (r) {
    r.count++;
    r.last = t;
  } else receipts.set(p.eventId, { reportId: p.reportId, toStatus: p.toStatus, count: 1, first: t, last: t });
}

function connectOne(token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = io(`${spec.url}/realtime`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    });
    s.on('report.status_changed', onStatus);
    s.once('connect', () => {
      sockets.push(s);
      resolve(true);
    });
    s.once('connect_error', () => {
      s.close();
      resolve(false);
    });
  });
}

async function main(): Promise<void> {
  const t = now();
  let failed = 0;
  for (let i = 0; i < spec.tokens.length; i += spec.batch) {
    const results = await Promise.all(spec.tokens.slice(i, i + spec.batch).map(connectOne));
    failed += results.filter((ok) => !ok).length;
  }
  process.send?.({
    ready: true,
    connected: sockets.length,
    failed,
    connectSeconds: (now() - t) / 1000,
    pid: process.pid,
  });

  process.on('message', async (m: { cmd: string; reportId?: string }) => {
    if (m.cmd === 'subscribe') {
      let ok = 0;
      for (let i = 0; i < sockets.length; i += spec.batch) {
        const acks = await Promise.all(
          sockets.slice(i, i + spec.batch).map((s) =>
            s
              .timeout(20_000)
              .emitWithAck('subscribe', { reportId: m.reportId })
              .catch(() => null),
          ),
        );
        ok += acks.filter((a) => a && (a as { ok?: boolean }).ok).length;
      }
      process.send?.({ subscribed: ok, failed: sockets.length - ok });
    } else if (m.cmd === 'collect') {
      process.send?.({ receipts: Object.fromEntries(receipts) });
    } else if (m.cmd === 'reset') {
      receipts = new Map();
      process.send?.({ reset: true });
    } else if (m.cmd === 'close') {
      for (const s of sockets) s.close();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

process.on('disconnect', () => process.exit(0));
main().catch((e) => {
  process.send?.({ error: (e as Error).stack ?? String(e) });
  process.exitCode = 1;
});

// Ceiling of the real-time path: a bare socket.io server (no Nest, no Redis adapter, no authentication check,
// no worker) on the same namespace. Sockets join `user:<sub>` from their token's payload and `report:<id>` on
// `subscribe`; POST /emit { rooms, event, payload } emits at once, as the worker's emitter would.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { BENCH } from '../lib/config';

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      rooms: string[];
      event: string;
      payload: unknown;
    };
    nsp.to(m.rooms).emit(m.event, m.payload);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
http.keepAliveTimeout = 72_000;
const io = new Server(http, { transports: ['websocket'] });
const nsp = io.of('/realtime');
nsp.on('connection', (socket) => {
  const token = (socket.handshake.auth as { token?: string }).token ?? '';
  const sub = (
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as { sub?: string }
  ).sub;
  if (sub) void socket.join(`user:${sub}`);
  socket.on('subscribe', (body: { reportId?: string }, ack?: (a: unknown) => void) => {
    if (body?.reportId) void socket.join(`report:${body.reportId}`);
    ack?.({ ok: true, reportId: body?.reportId });
  });
});
http.listen(BENCH.ceilingPort, BENCH.host, () => process.send?.({ ready: true, pid: process.pid }));
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));

// Ceiling of the trivial route: a bare Node http server answering /health/live's JSON, nothing else.
import { createServer } from 'node:http';
import { BENCH } from '../lib/config';

const body = JSON.stringify({ status: 'ok' });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(BENCH.ceilingPort, BENCH.host, () => process.send?.({ ready: true, pid: process.pid }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));

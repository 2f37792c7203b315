import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { endWithError } from './raw-error-response';

export interface SlowBodyLimits {
  /** The body must arrive at least this fast on average, once the grace period is over. */
  minBytesPerSecond: number;
  /** Time every request has before the rate counts (a small body on a slow line, a phone waking its radio). */
  graceMs: number;
}

interface Receiving {
  raw: IncomingMessage;
  startedAt: number;
  bytesAtStart: number;
}

const SWEEP_MS = 1000;

/**
 * Closes requests whose body trickles in (slowloris): a connection that sends a byte now and then would
 * otherwise hold its socket, its parser and any upload buffer for as long as it likes. The rule is a minimum
 * average rate after a grace period, not a fixed deadline, so a 10 MB photo over a bad 3G line (~12 KB/s) still
 * arrives while a trickle of a few bytes a second is cut. Progress is read from the socket's byte counter, which
 * needs no listener on the body stream (uploads are streamed by @fastify/multipart straight from the request),
 * and one sweep a second checks every request still receiving, like the socket-expiry sweep of the gateway.
 */
export function closeSlowBodies(fastify: FastifyInstance, limits: SlowBodyLimits): void {
  const receiving = new Set<Receiving>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const raw = request.raw;
    const hasBody =
      raw.headers['content-length'] !== undefined
        ? raw.headers['content-length'] !== '0'
        : raw.headers['transfer-encoding'] !== undefined;
    if (hasBody && !raw.complete) {
      const entry = { raw, startedAt: Date.now(), bytesAtStart: raw.socket.bytesRead };
      receiving.add(entry);
      const forget = () => receiving.delete(entry);
      raw.once('end', forget);
      raw.once('close', forget);
    }
    done();
  });
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const entry of receiving) {
      const { raw, startedAt, bytesAtStart } = entry;
      if (raw.complete || raw.destroyed) {
        receiving.delete(entry);
        continue;
      }
      const elapsedMs = now - startedAt;
      if (elapsedMs <= limits.graceMs) continue;
      const received = raw.socket.bytesRead - bytesAtStart;
      if (received >= (limits.minBytesPerSecond * elapsedMs) / 1000) continue;
      receiving.delete(entry);
      // As Node does for its own request timeout: the request is still being read, so no reply can answer it yet.
      endWithError(raw.socket, 408, 'REQUEST_TIMEOUT', 'The request body arrived too slowly');
    }
  }, SWEEP_MS);
  sweep.unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });
}

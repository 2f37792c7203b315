import type { Socket } from 'node:net';
import type { ErrorCode } from '@app/common';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * An error answer in the API's error shape, written straight to a socket and closing it: for requests that
 * never became a request Fastify could reply to (timed out or malformed while being read).
 */
export function endWithError(socket: Socket, statusCode: 400 | 408 | 431, code: ErrorCode, message: string): void {
  if (socket.writable) {
    const body = JSON.stringify({ statusCode, code, message });
    socket.end(
      `HTTP/1.1 ${statusCode} ${REASONS[statusCode]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}

/** Fastify's clientErrorHandler: Node's own timeouts and parse errors, answered in our shape. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    endWithError(socket, 408, 'REQUEST_TIMEOUT', 'The request arrived too slowly');
  else if (error.code === 'HPE_HEADER_OVERFLOW')
    endWithError(socket, 431, 'VALIDATION_FAILED', 'Request headers too large');
  else endWithError(socket, 400, 'VALIDATION_FAILED', 'Malformed HTTP request');
}

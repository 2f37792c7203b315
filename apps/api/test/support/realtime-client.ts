import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/configure-app';
import { eventually } from './test-app';
import { loadEnv } from '@app/config';

export interface Received {
  event: string;
  payload: Record<string, unknown>;
}

export interface RealtimeClient {
  socket: Socket;
  /** Everything the server sent, in order. */
  got: Received[];
  /** Waits (generously) for a message matching `match`. */
  waitFor: (event: string, match?: (p: Record<string, unknown>) => boolean, timeoutMs?: number) => Promise<Received>;
  /** Messages about one timeline event. */
  about: (eventId: string) => Received[];
  emitWithAck: (event: string, body: unknown) => Promise<Record<string, unknown>>;
  close: () => void;
}

/** Starts listening on a free local port (createTestApp only initialises) and returns the base URL. */
export async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Another API process sharing the current test environment (same database and REDIS_PREFIX), listening. */
export async function bootAnotherApi(): Promise<{ app: NestFastifyApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(loadEnv()), {
    bufferLogs: true,
  });
  await configureApp(app);
  await app.init();
  return { app, url: await listen(app) };
}

/** A socket.io client on /realtime; resolves once connected, rejects with the server's connect_error. */
export function connect(baseUrl: string, token?: string): Promise<RealtimeClient> {
  const socket = io(`${baseUrl}/realtime`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const got: Received[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => got.push({ event, payload }));
  const client: RealtimeClient = {
    socket,
    got,
    waitFor: (event, match = () => true, timeoutMs = 5000) =>
      eventually(async () => got.find((m) => m.event === event && match(m.payload)), timeoutMs),
    about: (eventId) => got.filter((m) => m.payload?.eventId === eventId),
    emitWithAck: (event, body) => socket.timeout(5000).emitWithAck(event, body),
    close: () => void socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

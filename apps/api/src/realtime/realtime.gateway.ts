import { OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser, SessionGate, TokenService } from '@app/auth';
import { AppError } from '@app/common';
import { Db } from '@app/database';
import { REALTIME_NAMESPACE, RealtimeSessions, rooms, roomsForUser } from '@app/notifications';
import { accessLevel } from '@app/reports';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SocketData {
  user: AuthUser;
  /** When the access token the socket was opened with expires, in ms since the epoch (absent: never). */
  expiresAt?: number;
}

/** How often connected sockets are checked for an expired access token. */
export const EXPIRY_SWEEP_MS = 1000;

type SubscribeAck = { ok: true; reportId: string } | { error: 'NOT_FOUND' | 'VALIDATION_FAILED' };

/**
 * The real-time endpoint: authentication and rooms only. What is said in the rooms is decided by the worker's
 * notification policy and arrives through the Redis adapter; nothing here emits business events.
 */
@SkipThrottle()
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnModuleDestroy, RealtimeSessions
{
  private sweep?: NodeJS.Timeout;
  @WebSocketServer() private readonly nsp!: Namespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionGate,
    private readonly db: Db,
  ) {}

  /**
   * Refuses the handshake itself without a valid access token, or for an account that is locked or deleted: the
   * client gets connect_error UNAUTHENTICATED.
   */
  afterInit(nsp: Namespace): void {
    // Drop each connection's first HTTP request once the engine has it (socket.io's documented memory tip). It
    // saves ~3.7 KB per socket for clients that open with long-polling, socket.io-client's default; a client that
    // opens with the websocket transport keeps its upgrade request anyway, inside engine.io (bench/FINDINGS.md F9).
    // Nothing here reads the request: the token comes from the CONNECT packet (socket.handshake.auth).
    nsp.server.engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    nsp.use((socket, next) => {
      this.authenticate(socket).then(
        (ok) => next(ok ? undefined : new Error('UNAUTHENTICATED')),
        () => next(new Error('SERVICE_UNAVAILABLE')),
      );
    });
    // A socket outlives the short-lived access token it was opened with; closing it when the token expires makes
    // the client reconnect with a fresh one, so a disabled account stops hearing within one token lifetime. One
    // sweep over this process's sockets rather than a timer and a disconnect listener per socket (bench/FINDINGS.md
    // F9): a socket is closed at most one sweep after its token's expiry.
    this.sweep = setInterval(() => this.disconnectExpired(nsp), EXPIRY_SWEEP_MS);
    this.sweep.unref();
  }

  /**
   * Whether the socket may connect; if so, who it is. The token's session must be the account's current one
   * (SessionGate): a change of roles or agency, a lock or a deletion ends it, so its claims are the account as it is.
   */
  private async authenticate(socket: Socket): Promise<boolean> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) return false;
    let user: AuthUser;
    try {
      const verified = this.tokens.verifyAccess(token);
      await this.sessions.assertCurrent(verified.session);
      user = verified.user;
    } catch (e) {
      if (e instanceof AppError) return false;
      throw e;
    }
    const data = socket.data as SocketData;
    data.user = user;
    const expiresAt = expiryOf(token);
    if (expiresAt !== undefined) data.expiresAt = expiresAt;
    return true;
  }

  disconnectUser(userId: string): void {
    // This process's sockets at once, even while Redis is down; the other processes' through the Redis adapter
    // (which asks this one too, and finds none left).
    this.nsp.local.in(rooms.user(userId)).disconnectSockets(true);
    this.nsp.in(rooms.user(userId)).disconnectSockets(true);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  handleConnection(socket: Socket): void {
    const user = (socket.data as SocketData).user;
    void socket.join(roomsForUser(user));
  }

  /** Joins a report's room if the user may read the report; otherwise answers as if it did not exist. */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const reportId = (body as { reportId?: unknown } | null)?.reportId;
    if (typeof reportId !== 'string' || !UUID.test(reportId)) return { error: 'VALIDATION_FAILED' };
    const user = (socket.data as SocketData).user;
    const report = await this.db.kysely
      .selectFrom('reports as r')
      .select(['r.agencyId', 'r.reporterId', 'r.isPublic', 'r.status', 'r.cancelReason', 'r.firstAssignedAt'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('reportFollowers as f')
              .select('f.userId')
              .whereRef('f.reportId', '=', 'r.id')
              .where('f.userId', '=', user.id),
          )
          .as('isFollower'),
      )
      .where('r.id', '=', reportId)
      .executeTakeFirst();
    const level = report ? accessLevel(report, user, !!report.isFollower) : null;
    if (!level) return { error: 'NOT_FOUND' };
    // Membership is checked only here, so every room joined must stay right when the case moves or the report
    // changes. The centre may read every case: the report's staff room, which hears all of it. An agency hears its
    // cases in its agency room, which the policy computes per event and so stops when the case moves: nothing to
    // join. Everyone else: the public room, which hears status changes, and only while the report is public.
    if (level === 'centre') await socket.join(rooms.reportStaff(reportId));
    else if (level !== 'agency') await socket.join(rooms.report(reportId));
    return { ok: true, reportId };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ ok: true }> {
    const reportId = (body as { reportId?: unknown } | null)?.reportId;
    if (typeof reportId === 'string') {
      await socket.leave(rooms.report(reportId));
      await socket.leave(rooms.reportStaff(reportId));
    }
    return { ok: true };
  }

  private disconnectExpired(nsp: Namespace): void {
    const now = Date.now();
    for (const socket of nsp.sockets.values()) {
      const expiresAt = (socket.data as SocketData).expiresAt;
      if (expiresAt !== undefined && expiresAt <= now) socket.disconnect(true);
    }
  }
}

/** The `exp` of a token whose signature was already verified, in ms; undefined when it has none. */
function expiryOf(token: string): number | undefined {
  try {
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

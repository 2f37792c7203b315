import { Logger } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Namespace, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { AuthUser, TokenService } from '@app/auth';
import { REALTIME_NAMESPACE, rooms, roomsForUser } from '@app/notifications';
import { accessLevel } from '@app/reports';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SocketData {
  user: AuthUser;
}

type SubscribeAck = { ok: true; reportId: string } | { error: 'NOT_FOUND' | 'VALIDATION_FAILED' };

/**
 * The real-time endpoint: authentication and rooms only. What is said in the rooms is decided by the worker's
 * notification policy and arrives through the Redis adapter; nothing here emits business events.
 */
@SkipThrottle()
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly tokens: TokenService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Refuses the handshake itself without a valid access token: the client gets connect_error UNAUTHENTICATED. */
  afterInit(nsp: Namespace): void {
    // socket.io's documented memory tip: drop each connection's HTTP upgrade request once the engine has it
    // (a few KB per socket at hundreds of thousands of sockets); the handshake data we read is copied first.
    nsp.server.engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      try {
        if (typeof token !== 'string' || !token) throw new Error('missing token');
        (socket.data as SocketData).user = this.tokens.verifyAccess(token);
        this.disconnectAtExpiry(socket, token);
        next();
      } catch {
        next(new Error('UNAUTHENTICATED'));
      }
    });
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
    const [report] = await this.db.query(
      `SELECT agency_id AS "agencyId", reporter_id AS "reporterId", is_public AS "isPublic",
              EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = r.id AND f.user_id = $2) AS "isFollower"
         FROM reports r WHERE r.id = $1`,
      [reportId, user.id],
    );
    const level = report ? accessLevel(report, user, report.isFollower) : null;
    if (!level) return { error: 'NOT_FOUND' };
    // Internal events of a case reach agency staff through their agency room (which follows the case); the
    // staff room of a report is for the centre, who may read every case.
    await socket.join(level === 'centre' ? [rooms.report(reportId), rooms.reportStaff(reportId)] : [rooms.report(reportId)]);
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

  /**
   * A socket outlives the short-lived access token it was opened with; closing it when the token expires makes
   * the client reconnect with a fresh one, so a disabled account stops hearing within one token lifetime.
   */
  private disconnectAtExpiry(socket: Socket, token: string): void {
    try {
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
      if (typeof exp !== 'number') return;
      // Capped: Node fires a timer longer than 2^31-1 ms at once.
      const timer = setTimeout(() => socket.disconnect(true), Math.min(2 ** 31 - 1, Math.max(0, exp * 1000 - Date.now())));
      timer.unref();
      socket.once('disconnect', () => clearTimeout(timer));
    } catch (e) {
      this.logger.debug(`token without a readable expiry: ${(e as Error).message}`);
    }
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/common';
import { ACCESS_RULE, AccessRule, AuthUser } from './access.decorators';
import { SessionGate, type SessionClaims } from './session-gate';
import { TokenService } from './token.service';

type GuardedRequest = { headers: Record<string, string | undefined>; user?: AuthUser; session?: SessionClaims };

/**
 * The one global guard: authenticates the bearer token (its signature, then that its session is still current:
 * SessionGate) and applies the route's access rule.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new AppError('FORBIDDEN', 'This route has no access rule');
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    if (rule.kind === 'public' || rule.kind === 'api_key') {
      // A stale or ended token on a public route is not an error: the caller is simply anonymous.
      if (token) await this.authenticate(request, token).catch(() => undefined);
      return true;
    }
    if (!token) throw new AppError('UNAUTHENTICATED', 'Missing bearer token');
    const user = await this.authenticate(request, token);
    if (rule.kind === 'roles' && !user.roles.some((r) => rule.roles.includes(r))) {
      throw new AppError('FORBIDDEN', 'Your role may not use this route');
    }
    return true;
  }

  private async authenticate(request: GuardedRequest, token: string): Promise<AuthUser> {
    const { user, session } = this.tokens.verifyAccess(token);
    await this.sessions.assertCurrent(session);
    request.user = user;
    request.session = session;
    return user;
  }
}

/** The session of the request's access token (set by AuthGuard), for logging out of it. */
export const sessionOf = (request: unknown): SessionClaims | undefined => (request as GuardedRequest).session;

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/common';
import { ACCESS_RULE, AccessRule, AuthUser } from './access.decorators';
import { TokenService } from './token.service';

/** The one global guard: authenticates the bearer token and applies the route's access rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new AppError('FORBIDDEN', 'This route has no access rule');
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    if (rule.kind === 'public' || rule.kind === 'api_key') {
      if (token) {
        try {
          request.user = this.tokens.verifyAccess(token);
        } catch {
          // A stale token on a public route is not an error: the caller is simply anonymous.
        }
      }
      return true;
    }
    if (!token) throw new AppError('UNAUTHENTICATED', 'Missing bearer token');
    request.user = this.tokens.verifyAccess(token);
    if (rule.kind === 'roles' && !request.user.roles.some((r) => rule.roles.includes(r))) {
      throw new AppError('FORBIDDEN', 'Your role may not use this route');
    }
    return true;
  }
}

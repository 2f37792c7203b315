import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@app/workflow';

/**
 * Every route declares who may call it; the global guard refuses a route that declares nothing, and the app
 * refuses to boot with one (see AccessRulesCheck). So a forgotten rule fails loudly, never open.
 */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] } | { kind: 'api_key' };

export const ACCESS_RULE = 'access_rule';

/** Anyone, logged in or not (a token, if sent and valid, still identifies the caller). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** Any logged-in user, whatever the role. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);
/** A logged-in user holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
/** Integrations authenticated by an API key in the request (Open311); checked by the route itself. */
export const ApiKeyAccess = () => SetMetadata(ACCESS_RULE, { kind: 'api_key' } satisfies AccessRule);

/** Who is calling: taken from a verified access token. */
export interface AuthUser {
  id: string;
  roles: Role[];
  agencyId: string | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});

export const hasRole = (user: AuthUser | undefined, ...roles: Role[]) =>
  !!user && user.roles.some((r) => roles.includes(r));

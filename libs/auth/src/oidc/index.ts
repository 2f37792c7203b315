import { OidcClient } from './oidc-client';
import { OidcLogin } from './oidc-login.service';
import { OidcPendingLogins } from './oidc-pending-logins';

export * from './oidc-client';
export * from './oidc-login.service';
export * from './oidc-pending-logins';

/** The providers of the e-ID login, for AuthModule. */
export const OIDC_SERVICES = [OidcClient, OidcPendingLogins, OidcLogin];

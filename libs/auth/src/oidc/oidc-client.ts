import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppError } from '@app/common';
import { Env } from '@app/config';

/** How long a call to the provider (discovery, token, keys, UserInfo) may take: someone is waiting on a phone. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** What is kept server-side between sending someone to the provider and their return; the client never sees it. */
export interface PendingOidcLogin {
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The parameters the provider appended to the redirect URI. */
export interface OidcCallback {
  code: string;
  state: string;
  /** RFC 9207: the issuer names itself in the response; required by providers that announce it. */
  iss?: string;
}

/** Claims the provider vouches for: the verified ID token's, completed from UserInfo. */
export type OidcClaims = oidc.IDToken & { phone_number?: unknown; phone_number_verified?: unknown; name?: unknown };

/**
 * The relying-party side of OpenID Connect (authorization code with PKCE S256) through openid-client, which checks
 * the ID token: signature against the issuer's published keys, iss, aud, exp, iat, nonce. The issuer's metadata is read
 * at the first login, not at start-up, so the API starts while the provider is down (its routes then answer 503).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private configuration: Promise<oidc.Configuration> | null = null;
  private readonly redirectUris: string[];

  constructor(private readonly env: Env) {
    this.redirectUris = (env.OIDC_REDIRECT_URI ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
  }

  get providerName(): string {
    return this.env.OIDC_PROVIDER_NAME;
  }

  /** 503 while no issuer is configured. */
  assertEnabled(): void {
    if (!this.env.OIDC_ISSUER)
      throw new AppError('SERVICE_UNAVAILABLE', 'Login with the national e-ID is not configured');
  }

  /** A new authorization request: where to send the user, its state, and what to keep until they return. */
  async authorizationRequest(
    requestedRedirectUri?: string,
  ): Promise<{ url: string; state: string; pending: PendingOidcLogin }> {
    const config = await this.config();
    const redirectUri = requestedRedirectUri ?? this.redirectUris[0];
    if (!this.redirectUris.includes(redirectUri)) {
      throw new AppError('VALIDATION_FAILED', 'Unknown redirect URI', {
        fields: { redirectUri: ['not one of the configured OIDC redirect URIs'] },
      });
    }
    const pending = { nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), redirectUri };
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.env.OIDC_SCOPES,
      state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, pending };
  }

  /**
   * Exchanges the code at the token endpoint (with the PKCE verifier) and verifies the ID token against the pending
   * login's state and nonce. 401 for anything the provider does not confirm; 503 when it cannot be reached.
   */
  async exchange(callback: OidcCallback, pending: PendingOidcLogin): Promise<OidcClaims> {
    const config = await this.config();
    const currentUrl = new URL(pending.redirectUri);
    for (const [name, value] of Object.entries(callback))
      if (value !== undefined) currentUrl.searchParams.set(name, value);
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: callback.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      if (idToken.phone_number !== undefined || !config.serverMetadata().userinfo_endpoint) return idToken;
      // With the code flow many providers put only `sub` in the ID token and the scopes' claims in UserInfo (OIDC
      // Core 5.4); openid-client checks that UserInfo speaks of the same subject.
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      return { ...userInfo, ...idToken };
    } catch (e) {
      this.logger.warn(`${this.providerName} login not confirmed: ${describe(e)}`);
      if (unreachable(e))
        throw new AppError('SERVICE_UNAVAILABLE', `${this.providerName} cannot be reached, try again later`);
      throw new AppError('UNAUTHENTICATED', `${this.providerName} did not confirm this login: start it again`);
    }
  }

  /** The issuer's metadata, discovered once; a failed discovery is retried at the next login. */
  private config(): Promise<oidc.Configuration> {
    this.assertEnabled();
    this.configuration ??= this.discover().catch((e) => {
      this.configuration = null;
      this.logger.error(`${this.providerName} discovery failed: ${describe(e)}`);
      throw new AppError('SERVICE_UNAVAILABLE', `${this.providerName} cannot be reached, try again later`);
    });
    return this.configuration;
  }

  private discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.env.OIDC_ISSUER!);
    const secret = this.env.OIDC_CLIENT_SECRET;
    return oidc.discovery(
      issuer,
      this.env.OIDC_CLIENT_ID!,
      undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      {
        execute: [
          // openid-client by default trusts an ID token from the token endpoint on the strength of TLS alone (OIDC Core
          // 3.1.3.7 allows it); we also check its signature against the issuer's keys, so a token endpoint that is not
          // the issuer's (a proxy, a mistaken URL) cannot vouch for anyone.
          oidc.enableNonRepudiationChecks,
          // Plain HTTP only for a local test provider: env.ts refuses an http issuer in production.
          ...(issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
        ],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      },
    );
  }
}

/** The provider did not answer (network, timeout) or failed itself (5xx), as opposed to refusing the login. */
function unreachable(e: unknown): boolean {
  const error = e as { name?: string; message?: string; code?: string; cause?: { status?: number } };
  return (
    (error?.name === 'TypeError' && error.message === 'fetch failed') ||
    error?.name === 'TimeoutError' ||
    error?.name === 'AbortError' ||
    (error?.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && (error.cause?.status ?? 0) >= 500)
  );
}

/** For the log: the error's kind and reason, never a token. */
function describe(e: unknown): string {
  const error = e as { name?: string; code?: string; message?: string; error?: string };
  return [error?.name, error?.code, error?.error, error?.message].filter(Boolean).join(' ');
}

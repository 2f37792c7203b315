import { TestOidcProvider } from './test-oidc-provider';

/**
 * The outside identity providers switched on, for tests that walk every route (the authorisation matrix, the
 * fuzzer): a real local OpenID Connect provider for the national e-ID login, and a Firebase project id (tokens
 * are checked locally; no test here reaches Google). Without them those routes would rightly answer 503.
 */
export async function startOutsideProviders(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const client = {
    id: 'pa-routes-test',
    secret: 'pa-routes-test-secret-0123456789',
    redirectUris: ['https://portal.example.vn/dang-nhap/vneid'],
  };
  const provider = await TestOidcProvider.start(client);
  return {
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: client.id,
      OIDC_CLIENT_SECRET: client.secret,
      OIDC_REDIRECT_URI: client.redirectUris.join(','),
      FIREBASE_AUTH_PROJECT_ID: 'pa-routes-test',
    },
    stop: () => provider.stop(),
  };
}

// A real OpenID Connect provider (oidc-provider, ESM-only, hence plain `node` in a child process) standing in for
// the national e-ID in the e2e tests. It registers one client (PKCE required), logs in without a form whichever
// account the test chose (POST /test/next), and can forge the ID token of its next token response (signed by a key
// that is not in its published JWKS), so that the API's real client code path has to refuse it.
//
//   node apps/api/test/support/oidc-provider.mjs   (env: CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS comma-separated)
//   prints one JSON line {"issuer": "http://127.0.0.1:<port>"} once it listens on a free port.
import { Buffer } from 'node:buffer';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS } = process.env;
const SCOPES = 'openid profile phone';

/** The next login: its subject and claims, and whether its ID token is forged. Set by the test. */
let next = { sub: '', claims: {}, forgeIdToken: false };
const accounts = new Map();

const rsaJwk = (kid) => ({
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid,
  use: 'sig',
  alg: 'RS256',
});
const signingKey = rsaJwk('provider-key');
const { privateKey: forgerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The same header (the provider's kid) and claims, signed by a key the provider never published. */
function forged(idToken) {
  const [header, payload] = idToken.split('.');
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), forgerKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const readJson = async (req) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
};

// Ends with the test process however that ends (even killed): its end of our stdin closes.
process.stdin.on('end', () => process.exit(0)).resume();

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: REDIRECT_URIS.split(','),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'], phone: ['phone_number', 'phone_number_verified'] },
    scopes: SCOPES.split(' '),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) =>
      accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined,
    // A first-party client: consent is given with the login, so the only interaction is the login itself.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session.accountId;
      if (!accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, nextMiddleware) => {
    await nextMiddleware();
    if (ctx.path === '/token' && next.forgeIdToken && ctx.body?.id_token)
      ctx.body = { ...ctx.body, id_token: forged(ctx.body.id_token) };
  });

  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/test/next') {
        next = { forgeIdToken: false, ...(await readJson(req)) };
        accounts.set(next.sub, next.claims);
        return res.writeHead(204).end();
      }
      if (req.url.startsWith('/interaction/')) {
        await provider.interactionDetails(req, res);
        return await provider.interactionFinished(
          req,
          res,
          { login: { accountId: next.sub } },
          { mergeWithLastSubmission: false },
        );
      }
      return oidc(req, res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

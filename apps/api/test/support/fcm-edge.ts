import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';

/**
 * Jest runs modules in a VM without ESM support, so google-auth-library's HTTP client (gaxios) cannot do its
 * `import('node-fetch')` here (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG); plain Node can. Hand it Node's own
 * fetch instead, looked up at call time so that nock's interception of fetch applies. Test-only: the OAuth
 * exchange and the FCM calls still run through the real SDK and leave through a real HTTP client.
 */
function giveGaxiosNodeFetch(): void {
  const gaxiosPath = require.resolve('gaxios', { paths: [require.resolve('google-auth-library')] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy google-auth-library loads, found by path
  const { Gaxios } = require(gaxiosPath) as {
    Gaxios: { prototype: { _defaultAdapter: (c: Record<string, unknown>) => unknown } };
  };
  const original = Gaxios.prototype._defaultAdapter;
  Gaxios.prototype._defaultAdapter = function (config) {
    const fetchImplementation =
      config.fetchImplementation ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
    return original.call(this, { ...config, fetchImplementation });
  };
}

/**
 * FCM at the network edge for one test file: no network but localhost, Google's OAuth token exchange answered,
 * and the FIREBASE_* variables of a throwaway service account (nothing real is ever signed or sent). FCM's own
 * answers are the test's (nock on https://fcm.googleapis.com).
 */
export function fcmEdge(project: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  giveGaxiosNodeFetch();
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  nock('https://oauth2.googleapis.com')
    .post('/token')
    .reply(200, { access_token: 'test-access-token', expires_in: 3600, token_type: 'Bearer' })
    .persist();
  return {
    FIREBASE_PROJECT_ID: project,
    FIREBASE_CLIENT_EMAIL: `push@${project}.iam.gserviceaccount.com`,
    FIREBASE_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
  };
}

/** Takes the interceptor off again: core modules are shared by the test files of a Jest worker. */
export function closeFcmEdge(): void {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
}

/** FCM's error body for a status, with its FCM error code (UNREGISTERED: a dead token). */
export const fcmError = (status: number, code: string, fcmCode?: string) => ({
  error: {
    code: status,
    message: fcmCode ? 'Requested entity was not found.' : 'The service is currently unavailable.',
    status: code,
    ...(fcmCode
      ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: fcmCode }] }
      : {}),
  },
});

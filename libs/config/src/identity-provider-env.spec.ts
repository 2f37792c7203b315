import { loadEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa',
  JWT_SECRET: 'Zx8qL2vRm5Tn9Wp4Yb7Hd3Kf6Jc1Gs0Ae',
};
const eid = {
  OIDC_ISSUER: 'https://sso.example.vn',
  OIDC_CLIENT_ID: 'phan-anh',
  OIDC_REDIRECT_URI: 'https://phananh.example.vn/cb',
};
// Production needs its other settings right too; these tests are about the identity providers' only.
const production = { NODE_ENV: 'production', SMS_GATEWAY: 'none' };

describe('loadEnv: national e-ID and Firebase phone sign-in settings', () => {
  it('leaves both off by default, with the default scopes and provider name', () => {
    const env = loadEnv(valid);
    expect([env.OIDC_ISSUER, env.FIREBASE_AUTH_PROJECT_ID, env.OIDC_SCOPES, env.OIDC_PROVIDER_NAME]).toEqual([
      undefined,
      undefined,
      'openid profile phone',
      'vneid',
    ]);
  });

  it('takes a list of redirect URIs, an app scheme among them, and refuses one with a query or without a scheme', () => {
    expect(
      loadEnv({ ...valid, ...eid, OIDC_REDIRECT_URI: 'https://phananh.example.vn/cb, vn.example.phananh:/oidc' })
        .OIDC_REDIRECT_URI,
    ).toBeDefined();
    expect(() => loadEnv({ ...valid, ...eid, OIDC_REDIRECT_URI: 'https://phananh.example.vn/cb?x=1' })).toThrow(
      /OIDC_REDIRECT_URI/,
    );
    expect(() => loadEnv({ ...valid, ...eid, OIDC_REDIRECT_URI: '/cb' })).toThrow(/OIDC_REDIRECT_URI/);
  });

  it('needs the client id and a redirect URI with an issuer, and openid among the scopes', () => {
    expect(() => loadEnv({ ...valid, OIDC_ISSUER: eid.OIDC_ISSUER })).toThrow(
      /OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI/,
    );
    expect(() => loadEnv({ ...valid, ...eid, OIDC_SCOPES: 'profile phone' })).toThrow(
      /OIDC_SCOPES must include openid/,
    );
  });

  it('refuses in production an http issuer and the Firebase emulator, which accepts unsigned tokens', () => {
    const local = { ...eid, OIDC_ISSUER: 'http://127.0.0.1:9000' };
    expect(() => loadEnv({ ...valid, ...local })).not.toThrow();
    expect(() => loadEnv({ ...valid, ...production, ...local })).toThrow(/OIDC_ISSUER: https only in production/);
    expect(() => loadEnv({ ...valid, ...production, ...eid })).not.toThrow();
    expect(() => loadEnv({ ...valid, ...production, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' })).toThrow(
      /FIREBASE_AUTH_EMULATOR_HOST/,
    );
  });
});

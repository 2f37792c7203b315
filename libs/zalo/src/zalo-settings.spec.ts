import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '@app/config';

// The ZALO_* settings (libs/config/src/env.ts, docs/channels.md#zalo): all or none, secrets from files, no
// placeholders in production.
const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa', JWT_SECRET: 'x'.repeat(32) };
const zalo = {
  ZALO_APP_ID: '3605211416208941163',
  ZALO_APP_SECRET: 'Kq8vX2mZ7rTn4LwB9sYd',
  ZALO_OA_SECRET_KEY: 'Vf3Hj8Qp1Zc6Nx4Rt7Bm',
  ZALO_REFRESH_TOKEN: 'Gy5Ku2Wd9Ls3Pe8Ja1Oc',
};

describe('Zalo settings', () => {
  it('are off when unset, and on with all four', () => {
    expect(loadEnv(base).ZALO_APP_ID).toBeUndefined();
    expect(loadEnv({ ...base, ...zalo, ZALO_ZNS_TEMPLATE_STATUS: '298012' })).toMatchObject(zalo);
  });

  it('refuse a part of the app, a ZNS template without it, and a non-numeric app id', () => {
    expect(() => loadEnv({ ...base, ZALO_APP_ID: zalo.ZALO_APP_ID })).toThrow(/ZALO_\*: set all of/);
    expect(() => loadEnv({ ...base, ZALO_ZNS_TEMPLATE_STATUS: '298012' })).toThrow(/needs the ZALO_\* app/);
    expect(() => loadEnv({ ...base, ...zalo, ZALO_APP_ID: 'my-app' })).toThrow(/ZALO_APP_ID is the numeric app id/);
  });

  it('read the secrets from files, and refuse placeholders in production only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zalo-env-'));
    writeFileSync(join(dir, 'oa'), `${zalo.ZALO_OA_SECRET_KEY}\n`);
    const { ZALO_OA_SECRET_KEY: _unused, ...rest } = zalo;
    expect(loadEnv({ ...base, ...rest, ZALO_OA_SECRET_KEY_FILE: join(dir, 'oa') }).ZALO_OA_SECRET_KEY).toBe(
      zalo.ZALO_OA_SECRET_KEY,
    );
    const placeholder = { ...base, ...zalo, ZALO_APP_SECRET: 'replace-with-the-app-secret' };
    expect(() => loadEnv(placeholder)).not.toThrow();
    expect(() => loadEnv({ ...placeholder, NODE_ENV: 'production', SMS_GATEWAY: 'none' })).toThrow(
      /ZALO_APP_SECRET: a published development value or placeholder/,
    );
  });
});

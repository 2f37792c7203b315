import { loadEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa',
  JWT_SECRET: 'Zx8qL2vRm5Tn9Wp4Yb7Hd3Kf6Jc1Gs0Ae',
};
const production = { NODE_ENV: 'production', SMS_GATEWAY: 'none' };
const from = { MAIL_FROM: 'Trung tâm Phản ánh <phananh@tinh.gov.vn>' };

describe('loadEnv: outgoing email (SMTP)', () => {
  it('is off by default and takes a URL or a host with a sender', () => {
    expect(loadEnv(valid).SMTP_URL).toBeUndefined();
    expect(loadEnv({ ...valid, ...from, SMTP_URL: 'smtps://user:Qw7%2Fz9Kp2Lm4@mail.tinh.gov.vn:465' }).SMTP_URL).toBe(
      'smtps://user:Qw7%2Fz9Kp2Lm4@mail.tinh.gov.vn:465',
    );
    expect(loadEnv({ ...valid, ...from, SMTP_HOST: 'mail.tinh.gov.vn', SMTP_PORT: '25' }).SMTP_PORT).toBe(25);
  });

  it('refuses a server without a sender, both forms at once, and a URL of another scheme', () => {
    expect(() => loadEnv({ ...valid, SMTP_HOST: 'mail.tinh.gov.vn' })).toThrow('SMTP_URL or SMTP_HOST needs MAIL_FROM');
    expect(() => loadEnv({ ...valid, ...from, SMTP_HOST: 'a', SMTP_URL: 'smtp://b:25' })).toThrow('set one of them');
    expect(() => loadEnv({ ...valid, ...from, SMTP_URL: 'http://mail.tinh.gov.vn' })).toThrow('SMTP_URL');
  });

  it('refuses placeholders in production: a password, a password in the URL, a sender at example.com', () => {
    const base = { ...valid, ...production, JWT_SECRET: 'Zx8qL2vRm5Tn9Wp4Yb7Hd3Kf6Jc1Gs0Ae' };
    expect(() => loadEnv({ ...base, ...from, SMTP_HOST: 'mail.tinh.gov.vn', SMTP_PASS: 'change-me' })).toThrow(
      'SMTP_PASS: a published development value',
    );
    expect(() => loadEnv({ ...base, ...from, SMTP_URL: 'smtp://u:replace-with-a-password@mail:587' })).toThrow(
      'SMTP_URL: its password',
    );
    expect(() => loadEnv({ ...base, SMTP_HOST: 'mail', MAIL_FROM: 'no-reply@example.com' })).toThrow(
      'MAIL_FROM: a placeholder address',
    );
  });
});

// Login in up to three steps: password; then, where the account has one, the second factor (a code from the
// authenticator app or a recovery code); or, for a role that must have one and has none yet, enrolment (QR code,
// first code) and the ten recovery codes, shown once before the console opens.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import {
  activateMfaAtLogin,
  ApiError,
  enrollMfa,
  errorText,
  isChallenge,
  login,
  onSession,
  sessionNotice,
  setSession,
  verifyMfa,
  type MfaChallenge,
  type Session,
  type TotpSetup,
} from '../lib/api';
import { cleanCode, LOGIN_CODE_PATTERN, TOTP_PATTERN } from '../lib/account';
import { homeOf } from '../lib/session';
import { navigate } from '../lib/router';
import { RecoveryCodes, TotpSetupPanel } from '../components/totp';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; challenge: MfaChallenge; deadline: number; recovery: boolean; login: string }
  | { kind: 'enroll'; challenge: MfaChallenge; deadline: number; setup: TotpSetup | null; login: string }
  | { kind: 'codes'; session: Session & { recoveryCodes: string[] } };

const TITLE: Record<Step['kind'], string> = {
  password: 'Đăng nhập bảng điều khiển',
  code: 'Xác thực hai lớp',
  enroll: 'Thiết lập xác thực hai lớp',
  codes: 'Lưu mã khôi phục',
};

const EXPIRED = 'Đã quá thời gian xác thực. Vui lòng đăng nhập lại.';

function enter(session: Session): void {
  setSession(session);
  const home = homeOf(session.user);
  if (home) navigate(home, true);
}

export function LoginPage() {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(sessionNotice);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const [codeForm] = Form.useForm<{ code: string }>();

  useEffect(() => onSession(() => setNotice(sessionNotice())), []);
  // A new step: say so to screen readers and keyboard users (the step's own field takes focus where it has one).
  useEffect(() => {
    if (step.kind === 'codes') heading.current?.focus();
    codeForm.resetFields();
  }, [step.kind, codeForm]);

  const back = (why: string | null = null) => {
    setStep({ kind: 'password' });
    setError(why);
  };

  /** A wrong code, or the step's five minutes are over. */
  const codeError = (e: unknown, deadline: number) => {
    if (e instanceof ApiError && e.code === 'WRONG_CODE' && Date.now() > deadline) back(EXPIRED);
    else setError(errorText(e));
  };

  const submitPassword = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(values.login.trim(), values.password);
      setNotice(null);
      if (!isChallenge(r)) {
        const home = homeOf(r.user);
        if (home) navigate(home, true);
        return;
      }
      const deadline = Date.now() + r.expiresInSeconds * 1000;
      if (r.mfa === 'required') {
        setStep({ kind: 'code', challenge: r, deadline, recovery: false, login: values.login.trim() });
        return;
      }
      setStep({ kind: 'enroll', challenge: r, deadline, setup: null, login: values.login.trim() });
      try {
        const setup = await enrollMfa(r.mfaToken);
        setStep((s) => (s.kind === 'enroll' && s.challenge === r ? { ...s, setup } : s));
      } catch (e) {
        back(errorText(e));
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async ({ code }: { code: string }) => {
    if (step.kind !== 'code' && step.kind !== 'enroll') return;
    setBusy(true);
    setError(null);
    try {
      if (step.kind === 'code') {
        enter(await verifyMfa(step.challenge.mfaToken, cleanCode(code)));
      } else {
        setStep({ kind: 'codes', session: await activateMfaAtLogin(step.challenge.mfaToken, cleanCode(code)) });
      }
    } catch (e) {
      codeError(e, step.deadline);
    } finally {
      setBusy(false);
    }
  };

  const wide = step.kind === 'enroll' || step.kind === 'codes';
  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: wide ? 520 : 400, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          <span ref={heading} tabIndex={-1}>
            {TITLE[step.kind]}
          </span>
        </Typography.Title>
        {notice && step.kind === 'password' && (
          <Alert
            type={notice.startsWith('Phiên') ? 'warning' : 'info'}
            showIcon
            title={notice}
            style={{ marginBottom: 16 }}
            role="status"
            data-testid="session-notice"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}

        {step.kind === 'password' && (
          <>
            <Typography.Paragraph type="secondary">
              Hệ thống tiếp nhận và xử lý phản ánh hiện trường — dành cho cán bộ tổng đài, sàng lọc, cơ quan xử lý, lãnh
              đạo và quản trị.
            </Typography.Paragraph>
            <Form name="login" layout="vertical" onFinish={submitPassword} requiredMark={false}>
              <Form.Item
                label="Tên đăng nhập hoặc số điện thoại"
                name="login"
                rules={[{ required: true, message: 'Vui lòng nhập tên đăng nhập' }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                label="Mật khẩu"
                name="password"
                rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                Đăng nhập
              </Button>
            </Form>
          </>
        )}

        {step.kind === 'code' && (
          <>
            <Typography.Paragraph>
              {step.recovery
                ? 'Nhập một mã khôi phục đã lưu khi thiết lập xác thực hai lớp (dạng a1b2c-3d4e5). Mỗi mã chỉ dùng được một lần.'
                : 'Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiển thị cho tài khoản của bạn.'}
            </Typography.Paragraph>
            <Form form={codeForm} name="mfa" layout="vertical" onFinish={submitCode} requiredMark={false}>
              <Form.Item
                key={step.recovery ? 'recovery' : 'totp'}
                label={step.recovery ? 'Mã khôi phục' : 'Mã xác thực'}
                name="code"
                normalize={(v: string) => v.trimStart()}
                rules={[
                  { required: true, message: step.recovery ? 'Nhập mã khôi phục' : 'Nhập mã 6 chữ số' },
                  {
                    validator: (_, v: string) =>
                      !v || (step.recovery ? LOGIN_CODE_PATTERN : TOTP_PATTERN).test(cleanCode(v))
                        ? Promise.resolve()
                        : Promise.reject(
                            new Error(
                              step.recovery ? 'Mã khôi phục gồm 10 ký tự, dạng a1b2c-3d4e5' : 'Mã gồm 6 chữ số',
                            ),
                          ),
                  },
                ]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  autoComplete="one-time-code"
                  inputMode={step.recovery ? 'text' : 'numeric'}
                  maxLength={step.recovery ? 14 : 8}
                  autoFocus
                  spellCheck={false}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                Xác nhận
              </Button>
            </Form>
            <Space orientation="vertical" style={{ marginTop: 12 }}>
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  setError(null);
                  setStep({ ...step, recovery: !step.recovery });
                }}
              >
                {step.recovery ? 'Dùng mã từ ứng dụng xác thực' : 'Không có điện thoại? Dùng mã khôi phục'}
              </Button>
              {step.recovery && (
                <Typography.Text type="secondary">
                  Đã dùng hết hoặc mất các mã khôi phục: đề nghị quản trị viên đặt lại xác thực hai lớp cho tài khoản.
                </Typography.Text>
              )}
              <Button type="link" style={{ padding: 0 }} onClick={() => back()}>
                Quay lại bước đăng nhập
              </Button>
            </Space>
          </>
        )}

        {step.kind === 'enroll' && (
          <>
            <Typography.Paragraph>
              Vai trò của tài khoản <strong>{step.login}</strong> bắt buộc đăng nhập bằng hai lớp: mật khẩu và mã từ ứng
              dụng xác thực trên điện thoại. Thiết lập một lần, sau đó mỗi lần đăng nhập sẽ nhập thêm mã 6 chữ số.
            </Typography.Paragraph>
            {step.setup ? (
              <>
                <TotpSetupPanel setup={step.setup} />
                <Form form={codeForm} name="mfa-enroll" layout="vertical" onFinish={submitCode} requiredMark={false}>
                  <Form.Item
                    label="Mã xác thực"
                    name="code"
                    rules={[
                      { required: true, message: 'Nhập mã 6 chữ số' },
                      {
                        validator: (_, v: string) =>
                          !v || TOTP_PATTERN.test(cleanCode(v))
                            ? Promise.resolve()
                            : Promise.reject(new Error('Mã gồm 6 chữ số')),
                      },
                    ]}
                  >
                    <Input
                      prefix={<SafetyOutlined />}
                      autoComplete="one-time-code"
                      inputMode="numeric"
                      maxLength={8}
                      spellCheck={false}
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    Xác nhận và bật xác thực hai lớp
                  </Button>
                </Form>
              </>
            ) : (
              <Spin description="Đang tạo khóa…">
                <div style={{ height: 120 }} />
              </Spin>
            )}
            <Button type="link" style={{ padding: 0, marginTop: 12 }} onClick={() => back()}>
              Quay lại bước đăng nhập
            </Button>
          </>
        )}

        {step.kind === 'codes' && (
          <RecoveryCodes
            codes={step.session.recoveryCodes}
            account={step.session.user.username ?? step.session.user.fullName}
            doneLabel="Vào bảng điều khiển"
            onDone={() => {
              const { recoveryCodes: _, ...session } = step.session;
              enter(session);
            }}
          />
        )}
      </Card>
    </main>
  );
}

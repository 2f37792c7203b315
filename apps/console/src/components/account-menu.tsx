// Everyone's account menu in the header: change password, second factor, log out of this device or of all.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import {
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  SafetyOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  ApiError,
  changePassword,
  errorText,
  logout,
  logoutEverywhere,
  type AccountView,
  type TotpSetup,
  type User,
} from '../lib/api';
import {
  activateMyMfa,
  cleanCode,
  confirmRules,
  disableMyMfa,
  getMe,
  mfaState,
  newPasswordRules,
  PASSWORD_HINT,
  setUpMyMfa,
  TOTP_PATTERN,
} from '../lib/account';
import { ROLE_LABEL } from '../lib/labels';
import { navigate } from '../lib/router';
import { RecoveryCodes, TotpSetupPanel } from './totp';

const codeRules = [
  { required: true, message: 'Nhập mã 6 chữ số' },
  {
    validator: (_: unknown, v: string) =>
      !v || TOTP_PATTERN.test(cleanCode(v)) ? Promise.resolve() : Promise.reject(new Error('Mã gồm 6 chữ số')),
  },
];

export function AccountMenu({ user, compact }: { user: User; compact: boolean }) {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState<'password' | 'mfa' | null>(null);
  const [me, setMe] = useState<AccountView | null>(null);

  const loadMe = useCallback(() => {
    getMe().then(setMe, () => undefined);
  }, []);

  const confirmLogoutAll = () =>
    modal.confirm({
      title: 'Đăng xuất khỏi mọi thiết bị?',
      icon: <WarningOutlined />,
      content:
        'Mọi phiên đăng nhập của tài khoản này — trên các máy tính, điện thoại khác và cả thiết bị này — sẽ kết thúc trong vài giây. Bạn sẽ phải đăng nhập lại.',
      okText: 'Đăng xuất khỏi mọi thiết bị',
      okButtonProps: { danger: true },
      cancelText: 'Hủy bỏ',
      onOk: async () => {
        try {
          await logoutEverywhere();
          navigate('/dang-nhap', true);
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const roles = user.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ');
  const mfa = me ? mfaState(me) : null;
  return (
    <>
      <Dropdown
        trigger={['click']}
        autoFocus
        onOpenChange={(o) => o && loadMe()}
        menu={{
          items: [
            {
              key: 'who',
              type: 'group',
              label: (
                <span className="pa-menu-who">
                  {user.fullName}
                  <br />
                  {roles}
                </span>
              ),
            },
            { key: 'password', icon: <KeyOutlined aria-hidden />, label: 'Đổi mật khẩu' },
            {
              key: 'mfa',
              icon: <SafetyOutlined aria-hidden />,
              label: (
                <span>
                  Xác thực hai lớp{' '}
                  {mfa && (
                    <Tag color={mfa.color} style={{ marginInlineStart: 4 }}>
                      {mfa.label}
                    </Tag>
                  )}
                </span>
              ),
            },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: 'Đăng xuất' },
            {
              key: 'logout-all',
              icon: <LogoutOutlined aria-hidden />,
              danger: true,
              label: 'Đăng xuất khỏi mọi thiết bị',
            },
          ],
          onClick: ({ key }) => {
            if (key === 'password' || key === 'mfa') setOpen(key);
            else if (key === 'logout') void logout().then(() => navigate('/dang-nhap', true));
            else if (key === 'logout-all') confirmLogoutAll();
          },
        }}
      >
        <Button icon={<UserOutlined />} aria-label={`Tài khoản ${user.fullName}`} data-testid="account-menu">
          {!compact && <span className="pa-account-name">{user.fullName}</span>}
          <DownOutlined />
        </Button>
      </Dropdown>
      <ChangePasswordModal
        open={open === 'password'}
        username={user.username ?? user.phone ?? ''}
        onClose={() => setOpen(null)}
      />
      <MfaModal
        open={open === 'mfa'}
        account={user.username ?? user.fullName}
        onClose={() => {
          setOpen(null);
          loadMe();
        }}
      />
    </>
  );
}

function ChangePasswordModal({ open, username, onClose }: { open: boolean; username: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success('Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.');
      close();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SESSION_ENDED') close();
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Đổi mật khẩu"
      okText="Đổi mật khẩu"
      cancelText="Hủy bỏ"
      onCancel={close}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form
        form={form}
        name="change-password"
        layout="vertical"
        onFinish={submit}
        preserve={false}
        requiredMark={false}
      >
        {/* For password managers: which account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <Typography.Paragraph type="secondary">
          Sau khi đổi, các thiết bị khác đang đăng nhập tài khoản này sẽ bị đăng xuất; thiết bị này vẫn tiếp tục làm
          việc.
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form.Item
          label="Mật khẩu hiện tại"
          name="currentPassword"
          rules={[{ required: true, message: 'Nhập mật khẩu hiện tại' }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="Mật khẩu mới"
          name="newPassword"
          extra={PASSWORD_HINT}
          dependencies={['currentPassword']}
          rules={[
            ...newPasswordRules,
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v !== getFieldValue('currentPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Mật khẩu mới phải khác mật khẩu hiện tại')),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="confirm"
          dependencies={['newPassword']}
          rules={confirmRules('newPassword')}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        {/* Enter in a field submits (the modal's own button is outside the form). */}
        <button type="submit" className="pa-implicit-submit" aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

type MfaPhase = { kind: 'status' } | { kind: 'setup'; setup: TotpSetup } | { kind: 'codes'; codes: string[] };

function MfaModal({ open, account, onClose }: { open: boolean; account: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [me, setMe] = useState<AccountView | null>(null);
  const [phase, setPhase] = useState<MfaPhase>({ kind: 'status' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ code: string }>();

  const load = useCallback(async () => {
    setError(null);
    try {
      setMe(await getMe());
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  const reset = () => {
    setPhase({ kind: 'status' });
    setMe(null);
    setError(null);
  };

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') await load();
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const start = () => run(async () => setPhase({ kind: 'setup', setup: await setUpMyMfa() }));
  const activate = ({ code }: { code: string }) =>
    run(async () => {
      const { recoveryCodes } = await activateMyMfa(cleanCode(code));
      setPhase({ kind: 'codes', codes: recoveryCodes });
    });
  const disable = ({ code }: { code: string }) =>
    run(async () => {
      await disableMyMfa(cleanCode(code));
      message.success('Đã tắt xác thực hai lớp');
      form.resetFields();
      await load();
    });

  const state = me ? mfaState(me) : null;
  const showingCodes = phase.kind === 'codes';
  return (
    <Modal
      open={open}
      title="Xác thực hai lớp"
      footer={null}
      onCancel={onClose}
      afterOpenChange={(o) => (o ? void load() : reset())}
      closable={!showingCodes}
      mask={{ closable: !showingCodes }}
      keyboard={!showingCodes}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {phase.kind === 'status' &&
        (!me ? (
          <Spin description="Đang tải…">
            <div style={{ height: 80 }} />
          </Spin>
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              Trạng thái:{' '}
              <Tag color={state!.color} data-testid="mfa-status">
                {state!.label}
              </Tag>
            </div>
            <Typography.Paragraph style={{ margin: 0 }}>
              Khi bật, mỗi lần đăng nhập cần thêm mã 6 chữ số từ ứng dụng xác thực trên điện thoại: người biết mật khẩu
              của bạn vẫn không đăng nhập được.
            </Typography.Paragraph>
            {!me.mfaEnabled && (
              <>
                {me.mfaRequired && (
                  <Alert
                    type="warning"
                    showIcon
                    title="Vai trò của bạn bắt buộc dùng xác thực hai lớp; lần đăng nhập sau sẽ yêu cầu thiết lập."
                  />
                )}
                <Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={() => void start()}>
                  Thiết lập xác thực hai lớp
                </Button>
              </>
            )}
            {me.mfaEnabled && me.mfaRequired && (
              <Alert
                type="info"
                showIcon
                title="Vai trò của bạn bắt buộc dùng xác thực hai lớp nên không thể tắt."
                description="Khi mất điện thoại, đăng nhập bằng một mã khôi phục hoặc đề nghị quản trị viên đặt lại xác thực hai lớp."
              />
            )}
            {me.mfaEnabled && !me.mfaRequired && (
              <Form form={form} name="mfa-disable" layout="vertical" onFinish={disable} requiredMark={false}>
                <Form.Item label="Mã xác thực hiện tại (để tắt)" name="code" rules={codeRules}>
                  <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} style={{ maxWidth: 200 }} />
                </Form.Item>
                <Button danger htmlType="submit" loading={busy}>
                  Tắt xác thực hai lớp
                </Button>
              </Form>
            )}
          </Space>
        ))}
      {phase.kind === 'setup' && (
        <>
          <TotpSetupPanel setup={phase.setup} />
          <Form form={form} name="mfa-activate" layout="vertical" onFinish={activate} requiredMark={false}>
            <Form.Item label="Mã xác thực" name="code" rules={codeRules}>
              <Input
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={8}
                style={{ maxWidth: 200 }}
                autoFocus
              />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                Xác nhận và bật
              </Button>
              <Button
                onClick={() => {
                  setPhase({ kind: 'status' });
                  setError(null);
                }}
              >
                Hủy bỏ
              </Button>
            </Space>
          </Form>
        </>
      )}
      {phase.kind === 'codes' && (
        <>
          <Alert type="success" showIcon title="Đã bật xác thực hai lớp." style={{ marginBottom: 12 }} />
          <RecoveryCodes
            codes={phase.codes}
            account={account}
            doneLabel="Xong"
            onDone={() => {
              setPhase({ kind: 'status' });
              void load();
            }}
          />
        </>
      )}
    </Modal>
  );
}

// The page an admin's reset link opens (/console/dat-lai-mat-khau?token=…), without a login: a new password, then
// the person is logged in and lands on their desk. The link works once, for 24 hours.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { errorText, isChallenge, logout, resetPasswordWithLink, setSession } from '../lib/api';
import { confirmRules, newPasswordRules, PASSWORD_HINT } from '../lib/account';
import { homeOf } from '../lib/session';
import { navigate } from '../lib/router';

const tokenOfUrl = () => new URLSearchParams(window.location.search).get('token') ?? '';

export function ResetPasswordPage() {
  const [token] = useState(tokenOfUrl);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'citizen' | 'second-factor' | null>(null);

  const submit = async (v: { newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      const session = await resetPasswordWithLink(token, v.newPassword);
      if (isChallenge(session)) {
        // Staff with a second factor: the new password is set; they log in with it and their code.
        setDone('second-factor');
        return;
      }
      const home = homeOf(session.user);
      setSession(session);
      if (home) {
        navigate(home, true);
      } else {
        // A citizen's account: the console is for staff; the app takes the new password.
        await logout();
        setDone('citizen');
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const toLogin = () => navigate('/dang-nhap', true);
  const badLink = token.length < 20;

  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        {done === 'citizen' ? (
          <Result
            status="success"
            title="Đã đặt mật khẩu mới"
            subTitle="Hãy đăng nhập ứng dụng Phản ánh hiện trường bằng mật khẩu mới."
          />
        ) : done === 'second-factor' ? (
          <Result
            status="success"
            title="Đã đặt mật khẩu mới"
            subTitle="Hãy đăng nhập bằng mật khẩu mới và mã xác thực hai lớp."
            extra={
              <Button type="primary" onClick={toLogin}>
                Đăng nhập
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
              Đặt lại mật khẩu
            </Typography.Title>
            {badLink ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title="Liên kết không đầy đủ"
                description="Hãy mở đúng liên kết quản trị viên đã gửi (sao chép cả đoạn sau dấu ?token=), hoặc đề nghị cấp liên kết mới."
              />
            ) : (
              <>
                <Typography.Paragraph type="secondary">
                  Chọn mật khẩu mới cho tài khoản của bạn. Liên kết chỉ dùng được một lần; sau khi lưu, bạn được đăng
                  nhập ngay và các phiên cũ đã kết thúc.
                </Typography.Paragraph>
                {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
                <Form name="reset-password" layout="vertical" onFinish={submit} requiredMark={false}>
                  <Form.Item label="Mật khẩu mới" name="newPassword" rules={newPasswordRules} extra={PASSWORD_HINT}>
                    <Input.Password prefix={<LockOutlined />} autoComplete="new-password" autoFocus />
                  </Form.Item>
                  <Form.Item
                    label="Nhập lại mật khẩu mới"
                    name="confirm"
                    dependencies={['newPassword']}
                    rules={confirmRules('newPassword')}
                  >
                    <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    Lưu mật khẩu mới và đăng nhập
                  </Button>
                </Form>
              </>
            )}
          </>
        )}
        <Button type="link" style={{ padding: 0, marginTop: 12 }} onClick={toLogin}>
          Về trang đăng nhập
        </Button>
      </Card>
    </main>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { errorText, login } from '../lib/api';
import { homeOf } from '../lib/session';
import { navigate } from '../lib/router';

export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await login(values.login.trim(), values.password);
      const home = homeOf(s.user);
      if (home) navigate(home, true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          Đăng nhập bảng điều khiển
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          Hệ thống tiếp nhận và xử lý phản ánh hiện trường — dành cho cán bộ tổng đài, sàng lọc, cơ quan xử lý, lãnh đạo và quản trị.
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form name="login" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label="Tên đăng nhập hoặc số điện thoại"
            name="login"
            rules={[{ required: true, message: 'Vui lòng nhập tên đăng nhập' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}

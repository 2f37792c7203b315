// API keys for Open311 integrations (LGSP, the national PAKN system…). The key is shown once, at creation.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { api, errorText } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '@tanstack/react-query';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function ApiKeysAdmin() {
  const { message } = App.useApp();
  const list = useQuery({ queryKey: ['admin', 'api-keys'], queryFn: () => api.get<ApiKey[]>('/admin/api-keys') });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const create = async () => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      const res = await api.post<{ id: string; key: string }>('/admin/api-keys', { name: name.trim() });
      setCreated({ name: name.trim(), key: res.key });
      setName('');
      void list.refetch();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKey) => {
    try {
      await api.del(`/admin/api-keys/${k.id}`);
      message.success(`Đã thu hồi khóa ${k.name}`);
      void list.refetch();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card title="Khóa API liên thông (Open311)">
      <Form layout="inline" onFinish={() => void create()} style={{ marginBottom: 16 }}>
        <Form.Item label="Tên hệ thống" htmlFor="api-key-name">
          <Input
            id="api-key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Ví dụ: LGSP Thái Nguyên"
            maxLength={100}
            style={{ width: 280 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={busy} disabled={!name.trim()}>
          Tạo khóa
        </Button>
      </Form>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<ApiKey>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: 'Chưa có khóa nào' }}
        columns={[
          { title: 'Tên', dataIndex: 'name' },
          { title: 'Tiền tố', dataIndex: 'prefix', render: (v) => <code>{v}…</code> },
          { title: 'Tạo lúc', render: (_, k) => formatDateTime(k.createdAt) },
          { title: 'Dùng gần nhất', render: (_, k) => formatDateTime(k.lastUsedAt) },
          {
            title: 'Trạng thái',
            render: (_, k) =>
              k.revokedAt ? (
                <Tag color="red">Đã thu hồi {formatDateTime(k.revokedAt)}</Tag>
              ) : (
                <Tag color="green">Đang dùng</Tag>
              ),
          },
          {
            title: '',
            render: (_, k) =>
              !k.revokedAt && (
                <Popconfirm
                  title={`Thu hồi khóa ${k.name}? Hệ thống đang dùng khóa này sẽ không gửi được nữa.`}
                  okText="Thu hồi"
                  cancelText="Hủy bỏ"
                  onConfirm={() => void revoke(k)}
                >
                  <Button size="small" danger>
                    Thu hồi
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={!!created}
        title={`Khóa API cho ${created?.name ?? ''}`}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            Tôi đã lưu khóa
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          title="Khóa chỉ hiển thị một lần. Hãy sao chép và lưu ở nơi an toàn ngay bây giờ."
          style={{ marginBottom: 12 }}
        />
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div className="pa-key" data-testid="api-key-value">
            {created?.key}
          </div>
          <Typography.Text copyable={{ text: created?.key ?? '', tooltips: ['Sao chép', 'Đã sao chép'] }}>
            Sao chép khóa
          </Typography.Text>
        </Space>
      </Modal>
    </Card>
  );
}

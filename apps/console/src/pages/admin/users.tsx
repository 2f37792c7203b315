import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { api, errorText, type Page, type Role, type User } from '../../lib/api';
import { ROLE_LABEL, STAFF_ROLES } from '../../lib/labels';
import { useReference } from '../../lib/reference';
import { useLoader } from '../../lib/reports';

const AGENCY_ROLES: Role[] = ['agency_officer', 'agency_leader'];

export function UsersAdmin() {
  const { message } = App.useApp();
  const { agencies, agencyName } = useReference();
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const roles: Role[] = Form.useWatch('roles', form) ?? [];
  const users = useLoader(() => api.get<Page<User>>('/admin/users', { page, pageSize: 20, role }), [page, role]);

  const create = async (v: { username: string; password: string; fullName: string; roles: Role[]; agencyId?: string; phone?: string }) => {
    setBusy(true);
    try {
      await api.post('/admin/users', { ...v, phone: v.phone?.trim() || undefined, agencyId: v.agencyId || undefined });
      message.success(`Đã tạo tài khoản ${v.username}`);
      setOpen(false);
      form.resetFields();
      void users.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Tài khoản cán bộ"
      extra={
        <Space wrap>
          <label htmlFor="user-role-filter">Vai trò</label>
          <Select
            id="user-role-filter"
            allowClear
            placeholder="Tất cả"
            style={{ width: 220 }}
            value={role}
            onChange={(v) => { setRole(v); setPage(1); }}
            options={(Object.keys(ROLE_LABEL) as Role[]).map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          />
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)}>Thêm tài khoản</Button>
        </Space>
      }
    >
      {users.error && <Tag color="error">{users.error}</Tag>}
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: users.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username', render: (v) => v ?? '—' },
          { title: 'Họ tên', dataIndex: 'fullName' },
          { title: 'Số điện thoại', dataIndex: 'phone', render: (v) => v ?? '—' },
          { title: 'Vai trò', render: (_, u) => u.roles.map((r) => <Tag key={r}>{ROLE_LABEL[r] ?? r}</Tag>) },
          { title: 'Cơ quan', render: (_, u) => (u.agencyId ? agencyName(u.agencyId) : '—') },
        ]}
      />
      <Modal
        open={open}
        title="Thêm tài khoản cán bộ"
        okText="Tạo tài khoản"
        cancelText="Hủy bỏ"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Form form={form} name="user" layout="vertical" onFinish={create} preserve={false}>
          <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, pattern: /^[a-z0-9._-]{3,40}$/i, message: '3–40 ký tự: chữ, số, dấu chấm, gạch' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="fullName" label="Họ tên" rules={[{ required: true, message: 'Nhập họ tên' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label="Mật khẩu" rules={[{ required: true, pattern: /^(?=.*[A-Za-zÀ-ỹ])(?=.*\d).{8,128}$/, message: 'Ít nhất 8 ký tự, có chữ và số' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò' }]}>
            <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
          </Form.Item>
          {roles.some((r) => AGENCY_ROLES.includes(r)) && (
            <Form.Item name="agencyId" label="Cơ quan" rules={[{ required: true, message: 'Cán bộ cơ quan phải thuộc một cơ quan' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          )}
          <Form.Item name="phone" label="Số điện thoại (không bắt buộc)">
            <Input inputMode="tel" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

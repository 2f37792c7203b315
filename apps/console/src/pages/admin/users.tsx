// Accounts, for the admin: staff and citizens apart (never the hotline's caller records), searched by name without
// accents, username or phone; edit, lock and unlock, a one-time password reset link, second-factor reset. A table
// on wide screens, cards on phones.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Pagination,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type MenuProps,
} from 'antd';
import { CheckCircleFilled, DownOutlined, UserAddOutlined } from '@ant-design/icons';
import { AGENCY_ROLES, hasAnyRole } from '@app/workflow';
import { api, errorText, type AccountView, type Page, type Role } from '../../lib/api';
import { mfaState, PASSWORD_HINT, PASSWORD_PATTERN } from '../../lib/account';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABEL, STAFF_ROLES } from '../../lib/labels';
import { useReference } from '../../lib/reference';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../lib/queries';
import { useUser } from '../../lib/session';
import { CopyButton } from '../../components/totp';

const PAGE_SIZE = 20;
type Kind = 'staff' | 'citizen';

interface ResetLink {
  url: string;
  expiresAt: string;
}

const needsAgency = (roles: Role[]) => hasAnyRole(roles, AGENCY_ROLES);

function Phone({ u }: { u: AccountView }) {
  if (!u.phone) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {u.phone}
      {u.phoneVerified && (
        <Tooltip title="Số điện thoại đã được xác minh bằng mã gửi qua SMS">
          <CheckCircleFilled className="pa-verified" aria-label="đã xác minh" role="img" />
        </Tooltip>
      )}
    </span>
  );
}

const StateTag = ({ u }: { u: AccountView }) =>
  u.locked ? <Tag color="red">Đã khóa</Tag> : <Tag color="green">Đang hoạt động</Tag>;

function MfaTag({ u }: { u: AccountView }) {
  const s = mfaState(u);
  return <Tag color={s.color}>{s.label}</Tag>;
}

const lastLogin = (u: AccountView) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Chưa đăng nhập');

export function UsersAdmin() {
  const { message, modal } = App.useApp();
  const me = useUser();
  const screens = Grid.useBreakpoint();
  const { agencyName } = useReference();
  const [kind, setKind] = useState<Kind>('staff');
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AccountView | null>(null);
  const [link, setLink] = useState<(ResetLink & { name: string }) | null>(null);
  const query = { kind, role: kind === 'staff' ? role : undefined, q, page, pageSize: PAGE_SIZE };
  const usersKey = ['admin', 'users', query];
  const users = useQuery({
    queryKey: usersKey,
    queryFn: () => api.get<Page<AccountView>>('/admin/users', query),
    placeholderData: keepPreviousData,
  });
  const staff = kind === 'staff';

  /** Runs an action on an account and puts the answer in place of its row. */
  const act = async (what: () => Promise<AccountView | void>, done: string) => {
    try {
      const view = await what();
      message.success(done);
      if (view) {
        queryClient.setQueryData<Page<AccountView>>(usersKey, (p) =>
          p ? { ...p, items: p.items.map((x) => (x.id === view.id ? view : x)) } : p,
        );
      } else {
        void users.refetch();
      }
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const confirmLock = (u: AccountView) =>
    modal.confirm({
      title: u.locked ? `Mở khóa tài khoản ${u.fullName}?` : `Khóa tài khoản ${u.fullName}?`,
      content: u.locked
        ? 'Người này đăng nhập lại được bằng mật khẩu hiện có.'
        : 'Người này bị đăng xuất khỏi mọi thiết bị trong vài giây và không đăng nhập được cho đến khi được mở khóa.',
      okText: u.locked ? 'Mở khóa' : 'Khóa tài khoản',
      okButtonProps: { danger: !u.locked },
      cancelText: 'Hủy bỏ',
      onOk: () =>
        act(
          () => api.post<AccountView>(`/admin/users/${u.id}/${u.locked ? 'unlock' : 'lock'}`),
          u.locked ? `Đã mở khóa tài khoản ${u.fullName}` : `Đã khóa tài khoản ${u.fullName}`,
        ),
    });

  const confirmResetLink = (u: AccountView) =>
    modal.confirm({
      title: `Tạo liên kết đặt lại mật khẩu cho ${u.fullName}?`,
      content:
        'Các phiên đăng nhập của người này kết thúc ngay. Liên kết dùng được một lần trong 24 giờ; liên kết cấp trước đó (nếu có) mất hiệu lực.',
      okText: 'Tạo liên kết',
      cancelText: 'Hủy bỏ',
      onOk: async () => {
        try {
          const res = await api.post<ResetLink>(`/admin/users/${u.id}/password-reset-link`);
          setLink({ ...res, name: u.fullName });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const confirmMfaReset = (u: AccountView) =>
    modal.confirm({
      title: `Đặt lại xác thực hai lớp cho ${u.fullName}?`,
      content: (
        <>
          <p>
            Ứng dụng xác thực và các mã khôi phục hiện có của người này mất hiệu lực; các phiên đăng nhập kết thúc.{' '}
            {u.mfaRequired
              ? 'Vai trò của người này bắt buộc xác thực hai lớp: họ sẽ thiết lập lại ở lần đăng nhập tới.'
              : 'Người này đăng nhập lại chỉ bằng mật khẩu.'}
          </p>
          <p>Chỉ làm khi đã xác minh đúng người đề nghị (ví dụ: mất điện thoại).</p>
        </>
      ),
      okText: 'Đặt lại',
      okButtonProps: { danger: true },
      cancelText: 'Hủy bỏ',
      onOk: () =>
        act(
          () => api.post<AccountView>(`/admin/users/${u.id}/mfa-reset`),
          `Đã đặt lại xác thực hai lớp của ${u.fullName}`,
        ),
    });

  const actions = (u: AccountView) => {
    const self = u.id === me.id;
    const items: MenuProps['items'] = [
      { key: 'edit', label: 'Sửa thông tin' },
      // An admin cannot lock their own account (the API answers 409).
      ...(self && !u.locked
        ? []
        : [{ key: 'lock', label: u.locked ? 'Mở khóa tài khoản' : 'Khóa tài khoản', danger: !u.locked }]),
      { key: 'reset-link', label: 'Tạo liên kết đặt lại mật khẩu' },
      ...(staff || u.mfaEnabled
        ? [{ key: 'mfa-reset', label: 'Đặt lại xác thực hai lớp', disabled: !u.mfaEnabled }]
        : []),
    ];
    return (
      <Dropdown
        trigger={['click']}
        autoFocus
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'edit') setEditing(u);
            else if (key === 'lock') confirmLock(u);
            else if (key === 'reset-link') confirmResetLink(u);
            else if (key === 'mfa-reset') confirmMfaReset(u);
          },
        }}
      >
        <Button size="small" aria-label={`Thao tác với tài khoản ${u.fullName}`}>
          Thao tác <DownOutlined />
        </Button>
      </Dropdown>
    );
  };

  const name = (u: AccountView) => (
    <>
      {u.fullName}
      {u.id === me.id && <Tag style={{ marginInlineStart: 6 }}>Bạn</Tag>}
    </>
  );

  const narrow = !screens.md;
  const data = users.data;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    showTotal: (total: number) => `${total} tài khoản`,
    hideOnSinglePage: true,
  };

  return (
    <Card title="Tài khoản">
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(k as Kind);
          setPage(1);
        }}
        items={[
          { key: 'staff', label: 'Cán bộ' },
          { key: 'citizen', label: 'Người dân' },
        ]}
      />
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <Input.Search
          aria-label="Tìm theo họ tên, tên đăng nhập hoặc số điện thoại"
          placeholder="Họ tên (có dấu hoặc không), tên đăng nhập, số điện thoại"
          allowClear
          enterButton="Tìm"
          maxLength={120}
          style={{ width: narrow ? 'calc(100vw - 64px)' : 380 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {staff && (
          <Select
            aria-label="Lọc theo vai trò"
            allowClear
            placeholder="Mọi vai trò"
            style={{ width: 220 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          />
        )}
        {staff && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
            Thêm tài khoản
          </Button>
        )}
      </Space>
      {users.error && <Alert type="error" showIcon title={errorText(users.error)} style={{ marginBottom: 12 }} />}

      {narrow ? (
        <Spin spinning={users.isFetching}>
          {data && data.items.length === 0 && (
            <Empty description={q ? 'Không tìm thấy tài khoản nào' : 'Chưa có tài khoản nào'} />
          )}
          <ul className="pa-cards" aria-label={staff ? 'Tài khoản cán bộ' : 'Tài khoản người dân'}>
            {(data?.items ?? []).map((u) => (
              <li key={u.id}>
                <Card size="small" title={name(u)} extra={actions(u)}>
                  <dl className="pa-facts">
                    {staff && (
                      <>
                        <dt>Tên đăng nhập</dt>
                        <dd>{u.username ?? '—'}</dd>
                      </>
                    )}
                    <dt>Điện thoại</dt>
                    <dd>
                      <Phone u={u} />
                    </dd>
                    {staff && (
                      <>
                        <dt>Vai trò</dt>
                        <dd>
                          {u.roles.map((r) => (
                            <Tag key={r}>{ROLE_LABEL[r] ?? r}</Tag>
                          ))}
                        </dd>
                      </>
                    )}
                    {staff && u.agencyId && (
                      <>
                        <dt>Cơ quan</dt>
                        <dd>{agencyName(u.agencyId)}</dd>
                      </>
                    )}
                    <dt>Trạng thái</dt>
                    <dd>
                      <StateTag u={u} />
                    </dd>
                    {staff && (
                      <>
                        <dt>Hai lớp</dt>
                        <dd>
                          <MfaTag u={u} />
                        </dd>
                      </>
                    )}
                    <dt>Đăng nhập</dt>
                    <dd>{lastLogin(u)}</dd>
                  </dl>
                </Card>
              </li>
            ))}
          </ul>
          <Pagination {...pagination} size="small" style={{ marginTop: 12 }} />
        </Spin>
      ) : (
        <Table<AccountView>
          rowKey="id"
          size="small"
          loading={users.isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: true }}
          pagination={pagination}
          locale={{ emptyText: q ? 'Không tìm thấy tài khoản nào' : 'Chưa có tài khoản nào' }}
          columns={[
            { title: 'Họ tên', key: 'name', render: (_, u) => name(u) },
            ...(staff
              ? [{ title: 'Tên đăng nhập', key: 'username', render: (_: unknown, u: AccountView) => u.username ?? '—' }]
              : []),
            { title: 'Số điện thoại', key: 'phone', render: (_, u) => <Phone u={u} /> },
            ...(staff
              ? [
                  {
                    title: 'Vai trò',
                    key: 'roles',
                    render: (_: unknown, u: AccountView) => u.roles.map((r) => <Tag key={r}>{ROLE_LABEL[r] ?? r}</Tag>),
                  },
                  {
                    title: 'Cơ quan',
                    key: 'agency',
                    render: (_: unknown, u: AccountView) => (u.agencyId ? agencyName(u.agencyId) : '—'),
                  },
                ]
              : []),
            { title: 'Trạng thái', key: 'state', render: (_, u) => <StateTag u={u} /> },
            ...(staff
              ? [{ title: 'Xác thực hai lớp', key: 'mfa', render: (_: unknown, u: AccountView) => <MfaTag u={u} /> }]
              : []),
            { title: 'Đăng nhập gần nhất', key: 'last', render: (_, u) => lastLogin(u) },
            ...(staff
              ? []
              : [
                  {
                    title: 'Đăng ký',
                    key: 'created',
                    render: (_: unknown, u: AccountView) => formatDateTime(u.createdAt),
                  },
                ]),
            { title: 'Thao tác', key: 'actions', render: (_, u) => actions(u) },
          ]}
        />
      )}

      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => void users.refetch()} />
      <EditUserModal
        user={editing}
        self={editing?.id === me.id}
        onClose={() => setEditing(null)}
        onSaved={(view) => {
          setEditing(null);
          queryClient.setQueryData<Page<AccountView>>(usersKey, (p) =>
            p ? { ...p, items: p.items.map((x) => (x.id === view.id ? view : x)) } : p,
          );
        }}
      />
      <Modal
        open={!!link}
        title={`Liên kết đặt lại mật khẩu cho ${link?.name ?? ''}`}
        onCancel={() => setLink(null)}
        footer={
          <Button type="primary" onClick={() => setLink(null)}>
            Đã gửi liên kết, đóng
          </Button>
        }
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          title="Liên kết chỉ hiển thị một lần."
          description={`Gửi trực tiếp cho đúng người (không đăng vào nhóm chung). Ai có liên kết đều đặt được mật khẩu mới. Dùng được một lần, hết hạn lúc ${formatDateTime(link?.expiresAt)}.`}
          style={{ marginBottom: 12 }}
        />
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div className="pa-key" data-testid="reset-link-value">
            {link?.url}
          </div>
          <CopyButton text={link?.url ?? ''} label="Sao chép liên kết" what="liên kết" />
        </Space>
      </Modal>
    </Card>
  );
}

function AgencySelect(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { agencies } = useReference();
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={agencies.map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

function EditUserModal({
  user,
  self,
  onClose,
  onSaved,
}: {
  user: AccountView | null;
  self: boolean;
  onClose: () => void;
  onSaved: (u: AccountView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ fullName: string; roles: Role[]; agencyId: string | null }>();
  const [busy, setBusy] = useState(false);
  const roles: Role[] = Form.useWatch('roles', form) ?? user?.roles ?? [];
  const agencyId: string | null | undefined = Form.useWatch('agencyId', form);
  const staff = !!user && !user.roles.every((r) => r === 'citizen');
  const rolesChanged = !!user && [...roles].sort().join() !== [...user.roles].sort().join();
  const agencyChanged = !!user && agencyId !== undefined && (agencyId ?? null) !== user.agencyId;

  const save = async (v: { fullName: string; roles?: Role[]; agencyId?: string | null }) => {
    if (!user) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { fullName: v.fullName.trim() };
      if (staff && rolesChanged) body.roles = v.roles;
      if (staff && agencyChanged) body.agencyId = v.agencyId ?? null;
      const view = await api.patch<AccountView>(`/admin/users/${user.id}`, body);
      message.success(
        rolesChanged || agencyChanged
          ? `Đã lưu. Quyền cũ của ${user.fullName} hết hiệu lực ngay; các phiên đang mở chuyển sang quyền mới.`
          : 'Đã lưu thông tin tài khoản',
      );
      onSaved(view);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? `Sửa tài khoản ${user.fullName}` : ''}
      okText="Lưu"
      cancelText="Hủy bỏ"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      {user && (
        <Form
          form={form}
          name="edit-user"
          layout="vertical"
          onFinish={save}
          preserve={false}
          initialValues={{ fullName: user.fullName, roles: user.roles, agencyId: user.agencyId }}
        >
          {user.username && (
            <Typography.Paragraph type="secondary">Tên đăng nhập: {user.username}</Typography.Paragraph>
          )}
          <Form.Item
            name="fullName"
            label="Họ tên"
            rules={[{ required: true, whitespace: true, message: 'Nhập họ tên' }, { max: 120 }]}
          >
            <Input />
          </Form.Item>
          {staff && (
            <>
              <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò' }]}>
                <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
              </Form.Item>
              <Form.Item
                name="agencyId"
                label="Cơ quan"
                rules={[{ required: needsAgency(roles), message: 'Cán bộ cơ quan xử lý phải thuộc một cơ quan' }]}
              >
                <AgencySelect />
              </Form.Item>
              <Alert
                type={rolesChanged || agencyChanged ? 'warning' : 'info'}
                showIcon
                role={rolesChanged || agencyChanged ? 'alert' : undefined}
                title="Đổi vai trò hoặc cơ quan: quyền cũ của người này hết hiệu lực trong vài giây trên mọi thiết bị; các phiên đang mở chuyển sang quyền mới."
                description={
                  self && !roles.includes('admin')
                    ? 'Bạn đang bỏ vai trò quản trị của chính mình: bạn sẽ không vào được trang này nữa.'
                    : undefined
                }
              />
            </>
          )}
          <button type="submit" className="pa-implicit-submit" aria-hidden tabIndex={-1} />
        </Form>
      )}
    </Modal>
  );
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const roles: Role[] = Form.useWatch('roles', form) ?? [];

  const create = async (v: {
    username: string;
    password: string;
    fullName: string;
    roles: Role[];
    agencyId?: string | null;
    phone?: string;
  }) => {
    setBusy(true);
    try {
      await api.post('/admin/users', { ...v, phone: v.phone?.trim() || undefined, agencyId: v.agencyId || undefined });
      message.success(`Đã tạo tài khoản ${v.username}`);
      form.resetFields();
      onClose();
      onCreated();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Thêm tài khoản cán bộ"
      okText="Tạo tài khoản"
      cancelText="Hủy bỏ"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form form={form} name="user" layout="vertical" onFinish={create} preserve={false}>
        <Form.Item
          name="username"
          label="Tên đăng nhập"
          rules={[{ required: true, pattern: /^[a-z0-9._-]{3,40}$/i, message: '3–40 ký tự: chữ, số, dấu chấm, gạch' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label="Họ tên"
          rules={[{ required: true, whitespace: true, message: 'Nhập họ tên' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label="Mật khẩu"
          rules={[
            { required: true, message: 'Nhập mật khẩu' },
            { pattern: PASSWORD_PATTERN, message: PASSWORD_HINT },
          ]}
          extra={PASSWORD_HINT}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò' }]}>
          <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
        </Form.Item>
        {needsAgency(roles) && (
          <Form.Item
            name="agencyId"
            label="Cơ quan"
            rules={[{ required: true, message: 'Cán bộ cơ quan phải thuộc một cơ quan' }]}
          >
            <AgencySelect />
          </Form.Item>
        )}
        <Form.Item name="phone" label="Số điện thoại (không bắt buộc)">
          <Input inputMode="tel" />
        </Form.Item>
        <button type="submit" className="pa-implicit-submit" aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Grid, Layout, Menu, Result, Space, Spin } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  PhoneOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { logout } from './lib/api';
import { navigate, usePath } from './lib/router';
import { desksOf, homeOf, useSession, type Desk } from './lib/session';
import { AccountMenu } from './components/account-menu';
import { InboxBell } from './components/inbox';
import { LiveBadge } from './components/report-parts';
import { LoginPage } from './pages/login';
import { ResetPasswordPage } from './pages/reset-password';

/** The page of an admin's reset link: public, whoever is logged in. */
const RESET_PATH = '/dat-lai-mat-khau';

const HotlineDesk = lazy(() => import('./pages/hotline').then((m) => ({ default: m.HotlineDesk })));
const ScreeningDesk = lazy(() => import('./pages/screening').then((m) => ({ default: m.ScreeningDesk })));
const AgencyDesk = lazy(() => import('./pages/agency').then((m) => ({ default: m.AgencyDesk })));
const LeadershipDashboard = lazy(() => import('./pages/leadership').then((m) => ({ default: m.LeadershipDashboard })));
const RegisterPage = lazy(() => import('./pages/register').then((m) => ({ default: m.RegisterPage })));
const CasePage = lazy(() => import('./pages/register').then((m) => ({ default: m.CasePage })));
const AdminPage = lazy(() => import('./pages/admin/admin').then((m) => ({ default: m.AdminPage })));

const ICONS: Record<string, React.ReactNode> = {
  hotline: <PhoneOutlined />,
  screening: <AuditOutlined />,
  agency: <SolutionOutlined />,
  leadership: <DashboardOutlined />,
  register: <FileSearchOutlined />,
  admin: <SettingOutlined />,
};

function deskOfPath(path: string, desks: Desk[]): Desk | undefined {
  return desks.find((d) => path === d.path || path.startsWith(`${d.path}/`));
}

export function App() {
  const session = useSession();
  const path = usePath();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const user = session?.user;
  const home = user ? homeOf(user) : null;

  useEffect(() => {
    if (path === RESET_PATH) return;
    if (user && home && (path === '/' || path === '/dang-nhap')) navigate(home, true);
    if (!user && path !== '/dang-nhap') navigate('/dang-nhap', true);
  }, [user, home, path]);

  useEffect(() => {
    const desk = user ? deskOfPath(path, desksOf(user)) : undefined;
    document.title =
      path === RESET_PATH
        ? 'Đặt lại mật khẩu — Phản ánh hiện trường'
        : desk
          ? `${desk.label} — Phản ánh hiện trường`
          : 'Bảng điều khiển — Phản ánh hiện trường';
  }, [path, user]);

  if (path === RESET_PATH) return <ResetPasswordPage />;
  if (!user) return <LoginPage />;
  if (!home) {
    return (
      <Result
        status="403"
        title="Tài khoản không dùng được bảng điều khiển"
        subTitle="Bảng điều khiển dành cho cán bộ: tổng đài viên, sàng lọc, cơ quan xử lý, lãnh đạo và quản trị."
        extra={
          <Button type="primary" onClick={() => void logout()}>
            Đăng xuất
          </Button>
        }
      />
    );
  }

  const desks = desksOf(user);
  const desk = deskOfPath(path, desks);
  const allDesk = deskOfPath(path, [
    { key: 'hotline', path: '/tong-dai', label: '', roles: [] },
    { key: 'screening', path: '/sang-loc', label: '', roles: [] },
    { key: 'agency', path: '/xu-ly', label: '', roles: [] },
    { key: 'leadership', path: '/lanh-dao', label: '', roles: [] },
    { key: 'register', path: '/ho-so', label: '', roles: [] },
    { key: 'admin', path: '/quan-tri', label: '', roles: [] },
  ]);

  let page: React.ReactNode;
  if (!desk) {
    page = allDesk ? (
      <Result
        status="403"
        title="Bạn không có quyền truy cập trang này"
        extra={<Button onClick={() => navigate(home)}>Về trang của tôi</Button>}
      />
    ) : (
      <Result
        status="404"
        title="Không tìm thấy trang"
        extra={<Button onClick={() => navigate(home)}>Về trang của tôi</Button>}
      />
    );
  } else if (desk.key === 'hotline') page = <HotlineDesk />;
  else if (desk.key === 'screening') page = <ScreeningDesk />;
  else if (desk.key === 'agency') page = <AgencyDesk />;
  else if (desk.key === 'leadership') page = <LeadershipDashboard />;
  else if (desk.key === 'register') {
    const id = path.slice(desk.path.length + 1);
    page = id ? <CasePage key={id} id={id} /> : <RegisterPage />;
  } else page = <AdminPage path={path} />;

  const narrow = !screens.lg;
  return (
    // Dark behind the (sticky, viewport-high) menu column, light behind the page.
    <Layout style={{ minHeight: '100%', background: '#001529' }}>
      <a className="pa-skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        trigger={null}
        aria-label="Điều hướng"
        className="pa-sider"
      >
        <div className="pa-brand">
          {collapsed ? (
            <AlertOutlined aria-label="Phản ánh hiện trường" />
          ) : (
            <>
              Phản ánh hiện trường<small>Trung tâm điều hành thông minh</small>
            </>
          )}
        </div>
        <nav aria-label="Bàn làm việc">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={desk ? [desk.key] : []}
            onClick={({ key }) => {
              const d = desks.find((x) => x.key === key);
              if (d) navigate(d.path);
              if (narrow) setCollapsed(true);
            }}
            items={desks.map((d) => ({ key: d.key, icon: ICONS[d.key], label: d.label }))}
          />
        </nav>
      </Layout.Sider>
      <Layout style={{ background: '#f3f5f8' }}>
        <Layout.Header className="pa-header">
          <Space>
            <Button
              type="text"
              aria-label={collapsed ? 'Mở menu' : 'Thu gọn menu'}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed(!collapsed)}
            >
              ☰
            </Button>
            <h1>{desk?.label ?? 'Bảng điều khiển'}</h1>
          </Space>
          <Space wrap>
            <LiveBadge />
            <InboxBell />
            <AccountMenu user={user} compact={!screens.sm} />
          </Space>
        </Layout.Header>
        <Layout.Content id="main" className="pa-content" tabIndex={-1}>
          <Suspense
            fallback={
              <Spin size="large" description="Đang tải…">
                <div style={{ height: 200 }} />
              </Spin>
            }
          >
            {page}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

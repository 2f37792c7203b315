import { Tabs } from 'antd';
import { navigate } from '../../lib/router';
import { UsersAdmin } from './users';
import { AgenciesAdmin } from './agencies';
import { CategoriesAdmin } from './categories';
import { CalendarAdmin } from './calendar';
import { ApiKeysAdmin } from './api-keys';

const SECTIONS = [
  { key: '', label: 'Người dùng', render: () => <UsersAdmin /> },
  { key: 'co-quan', label: 'Cơ quan', render: () => <AgenciesAdmin /> },
  { key: 'linh-vuc', label: 'Lĩnh vực và thời hạn', render: () => <CategoriesAdmin /> },
  { key: 'lich', label: 'Lịch nghỉ, làm bù', render: () => <CalendarAdmin /> },
  { key: 'khoa-api', label: 'Khóa API', render: () => <ApiKeysAdmin /> },
];

export function AdminPage({ path }: { path: string }) {
  const sub = path.replace(/^\/quan-tri\/?/, '');
  const active = SECTIONS.find((s) => s.key === sub) ?? SECTIONS[0];
  return (
    <Tabs
      activeKey={active.key || 'nguoi-dung'}
      onChange={(k) => navigate(k === 'nguoi-dung' ? '/quan-tri' : `/quan-tri/${k}`)}
      items={SECTIONS.map((s) => ({
        key: s.key || 'nguoi-dung',
        label: s.label,
        children: s.key === active.key ? s.render() : null,
      }))}
    />
  );
}

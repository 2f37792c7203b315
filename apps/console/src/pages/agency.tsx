// Xử lý: an agency's cases (the API shows an agency only its own), live as the centre assigns them. The cases
// delegated to the caller first ("Giao cho tôi", and first in every list: an officer's own work), new cases to
// acknowledge or return, cases in progress by deadline, those waiting for the centre's answer to an extension
// request, results the centre sent back to redo, those waiting for the citizen or the centre's review, and the
// history. Each tab is a filter of the staff list (GET /reports, docs/api.md#queues); which buttons show is the
// report's allowedActions (CaseDetail).
import { useState } from 'react';
import { Button, Card, Col, Row, Typography } from 'antd';
import { errorText } from '../lib/api';
import { formatNumber } from '../lib/format';
import { useReportList } from '../lib/queries';
import { useReference } from '../lib/reference';
import { useUser } from '../lib/session';
import { CaseDetail } from '../components/case-view';
import { QueueTabs, ReportQueue, useNow, type QueueTab } from '../components/queue';

type TabKey = 'mine' | 'new' | 'active' | 'extension' | 'sentBack' | 'waiting' | 'done';
interface Tab extends QueueTab<TabKey> {
  empty: string;
}
const TABS: Tab[] = [
  {
    key: 'mine',
    label: 'Giao cho tôi',
    query: { assignee: 'me', status: ['assigned', 'in_progress', 'need_info', 'pending_review'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào được giao cho bạn',
  },
  { key: 'new', label: 'Mới giao', query: { status: ['assigned'], sort: 'due_asc' }, empty: 'Không có vụ việc mới' },
  {
    key: 'active',
    label: 'Đang xử lý',
    title: 'Đang xử lý, hạn gần nhất trước',
    query: { status: ['in_progress'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang xử lý',
  },
  {
    key: 'extension',
    label: 'Xin gia hạn',
    title: 'Đã xin gia hạn, chờ trung tâm quyết định',
    query: { extensionPending: true, sort: 'due_asc' },
    empty: 'Không có đề nghị gia hạn nào đang chờ',
    color: '#d4b106',
  },
  {
    key: 'sentBack',
    label: 'Xử lý lại',
    title: 'Trung tâm yêu cầu xử lý lại kết quả',
    query: { sentBack: true, sort: 'due_asc' },
    empty: 'Không có kết quả nào bị yêu cầu xử lý lại',
    color: '#d46b08',
  },
  {
    key: 'waiting',
    label: 'Chờ người dân / chờ duyệt',
    query: { status: ['need_info', 'pending_review'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang chờ',
  },
  {
    key: 'done',
    label: 'Đã xong',
    title: 'Đã giải quyết và đã đóng, mới nhất trước',
    query: { status: ['resolved', 'closed'], sort: 'updated_desc' },
    empty: 'Chưa có vụ việc nào đã xong',
    color: '#389e0d',
  },
];
const PAGE = 100;

export function AgencyDesk() {
  const user = useUser();
  const { agencyName } = useReference();
  const now = useNow();
  const [tab, setTab] = useState<TabKey>('new');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const current = TABS.find((t) => t.key === tab)!;
  const list = useReportList({ ...current.query, pageSize: PAGE });
  const overdue = useReportList({ status: ['assigned', 'in_progress'], overdue: true, pageSize: 1 });
  const overdueCount = overdue.data?.total ?? 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card
          title={`Vụ việc của ${agencyName(user.agencyId)}`}
          extra={
            <Button size="small" onClick={() => void list.refetch()} aria-label="Tải lại danh sách">
              Tải lại
            </Button>
          }
        >
          {overdueCount > 0 && (
            <Typography.Paragraph type="danger" strong role="status">
              {formatNumber(overdueCount)} vụ việc quá hạn
            </Typography.Paragraph>
          )}
          <QueueTabs
            tabs={TABS}
            active={tab}
            label="Danh sách vụ việc"
            onChange={(k) => {
              setTab(k);
              setSelectedId(null);
            }}
          >
            {list.error && <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>}
            <ReportQueue
              key={tab}
              reports={list.data?.items ?? []}
              selectedId={selectedId}
              onSelect={setSelectedId}
              loading={list.isFetching}
              emptyText={current.empty}
              label={current.title ?? current.label}
              now={now}
              mine={user.id}
            />
          </QueueTabs>
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        <CaseDetail
          key={selectedId ?? 'none'}
          id={selectedId}
          emptyText="Chọn một vụ việc trong danh sách"
          title={(r) => `Vụ việc ${r.code}`}
        />
      </Col>
    </Row>
  );
}

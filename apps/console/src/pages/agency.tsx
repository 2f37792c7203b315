// Xử lý: an agency's cases (the API shows an agency only its own), live as the centre assigns them. New cases to
// acknowledge or return, cases in progress by deadline, those waiting for the citizen or the centre's review,
// and the history. Each tab is a filter of the staff list (GET /reports); which buttons show is the report's
// allowedActions (CaseDetail).
import { useState } from 'react';
import { Badge, Button, Card, Col, Row, Tabs, Typography } from 'antd';
import { errorText } from '../lib/api';
import type { ReportListQuery } from '../lib/client';
import { formatNumber } from '../lib/format';
import { useReportList } from '../lib/queries';
import { useReference } from '../lib/reference';
import { useUser } from '../lib/session';
import { CaseDetail } from '../components/case-view';
import { ReportQueue, useNow } from '../components/queue';

type TabKey = 'mine' | 'new' | 'active' | 'waiting' | 'done';
const TABS: Record<TabKey, { label: string; query: ReportListQuery; empty: string }> = {
  mine: {
    label: 'Giao cho tôi',
    query: { assignee: 'me', status: ['assigned', 'in_progress', 'need_info', 'pending_review'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào được giao cho bạn',
  },
  new: { label: 'Mới giao', query: { status: ['assigned'], sort: 'due_asc' }, empty: 'Không có vụ việc mới' },
  active: {
    label: 'Đang xử lý',
    query: { status: ['in_progress'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang xử lý',
  },
  waiting: {
    label: 'Chờ người dân / chờ duyệt',
    query: { status: ['need_info', 'pending_review'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang chờ',
  },
  done: {
    label: 'Đã xong',
    query: { status: ['resolved', 'closed'], sort: 'created_desc' },
    empty: 'Chưa có vụ việc nào đã xong',
  },
};
const TAB_KEYS = Object.keys(TABS) as TabKey[];
const PAGE = 100;

function TabCount({ tab }: { tab: TabKey }) {
  const count = useReportList({ ...TABS[tab].query, pageSize: 1 });
  return <Badge count={count.data?.total ?? 0} showZero overflowCount={9999} color="#0b5cad" />;
}

export function AgencyDesk() {
  const user = useUser();
  const { agencyName } = useReference();
  const now = useNow();
  const [tab, setTab] = useState<TabKey>('new');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = useReportList({ ...TABS[tab].query, pageSize: PAGE });
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
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k as TabKey);
              setSelectedId(null);
            }}
            items={TAB_KEYS.map((k) => ({
              key: k,
              label: (
                <span>
                  {TABS[k].label} <TabCount tab={k} />
                </span>
              ),
            }))}
          />
          {list.error && <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>}
          <ReportQueue
            reports={list.data?.items ?? []}
            selectedId={selectedId}
            onSelect={setSelectedId}
            loading={list.isFetching}
            emptyText={TABS[tab].empty}
            label={TABS[tab].label}
            now={now}
          />
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

// Sàng lọc: the centre's queues, live. New reports (received, oldest first) to assign, ask about, reject or mark
// as duplicate; agencies' results (pending_review) to approve or send back; cases with an agency, by deadline, to
// reassign, urge or decide an extension for; overdue cases; cases waiting for the citizen. Each queue is a filter
// of the staff list (GET /reports); which buttons show is the report's allowedActions (CaseDetail).
import { useState } from 'react';
import { Badge, Button, Card, Col, Row, Tabs, Typography } from 'antd';
import { STATUS_LABEL } from '@app/workflow';
import { errorText } from '../lib/api';
import type { ReportListQuery } from '../lib/client';
import { useReportList } from '../lib/queries';
import { CaseDetail } from '../components/case-view';
import { ReportQueue, useNow } from '../components/queue';

type QueueKey = 'received' | 'pending_review' | 'handling' | 'overdue' | 'need_info';

// `tab` is short: the tabs share the queue column's width.
const QUEUES: Record<QueueKey, { label: string; tab: string; query: ReportListQuery; empty: string; color: string }> = {
  received: {
    label: STATUS_LABEL.received,
    tab: 'Mới',
    query: { status: ['received'], sort: 'created_asc' },
    empty: 'Không có phản ánh nào chờ sàng lọc',
    color: '#d48806',
  },
  pending_review: {
    label: STATUS_LABEL.pending_review,
    tab: 'Chờ duyệt',
    query: { status: ['pending_review'], sort: 'due_asc' },
    empty: 'Không có kết quả nào chờ duyệt',
    color: '#08979c',
  },
  handling: {
    label: 'Cơ quan đang xử lý',
    tab: 'Đang xử lý',
    query: { status: ['assigned', 'in_progress'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang ở cơ quan xử lý',
    color: '#0b5cad',
  },
  overdue: {
    label: 'Quá hạn',
    tab: 'Quá hạn',
    query: { overdue: true, sort: 'due_asc' },
    empty: 'Không có vụ việc nào quá hạn',
    color: '#cf1322',
  },
  need_info: {
    label: STATUS_LABEL.need_info,
    tab: 'Chờ người dân',
    query: { status: ['need_info'], sort: 'due_asc' },
    empty: 'Không có phản ánh nào chờ người dân bổ sung',
    color: '#722ed1',
  },
};
const QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];
const PAGE = 100;

/** A queue's count for its tab: the list's total (one row fetched). */
function QueueCount({ queue }: { queue: QueueKey }) {
  const count = useReportList({ ...QUEUES[queue].query, pageSize: 1 });
  return <Badge count={count.data?.total ?? 0} showZero overflowCount={9999} color={QUEUES[queue].color} />;
}

export function ScreeningDesk() {
  const now = useNow();
  const [queue, setQueue] = useState<QueueKey>('received');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = useReportList({ ...QUEUES[queue].query, pageSize: PAGE });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card
          title="Hàng chờ"
          extra={
            <Button size="small" onClick={() => void list.refetch()} aria-label="Tải lại hàng chờ">
              Tải lại
            </Button>
          }
        >
          <Tabs
            tabBarGutter={16}
            activeKey={queue}
            onChange={(k) => {
              setQueue(k as QueueKey);
              setSelectedId(null);
            }}
            items={QUEUE_KEYS.map((k) => ({
              key: k,
              label: (
                <span title={QUEUES[k].label}>
                  {QUEUES[k].tab} <QueueCount queue={k} />
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
            emptyText={QUEUES[queue].empty}
            label={QUEUES[queue].label}
            now={now}
            showAgency={queue !== 'received'}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        <CaseDetail
          key={selectedId ?? 'none'}
          id={selectedId}
          emptyText="Chọn một phản ánh trong hàng chờ"
          onStatusChange={() => setSelectedId(null)}
        />
      </Col>
    </Row>
  );
}

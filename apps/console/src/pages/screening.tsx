// Sàng lọc: the centre's queues, live. New reports (received, oldest first) to assign, ask about, reject or mark
// as duplicate; agencies' extension requests to decide; cases an agency returned (marked with it, the assign form
// not offering it again); agencies' results to approve or send back; cases reopened by their citizens; cases with
// an agency, by deadline, to reassign or urge; overdue cases by escalation level; questions the citizen has left
// unanswered past a number of working days. Each queue is a filter of the staff list (GET /reports,
// docs/api.md#queues); which buttons show is the report's allowedActions (CaseDetail).
import { useState } from 'react';
import { Button, Card, Col, Row, Segmented, Select, Space, Typography } from 'antd';
import { STATUS_LABEL } from '@app/workflow';
import { errorText } from '../lib/api';
import { useReportList } from '../lib/queries';
import { CaseDetail } from '../components/case-view';
import { QueueTabs, ReportQueue, useNow, type QueueTab } from '../components/queue';

type QueueKey =
  'received' | 'extension' | 'returned' | 'pending_review' | 'reopened' | 'handling' | 'overdue' | 'need_info';

/** The escalation levels (docs/domain.md#reminders-and-escalation) the overdue queue starts from. */
const LEVELS = [1, 2, 3] as const;
type Level = (typeof LEVELS)[number];
/** How long a question may wait for the citizen before the queue shows it, in office working days; 0: any. */
const WAITS = [0, 1, 2, 3, 5] as const;
type Wait = (typeof WAITS)[number];

const OPEN_AT_AGENCY = ['assigned', 'in_progress', 'need_info', 'pending_review'] as const;

interface Queue extends QueueTab<QueueKey> {
  empty: string;
}

/** The centre's queues, the overdue one from a level, the citizen's from a wait. */
const queuesOf = (level: Level, wait: Wait): Queue[] => [
  {
    key: 'received',
    label: 'Mới',
    title: `${STATUS_LABEL.received} (mới)`,
    query: { status: ['received'], returned: false, sort: 'created_asc' },
    empty: 'Không có phản ánh nào chờ sàng lọc',
    color: '#d48806',
  },
  {
    key: 'extension',
    label: 'Xin gia hạn',
    title: 'Cơ quan xin gia hạn, chờ trung tâm quyết định',
    query: { extensionPending: true, sort: 'due_asc' },
    empty: 'Không có đề nghị gia hạn nào chờ quyết định',
    color: '#d4b106',
  },
  {
    key: 'returned',
    label: 'Bị trả lại',
    title: 'Cơ quan trả lại (không thuộc thẩm quyền), chờ giao lại',
    query: { returned: true, sort: 'due_asc' },
    empty: 'Không có vụ việc nào bị cơ quan trả lại',
    color: '#d46b08',
  },
  {
    key: 'pending_review',
    label: 'Chờ duyệt',
    title: STATUS_LABEL.pending_review,
    query: { status: ['pending_review'], sort: 'due_asc' },
    empty: 'Không có kết quả nào chờ duyệt',
    color: '#08979c',
  },
  {
    key: 'reopened',
    label: 'Mở lại',
    title: 'Người dân mở lại, đang xử lý lại',
    query: { reopened: true, status: [...OPEN_AT_AGENCY], sort: 'due_asc' },
    empty: 'Không có vụ việc nào được mở lại',
    color: '#c41d7f',
  },
  {
    key: 'handling',
    label: 'Đang xử lý',
    title: 'Cơ quan đang xử lý',
    query: { status: ['assigned', 'in_progress'], sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang ở cơ quan xử lý',
    color: '#0b5cad',
  },
  {
    key: 'overdue',
    label: 'Quá hạn',
    title: `Quá hạn, từ cấp ${level}`,
    query: { overdue: true, minLevel: level, sort: 'overdue_desc' },
    empty: `Không có vụ việc nào quá hạn từ cấp ${level}`,
    color: '#cf1322',
  },
  {
    key: 'need_info',
    label: 'Chờ người dân',
    title: wait ? `Chờ người dân bổ sung quá ${wait} ngày làm việc` : STATUS_LABEL.need_info,
    query: wait ? { needInfoOlderThan: wait, sort: 'created_asc' } : { status: ['need_info'], sort: 'created_asc' },
    empty: wait
      ? `Không có phản ánh nào chờ người dân bổ sung quá ${wait} ngày làm việc`
      : 'Không có phản ánh nào chờ người dân bổ sung',
    color: '#722ed1',
  },
];
const PAGE = 100;

export function ScreeningDesk() {
  const now = useNow();
  const [key, setKey] = useState<QueueKey>('received');
  const [level, setLevel] = useState<Level>(1);
  const [wait, setWait] = useState<Wait>(2);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const queues = queuesOf(level, wait);
  const queue = queues.find((q) => q.key === key)!;
  const list = useReportList({ ...queue.query, pageSize: PAGE });

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
          <QueueTabs
            tabs={queues}
            active={key}
            label="Hàng chờ của trung tâm"
            onChange={(k) => {
              setKey(k);
              setSelectedId(null);
            }}
          >
            {key === 'overdue' && (
              <Space style={{ marginBottom: 12 }} wrap>
                <span id="overdue-level">Mức cảnh báo từ</span>
                <Segmented
                  aria-labelledby="overdue-level"
                  size="small"
                  value={level}
                  onChange={(v) => setLevel(v as Level)}
                  options={LEVELS.map((l) => ({ value: l, label: `Cấp ${l}` }))}
                />
              </Space>
            )}
            {key === 'need_info' && (
              <Space style={{ marginBottom: 12 }} wrap>
                <span id="need-info-wait">Đã chờ</span>
                <Select
                  aria-labelledby="need-info-wait"
                  size="small"
                  value={wait}
                  onChange={setWait}
                  style={{ minWidth: 170 }}
                  options={WAITS.map((w) => ({ value: w, label: w ? `quá ${w} ngày làm việc` : 'bao lâu cũng được' }))}
                />
              </Space>
            )}
            {list.error && <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>}
            <ReportQueue
              key={key}
              reports={list.data?.items ?? []}
              selectedId={selectedId}
              onSelect={setSelectedId}
              loading={list.isFetching}
              emptyText={queue.empty}
              label={queue.title ?? queue.label}
              now={now}
              showAgency={key !== 'received'}
            />
          </QueueTabs>
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

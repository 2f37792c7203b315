// Lãnh đạo: the province's figures as Decision 766 asks for them — status groups, on-time and satisfaction
// rates, by agency and by category, the trend, the overdue list with the reminder letters, CSV export. Every
// number opens the register filtered to the cases behind it, every overdue row its case (lib/register.ts).
import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { download, errorText } from '../lib/api';
import { client, data, type OverdueCase, type Schemas } from '../lib/client';
import { formatDateTime, formatNumber, formatRate, vnDay } from '../lib/format';
import { STATUS_LABEL, type ReportStatus } from '../lib/labels';
import { casePath, registerPath, type RegisterFilters } from '../lib/register';
import { hrefOf, navigate } from '../lib/router';
import { Chart } from '../components/chart';

type GroupKey = keyof Schemas['GroupCountsDto'];
const GROUPS: Array<{ key: GroupKey; label: string; statuses: ReportStatus[]; color: string }> = [
  { key: 'waitingScreening', label: 'Chờ sàng lọc', statuses: ['received'], color: '#d48806' },
  { key: 'inProgress', label: 'Đang xử lý', statuses: ['assigned', 'in_progress', 'pending_review'], color: '#0b5cad' },
  { key: 'needInfo', label: 'Chờ người dân bổ sung', statuses: ['need_info'], color: '#722ed1' },
  { key: 'resolved', label: 'Đã xử lý', statuses: ['resolved', 'closed'], color: '#389e0d' },
  { key: 'cancelled', label: 'Đã hủy', statuses: ['cancelled'], color: '#8c8c8c' },
];

const bucketLabel = (b: string) =>
  /^\d{4}-\d{2}$/.test(b) ? `${b.slice(5, 7)}/${b.slice(0, 4)}` : `${b.slice(8, 10)}/${b.slice(5, 7)}`;

/** The period as the API and the register's URL read it: Vietnamese calendar days, the last one included. */
interface Period {
  from: string;
  to: string;
}
const periodOf = (range: [Dayjs, Dayjs]): Period => ({
  from: range[0].format('YYYY-MM-DD'),
  to: range[1].format('YYYY-MM-DD'),
});

/**
 * The satisfaction rate as leaders read it: "—" until a handled case was rated. The rate counts an unrated case as
 * satisfied (Decision 766, docs/domain.md#statistics), so without ratings its 100 % would only say nobody complained.
 */
const satisfactionText = (f: Pick<Schemas['OverviewDto'], 'handled' | 'rated' | 'satisfactionRate'>) =>
  formatRate(f.handled && f.rated ? f.satisfactionRate : null);

/** A figure that opens the register on the cases it counts. */
function Drill({ to, label, children }: { to: RegisterFilters; label: string; children: ReactNode }) {
  const path = registerPath(to);
  return (
    <a
      href={hrefOf(path)}
      aria-label={label}
      className="pa-drill"
      onClick={(e) => {
        e.preventDefault();
        navigate(path);
      }}
    >
      {children}
    </a>
  );
}

export function LeadershipDashboard() {
  const { message } = App.useApp();
  const today = dayjs(vnDay());
  // The provinces report monthly: the current month by default.
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const period = periodOf(range);
  // Figures move all day: the socket's events refetch them (queries.tsx), and so does a minute passing.
  const live = { refetchInterval: 60_000 };
  const overview = useQuery({
    queryKey: ['stats', 'overview', period],
    queryFn: () => data(client.GET('/api/v1/stats/overview', { params: { query: period } })),
    ...live,
  });
  const agencies = useQuery({
    queryKey: ['stats', 'agencies', period],
    queryFn: () => data(client.GET('/api/v1/stats/agencies', { params: { query: period } })),
    ...live,
  });
  const categories = useQuery({
    queryKey: ['stats', 'categories', period],
    queryFn: () => data(client.GET('/api/v1/stats/categories', { params: { query: period } })),
    ...live,
  });

  const exportCsv = async () => {
    try {
      await download('/stats/export.csv', `thong-ke-${vnDay()}.csv`, { ...period });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const o = overview.data;
  const trend = o?.trend.map((b) => ({ label: bucketLabel(b.bucket), received: b.received, resolved: b.handled }));
  const inPeriod = { from: period.from, to: period.to };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap align="center">
          <label htmlFor="period" style={{ fontWeight: 600 }}>
            Kỳ báo cáo
          </label>
          <DatePicker.RangePicker
            id={{ start: 'period', end: 'period-end' }}
            value={range}
            format="DD/MM/YYYY"
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: 'Tháng này', value: [today.startOf('month'), today] },
              { label: 'Quý này', value: [today.month(Math.floor(today.month() / 3) * 3).startOf('month'), today] },
              { label: 'Năm nay', value: [today.startOf('year'), today] },
              { label: '30 ngày qua', value: [today.subtract(29, 'day'), today] },
            ]}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void Promise.all([overview.refetch(), agencies.refetch(), categories.refetch()])}
            loading={overview.isFetching}
          >
            Làm mới
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
            Tải CSV
          </Button>
          {overview.dataUpdatedAt > 0 && (
            <Typography.Text type="secondary">Cập nhật lúc {formatDateTime(overview.dataUpdatedAt)}</Typography.Text>
          )}
        </Space>
      </Card>

      {overview.error && <Alert type="error" showIcon title={errorText(overview.error)} />}

      <section aria-label="Tổng hợp theo nhóm trạng thái">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" data-testid="stat-total">
              <Statistic
                className="pa-stat"
                title="Tổng số phản ánh"
                value={o?.total ?? '—'}
                loading={overview.isLoading}
                formatter={(v) => (
                  <Drill to={inPeriod} label={`Xem ${v} phản ánh trong kỳ`}>
                    {v}
                  </Drill>
                )}
              />
            </Card>
          </Col>
          {GROUPS.map((g) => (
            <Col xs={12} md={8} xl={4} key={g.key}>
              <Card size="small" data-testid={`stat-${g.key}`}>
                <Statistic
                  className="pa-stat"
                  title={g.label}
                  value={o?.groups[g.key] ?? '—'}
                  styles={{ content: { color: g.color } }}
                  loading={overview.isLoading}
                  formatter={(v) => (
                    <Drill
                      to={{ ...inPeriod, status: g.statuses }}
                      label={`Xem ${v} phản ánh ${g.label.toLowerCase()}`}
                    >
                      {v}
                    </Drill>
                  )}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title="Chỉ số chất lượng" size="small" style={{ height: '100%' }}>
            {o && (
              <Row gutter={[12, 12]}>
                <Col span={12} data-testid="stat-onTimeRate">
                  <Statistic title="Tỷ lệ đúng hạn" value={formatRate(o.onTimeRate)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatNumber(o.onTime)}/{formatNumber(o.handled)} vụ việc đã xử lý
                  </Typography.Text>
                </Col>
                <Col span={12} data-testid="stat-satisfactionRate">
                  <Statistic title="Tỷ lệ hài lòng" value={satisfactionText(o)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="stat-rated">
                    {o.rated ? formatNumber(o.rated) : 'Chưa có'} lượt đánh giá
                    {o.handled > 0 &&
                      `, ${formatNumber(o.notSatisfied)} không hài lòng, ${formatNumber(o.complainedLate)} khiếu nại lại`}
                  </Typography.Text>
                </Col>
                <Col span={12}>
                  <Statistic
                    title="Thời gian xử lý trung bình"
                    value={o.avgHandlingHours == null ? '—' : `${formatNumber(o.avgHandlingHours, 1)} giờ làm việc`}
                  />
                </Col>
                <Col span={12} data-testid="stat-overdueNow">
                  <Statistic
                    title="Đang quá hạn"
                    value={o.overdueNow}
                    styles={{ content: { color: o.overdueNow ? '#cf1322' : undefined } }}
                    formatter={(v) => (
                      <Drill to={{ overdue: true, sort: 'due_asc' }} label={`Xem ${v} phản ánh đang quá hạn`}>
                        {v}
                      </Drill>
                    )}
                  />
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card title="Cơ cấu theo nhóm trạng thái" size="small">
            {o && o.total > 0 ? (
              <Chart
                height={240}
                label={`Biểu đồ tròn: ${GROUPS.map((g) => `${g.label} ${o.groups[g.key]}`).join(', ')}`}
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { bottom: 0, type: 'plain', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '68%'],
                      center: ['50%', '40%'],
                      label: { show: false },
                      data: GROUPS.map((g) => ({
                        name: g.label,
                        value: o.groups[g.key],
                        itemStyle: { color: g.color },
                      })),
                    },
                  ],
                }}
              />
            ) : (
              <Empty description="Chưa có phản ánh trong kỳ" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card title="Xu hướng" size="small">
            {trend ? (
              <Chart
                height={240}
                label={`Biểu đồ xu hướng: ${trend.map((t) => `${t.label}: tiếp nhận ${t.received}, đã xử lý ${t.resolved}`).join('; ')}`}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  grid: { left: 36, right: 12, top: 16, bottom: 48 },
                  xAxis: { type: 'category', data: trend.map((t) => t.label) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    {
                      name: 'Tiếp nhận',
                      type: 'bar',
                      barMaxWidth: 18,
                      barMinHeight: 2,
                      data: trend.map((t) => t.received),
                      itemStyle: { color: '#0b5cad' },
                    },
                    {
                      name: 'Đã xử lý',
                      type: 'line',
                      data: trend.map((t) => t.resolved),
                      itemStyle: { color: '#389e0d' },
                    },
                  ],
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Đang tải…" />
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <StatsTable
            title="Theo cơ quan xử lý"
            testId="stats-agencies"
            error={agencies.error}
            period={inPeriod}
            rows={agencies.data?.map((r) => ({ ...r, id: r.agencyId, filter: { agencyId: r.agencyId } }))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <StatsTable
            title="Theo lĩnh vực"
            testId="stats-categories"
            error={categories.error}
            period={inPeriod}
            rows={categories.data?.map((r) => ({ ...r, id: r.categoryId, filter: { categoryId: r.categoryId } }))}
          />
        </Col>
      </Row>

      <OverduePanel />
    </Space>
  );
}

type StatsRow = Schemas['AgencyStatsDto'] & { id: string; filter: RegisterFilters };

/**
 * Figures by agency or category: counts and rates in columns of their own, the most overdue first (the rows that
 * need a leader's attention), each count opening the cases behind it.
 */
function StatsTable({
  title,
  testId,
  rows,
  error,
  period,
}: {
  title: string;
  testId: string;
  rows: Array<Omit<StatsRow, 'agencyId'>> | undefined;
  error: Error | null;
  period: Period;
}) {
  const sorted = rows && [...rows].sort((a, b) => b.overdueNow - a.overdueNow || b.received - a.received);
  const count = (r: Omit<StatsRow, 'agencyId'>, n: number, to: RegisterFilters, what: string) =>
    n ? (
      <Drill to={{ ...r.filter, ...to }} label={`Xem ${n} phản ánh ${what} của ${r.name}`}>
        {formatNumber(n)}
      </Drill>
    ) : (
      formatNumber(n)
    );
  return (
    <Card title={title} size="small">
      {error && <Typography.Text type="danger">{errorText(error)}</Typography.Text>}
      {sorted && (
        <Table<Omit<StatsRow, 'agencyId'>>
          size="small"
          rowKey="id"
          data-testid={testId}
          dataSource={sorted}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          locale={{ emptyText: 'Chưa có số liệu trong kỳ' }}
          columns={[
            { title: 'Tên', dataIndex: 'name', width: 200, ellipsis: true },
            {
              title: 'Đang quá hạn',
              align: 'right',
              width: 90,
              render: (_, r) =>
                r.overdueNow ? (
                  <Tag color="error" style={{ marginInlineEnd: 0 }}>
                    {count(r, r.overdueNow, { overdue: true, sort: 'due_asc' }, 'đang quá hạn')}
                  </Tag>
                ) : (
                  '0'
                ),
            },
            {
              title: 'Tiếp nhận',
              align: 'right',
              width: 80,
              render: (_, r) => count(r, r.received, period, 'tiếp nhận trong kỳ'),
            },
            {
              title: 'Đã xử lý',
              align: 'right',
              width: 80,
              render: (_, r) => count(r, r.handled, { ...period, status: ['resolved', 'closed'] }, 'đã xử lý'),
            },
            { title: 'Đúng hạn', align: 'right', width: 80, render: (_, r) => formatNumber(r.onTime) },
            { title: 'Tỷ lệ đúng hạn', align: 'right', width: 100, render: (_, r) => formatRate(r.onTimeRate) },
            {
              title: 'TG xử lý TB (giờ)',
              align: 'right',
              width: 100,
              render: (_, r) => formatNumber(r.avgHandlingHours, 1),
            },
            { title: 'Lượt đánh giá', align: 'right', width: 90, render: (_, r) => formatNumber(r.rated) },
            { title: 'Tỷ lệ hài lòng', align: 'right', width: 100, render: (_, r) => satisfactionText(r) },
          ]}
        />
      )}
    </Card>
  );
}

function OverduePanel() {
  const { message } = App.useApp();
  const [level, setLevel] = useState<number | undefined>(undefined);
  const overdue = useQuery({
    queryKey: ['overdue', level],
    queryFn: () => data(client.GET('/api/v1/overdue', { params: { query: { level, pageSize: 100 } } })),
    refetchInterval: 60_000,
  });
  const items = overdue.data?.items ?? [];
  const byAgency = [
    ...items
      .reduce((m, c) => {
        if (!c.agencyId) return m;
        const e = m.get(c.agencyId) ?? { id: c.agencyId, name: c.agencyName ?? '—', count: 0 };
        e.count += 1;
        return m.set(c.agencyId, e);
      }, new Map<string, { id: string; name: string; count: number }>())
      .values(),
  ];

  const letter = async (agencyId: string, code: string) => {
    try {
      await download(`/reminders/agencies/${agencyId}/letter`, `van-ban-don-doc-${code}.pdf`, { format: 'pdf' });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={16}>
        <Card
          title={`Phản ánh quá hạn (${overdue.data?.total ?? 0})`}
          size="small"
          extra={
            <Space>
              <label htmlFor="overdue-level">Cấp độ</label>
              <Select
                id="overdue-level"
                style={{ width: 200 }}
                value={level ?? 0}
                onChange={(v) => setLevel(v || undefined)}
                options={[
                  { value: 0, label: 'Tất cả' },
                  { value: 2, label: 'Từ cấp 2 (báo cáo lãnh đạo)' },
                  { value: 3, label: 'Cấp 3 (văn bản đôn đốc)' },
                ]}
              />
            </Space>
          }
        >
          {overdue.error && <Typography.Text type="danger">{errorText(overdue.error)}</Typography.Text>}
          <Table<OverdueCase>
            size="small"
            rowKey="reportId"
            data-testid="overdue-list"
            loading={overdue.isFetching && !overdue.data}
            dataSource={items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            tableLayout="fixed"
            locale={{ emptyText: 'Không có phản ánh quá hạn' }}
            onRow={(c) => ({ onClick: () => navigate(casePath(c.reportId)), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: 'Mã',
                width: 150,
                render: (_, c) => (
                  <a
                    href={hrefOf(casePath(c.reportId))}
                    className="pa-nowrap"
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      navigate(casePath(c.reportId));
                    }}
                  >
                    {c.code}
                  </a>
                ),
              },
              { title: 'Nội dung', dataIndex: 'title', ellipsis: true },
              {
                title: 'Cơ quan',
                width: 200,
                ellipsis: true,
                render: (_, c) => c.agencyName ?? 'Trung tâm (chờ sàng lọc)',
              },
              { title: 'Trạng thái', width: 130, render: (_, c) => STATUS_LABEL[c.status] ?? c.status },
              {
                title: 'Hạn',
                width: 140,
                render: (_, c) => <span className="pa-nowrap">{formatDateTime(c.dueAt)}</span>,
              },
              {
                title: 'Quá hạn (ngày làm việc)',
                width: 170,
                align: 'right',
                render: (_, c) => (
                  <Tag color="error" style={{ marginInlineEnd: 0 }}>
                    {formatNumber(c.overdueWorkingDays, 1)} ngày làm việc
                  </Tag>
                ),
              },
              {
                title: 'Cấp',
                width: 60,
                align: 'center',
                render: (_, c) => (
                  <Tag color={c.escalationLevel >= 3 ? 'magenta' : c.escalationLevel >= 2 ? 'volcano' : 'orange'}>
                    {c.escalationLevel}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xxl={8}>
        <Card title="Văn bản đôn đốc" size="small">
          {byAgency.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có cơ quan nào có phản ánh quá hạn" />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {byAgency.map((a) => (
                <Space key={a.id} style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                  <span>
                    {a.name}{' '}
                    <Drill
                      to={{ agencyId: a.id, overdue: true, sort: 'due_asc' }}
                      label={`Xem ${a.count} phản ánh quá hạn của ${a.name}`}
                    >
                      <Tag color="error">{a.count} quá hạn</Tag>
                    </Drill>
                  </span>
                  <Button
                    size="small"
                    icon={<FilePdfOutlined />}
                    onClick={() => void letter(a.id, a.name)}
                    aria-label={`Tải văn bản đôn đốc (PDF) cho ${a.name}`}
                  >
                    Tải PDF
                  </Button>
                </Space>
              ))}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}

// Lãnh đạo: the province's figures as Decision 766 asks for them — status groups, on-time and satisfaction
// rates, by agency and by category, the monthly trend, the overdue list with the reminder letters, CSV export.
// Parts whose API is not deployed show an empty panel saying so; the status groups then fall back to counting
// reports through GET /reports (exact counts, same period), so the dashboard still tells the essentials.
import { useEffect, useMemo, useState } from 'react';
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
import dayjs, { type Dayjs } from 'dayjs';
import { api, download, errorText, isMissingRoute, type Page } from '../lib/api';
import { dayStart, formatDateTime, formatNumber, formatRate, vnDay } from '../lib/format';
import { STATUS_LABEL, type ReportStatus } from '../lib/labels';
import { useLiveEvents } from '../lib/realtime';
import { useReference } from '../lib/reference';
import type { Report } from '../lib/reports';
import { Chart } from '../components/chart';
import { Unavailable } from '../components/report-parts';

type GroupKey = 'waitingScreening' | 'inProgress' | 'needInfo' | 'resolved' | 'cancelled';
const GROUPS: Array<{ key: GroupKey; label: string; statuses: ReportStatus[]; color: string }> = [
  { key: 'waitingScreening', label: 'Chờ sàng lọc', statuses: ['received'], color: '#d48806' },
  { key: 'inProgress', label: 'Đang xử lý', statuses: ['assigned', 'in_progress', 'pending_review'], color: '#0b5cad' },
  { key: 'needInfo', label: 'Chờ người dân bổ sung', statuses: ['need_info'], color: '#722ed1' },
  { key: 'resolved', label: 'Đã xử lý', statuses: ['resolved', 'closed'], color: '#389e0d' },
  { key: 'cancelled', label: 'Đã hủy', statuses: ['cancelled'], color: '#8c8c8c' },
];

interface Overview {
  total: number;
  groups: Record<GroupKey, number>;
  byStatus?: Partial<Record<ReportStatus, number>>;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgHandlingHours: number | null;
  /** Received and handled per bucket of the period ('YYYY-MM-DD' for days and weeks, 'YYYY-MM' for months). */
  trend?: Array<{ bucket: string; received: number; handled: number; onTime: number }>;
}

const bucketLabel = (b: string) =>
  /^\d{4}-\d{2}$/.test(b) ? `${b.slice(5, 7)}/${b.slice(0, 4)}` : `${b.slice(8, 10)}/${b.slice(5, 7)}`;

interface OverdueCase {
  reportId: string;
  code: string;
  title: string;
  status: ReportStatus;
  agencyId: string | null;
  agencyName: string | null;
  dueAt: string;
  escalationLevel: number;
  overdueWorkingDays: number;
}

type Row = Record<string, unknown>;
const rowsOf = (x: unknown): Row[] =>
  Array.isArray(x)
    ? (x as Row[])
    : ((x as { items?: Row[]; rows?: Row[] } | null)?.items ?? (x as { rows?: Row[] })?.rows ?? []);
const num = (row: Row, ...keys: string[]): number | null => {
  for (const k of keys) if (typeof row[k] === 'number') return row[k] as number;
  return null;
};

interface Period {
  from: string;
  to: string;
}

const periodOf = (range: [Dayjs, Dayjs]): Period => ({
  from: dayStart(range[0].format('YYYY-MM-DD')),
  to: dayStart(range[1].add(1, 'day').format('YYYY-MM-DD')),
});

async function countReports(query: Record<string, string | undefined>): Promise<number> {
  return (await api.get<Page<Report>>('/reports', { ...query, pageSize: 1 })).total;
}

/** Status groups counted through the reports list, for when the statistics service is not deployed. */
async function overviewFromReports(p: Period): Promise<Overview> {
  const [total, ...counts] = await Promise.all([
    countReports({ from: p.from, to: p.to }),
    ...GROUPS.map((g) => countReports({ from: p.from, to: p.to, status: g.statuses.join(',') })),
  ]);
  const groups = Object.fromEntries(GROUPS.map((g, i) => [g.key, counts[i]])) as Record<GroupKey, number>;
  return { total, groups, onTimeRate: null, satisfactionRate: null, avgHandlingHours: null };
}

export function LeadershipDashboard() {
  const { message } = App.useApp();
  const today = dayjs(vnDay());
  // The provinces report monthly: the current month by default.
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [tick, setTick] = useState(0);
  const [overview, setOverview] = useState<{ data?: Overview; fromStats?: boolean; error?: string; loading: boolean }>({
    loading: true,
  });
  const [agencies, setAgencies] = useState<{ rows?: Row[]; missing?: boolean; error?: string }>({});
  const [categories, setCategories] = useState<{ rows?: Row[]; missing?: boolean; error?: string }>({});
  const [trend, setTrend] = useState<Array<{ label: string; received: number; resolved: number }> | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const period = useMemo(() => periodOf(range), [range]);

  useEffect(() => {
    let live = true;
    setOverview((o) => ({ ...o, loading: true }));
    (async () => {
      let fromStats = true;
      let data: Overview;
      try {
        data = await api.get<Overview>('/stats/overview', { from: period.from, to: period.to });
      } catch (e) {
        if (!isMissingRoute(e)) throw e;
        fromStats = false;
        data = await overviewFromReports(period);
      }
      if (!live) return;
      setOverview({ data, fromStats, loading: false });
      setUpdatedAt(new Date());
      if (fromStats && Array.isArray(data.trend)) {
        // The statistics service buckets the period itself (days, weeks or months by its length).
        setTrend(data.trend.map((b) => ({ label: bucketLabel(b.bucket), received: b.received, resolved: b.handled })));
        return;
      }
      // Without it: the last six months (Vietnamese calendar months) ending with the period, counted one by one.
      const end = range[1].startOf('month');
      const months = Array.from({ length: 6 }, (_, i) => end.subtract(5 - i, 'month'));
      const points = await Promise.all(
        months.map(async (m) => {
          const p = { from: dayStart(m.format('YYYY-MM-DD')), to: dayStart(m.add(1, 'month').format('YYYY-MM-DD')) };
          const [received, resolved] = await Promise.all([
            countReports(p),
            countReports({ ...p, status: 'resolved,closed' }),
          ]);
          return { label: m.format('MM/YYYY'), received, resolved };
        }),
      );
      if (live) setTrend(points);
    })().catch((e) => live && setOverview({ loading: false, error: errorText(e) }));

    const table = (path: string, set: typeof setAgencies) =>
      api
        .get<unknown>(path, { from: period.from, to: period.to })
        .then((r) => live && set({ rows: rowsOf(r) }))
        .catch((e) => live && set(isMissingRoute(e) ? { missing: true } : { error: errorText(e) }));
    void table('/stats/agencies', setAgencies);
    void table('/stats/categories', setCategories);
    return () => {
      live = false;
    };
  }, [period, tick]); // `range` only matters through `period`

  // Figures move all day: refresh every minute, and when leadership hears of an escalation.
  useEffect(() => {
    const t = setInterval(() => setTick((x) => x + 1), 60_000);
    return () => clearInterval(t);
  }, []);
  useLiveEvents(['report.overdue'], () => setTick((x) => x + 1));

  const exportCsv = async () => {
    try {
      await download('/stats/export.csv', `thong-ke-${vnDay()}.csv`, { from: period.from, to: period.to });
    } catch (e) {
      message.error(isMissingRoute(e) ? 'Chức năng xuất CSV hiện chưa có trên máy chủ' : errorText(e));
    }
  };

  const o = overview.data;
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
          <Button icon={<ReloadOutlined />} onClick={() => setTick((x) => x + 1)} loading={overview.loading}>
            Làm mới
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
            Tải CSV
          </Button>
          {updatedAt && <Typography.Text type="secondary">Cập nhật lúc {formatDateTime(updatedAt)}</Typography.Text>}
        </Space>
      </Card>

      {overview.error && <Alert type="error" showIcon title={overview.error} />}
      {o && !overview.fromStats && (
        <Alert
          type="info"
          showIcon
          title="Dịch vụ thống kê chưa sẵn sàng"
          description="Các nhóm trạng thái được đếm trực tiếp từ danh sách phản ánh trong kỳ; tỷ lệ đúng hạn, mức độ hài lòng và bảng theo cơ quan, lĩnh vực sẽ hiển thị khi dịch vụ thống kê được triển khai."
        />
      )}

      <section aria-label="Tổng hợp theo nhóm trạng thái">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" data-testid="stat-total">
              <Statistic
                className="pa-stat"
                title="Tổng số phản ánh"
                value={o?.total ?? '—'}
                loading={overview.loading && !o}
              />
            </Card>
          </Col>
          {GROUPS.map((g) => (
            <Col xs={12} md={8} xl={4} key={g.key}>
              <Card size="small" data-testid={`stat-${g.key}`}>
                <Statistic
                  className="pa-stat"
                  title={g.label}
                  value={o?.groups?.[g.key] ?? '—'}
                  styles={{ content: { color: g.color } }}
                  loading={overview.loading && !o}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title="Chỉ số chất lượng" size="small" style={{ height: '100%' }}>
            {o && overview.fromStats ? (
              <Row gutter={[12, 12]}>
                <Col span={12} data-testid="stat-onTimeRate">
                  <Statistic title="Tỷ lệ đúng hạn" value={formatRate(o.onTimeRate)} />
                </Col>
                <Col span={12} data-testid="stat-satisfactionRate">
                  <Statistic title="Tỷ lệ hài lòng" value={formatRate(o.satisfactionRate)} />
                </Col>
                <Col span={24}>
                  <Statistic
                    title="Thời gian xử lý trung bình"
                    value={o.avgHandlingHours == null ? '—' : `${formatNumber(o.avgHandlingHours, 1)} giờ`}
                  />
                </Col>
              </Row>
            ) : o ? (
              <Unavailable what="Tỷ lệ đúng hạn và mức độ hài lòng (dịch vụ thống kê)" />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card title="Cơ cấu theo nhóm trạng thái" size="small">
            {o && o.total > 0 ? (
              <Chart
                height={240}
                label={`Biểu đồ tròn: ${GROUPS.map((g) => `${g.label} ${o.groups?.[g.key] ?? 0}`).join(', ')}`}
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
                        value: o.groups?.[g.key] ?? 0,
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
          <StatsTable title="Theo cơ quan xử lý" state={agencies} kind="agency" />
        </Col>
        <Col xs={24} xl={12}>
          <StatsTable title="Theo lĩnh vực" state={categories} kind="category" />
        </Col>
      </Row>

      <OverduePanel tick={tick} />
    </Space>
  );
}

function StatsTable({
  title,
  state,
  kind,
}: {
  title: string;
  state: { rows?: Row[]; missing?: boolean; error?: string };
  kind: 'agency' | 'category';
}) {
  const { agencyName, categoryName } = useReference();
  const nameOf = (r: Row) =>
    kind === 'agency'
      ? String(r.agencyName ?? r.name ?? agencyName((r.agencyId ?? r.id) as string))
      : String(r.categoryName ?? r.name ?? categoryName((r.categoryId ?? r.id) as string));
  return (
    <Card title={title} size="small">
      {state.missing && <Unavailable what={`Thống kê ${title.toLowerCase()}`} />}
      {state.error && <Typography.Text type="danger">{state.error}</Typography.Text>}
      {state.rows && (
        <Table<Row>
          size="small"
          rowKey={(r) => String(r.agencyId ?? r.categoryId ?? r.id ?? nameOf(r))}
          dataSource={state.rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: 'Chưa có số liệu trong kỳ' }}
          columns={[
            { title: kind === 'agency' ? 'Cơ quan' : 'Lĩnh vực', render: (_, r) => nameOf(r) },
            { title: 'Tiếp nhận', align: 'right', render: (_, r) => formatNumber(num(r, 'received', 'total')) },
            { title: 'Đã xử lý', align: 'right', render: (_, r) => formatNumber(num(r, 'handled', 'resolved')) },
            {
              title: 'Đúng hạn',
              align: 'right',
              render: (_, r) =>
                num(r, 'onTimeRate') !== null ? formatRate(num(r, 'onTimeRate')) : formatNumber(num(r, 'onTime')),
            },
            ...(kind === 'agency'
              ? [
                  {
                    title: 'Đang quá hạn',
                    align: 'right' as const,
                    render: (_: unknown, r: Row) => {
                      const n = num(r, 'overdueNow', 'overdue');
                      return n ? <Tag color="error">{formatNumber(n)}</Tag> : formatNumber(n);
                    },
                  },
                ]
              : []),
            {
              title: 'TG xử lý TB (giờ)',
              align: 'right',
              render: (_, r) => formatNumber(num(r, 'avgHandlingHours'), 1),
            },
            { title: 'Hài lòng', align: 'right', render: (_, r) => formatRate(num(r, 'satisfactionRate')) },
          ]}
        />
      )}
    </Card>
  );
}

function OverduePanel({ tick }: { tick: number }) {
  const { message } = App.useApp();
  const [level, setLevel] = useState<number | undefined>(undefined);
  const [state, setState] = useState<{ page?: Page<OverdueCase>; missing?: boolean; error?: string; loading: boolean }>(
    { loading: true },
  );

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api
      .get<Page<OverdueCase>>('/overdue', { level, pageSize: 100 })
      .then((page) => live && setState({ page, loading: false }))
      .catch(
        (e) =>
          live &&
          setState(isMissingRoute(e) ? { missing: true, loading: false } : { error: errorText(e), loading: false }),
      );
    return () => {
      live = false;
    };
  }, [level, tick]);

  const byAgency = useMemo(() => {
    const m = new Map<string, { name: string; count: number; maxLevel: number }>();
    for (const c of state.page?.items ?? []) {
      if (!c.agencyId) continue;
      const e = m.get(c.agencyId) ?? { name: c.agencyName ?? '—', count: 0, maxLevel: 0 };
      e.count += 1;
      e.maxLevel = Math.max(e.maxLevel, c.escalationLevel);
      m.set(c.agencyId, e);
    }
    return [...m.entries()].map(([id, e]) => ({ id, ...e }));
  }, [state.page]);

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
          title={`Phản ánh quá hạn (${state.page?.total ?? 0})`}
          size="small"
          extra={
            <Space>
              <label htmlFor="overdue-level">Cấp độ</label>
              <Select
                id="overdue-level"
                style={{ width: 220 }}
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
          {state.missing && <Unavailable what="Danh sách quá hạn" />}
          {state.error && <Typography.Text type="danger">{state.error}</Typography.Text>}
          {!state.missing && (
            <Table<OverdueCase>
              size="small"
              rowKey="reportId"
              loading={state.loading}
              dataSource={state.page?.items ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
              tableLayout="fixed"
              locale={{ emptyText: 'Không có phản ánh quá hạn' }}
              columns={[
                {
                  title: 'Mã',
                  dataIndex: 'code',
                  width: 150,
                  render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
                },
                { title: 'Nội dung', dataIndex: 'title', ellipsis: true },
                { title: 'Cơ quan', width: 200, render: (_, c) => c.agencyName ?? 'Trung tâm (chờ sàng lọc)' },
                { title: 'Trạng thái', width: 130, render: (_, c) => STATUS_LABEL[c.status] ?? c.status },
                { title: 'Hạn', width: 140, render: (_, c) => formatDateTime(c.dueAt) },
                {
                  title: 'Quá hạn (ngày làm việc)',
                  width: 170,
                  align: 'right',
                  render: (_, c) => (
                    <Tag color="error" style={{ marginInlineEnd: 0 }}>
                      {formatNumber(c.overdueWorkingDays, 1)} ngày
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
          )}
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
                    {a.name} <Tag color="error">{a.count} quá hạn</Tag>
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

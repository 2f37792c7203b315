// Calendar exceptions: the government's yearly day swaps and extra days off. PUT replaces the whole list.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorText } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../lib/queries';

interface Exception {
  date: string;
  kind: 'off' | 'working';
  note: string | null;
}

const EXCEPTIONS_KEY = ['admin', 'calendar-exceptions'];
const KIND_LABEL = { off: 'Ngày nghỉ', working: 'Ngày làm việc (làm bù)' };
const WEEKDAYS = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];

export function CalendarAdmin() {
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: EXCEPTIONS_KEY,
    queryFn: () => api.get<Exception[]>('/admin/calendar/exceptions'),
  });
  const [rows, setRows] = useState<Exception[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [year, setYear] = useState<number | 'all'>(new Date().getFullYear());

  useEffect(() => {
    if (list.data) {
      setRows([...list.data].sort((a, b) => a.date.localeCompare(b.date)));
      setDirty(false);
    }
  }, [list.data]);

  const update = (i: number, patch: Partial<Exception>) => {
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setDirty(true);
  };

  const save = async () => {
    const dates = rows.map((r) => r.date);
    if (new Set(dates).size !== dates.length) {
      message.error('Có ngày bị nhập trùng');
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<Exception[]>(
        '/admin/calendar/exceptions',
        rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note || undefined })),
      );
      queryClient.setQueryData(EXCEPTIONS_KEY, saved);
      message.success('Đã lưu lịch nghỉ, làm bù');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
  const shown = rows.map((r, i) => ({ ...r, i })).filter((r) => year === 'all' || r.date.startsWith(String(year)));

  return (
    <Card
      title="Ngày nghỉ lễ, nghỉ bù và ngày làm bù"
      extra={
        <Space wrap>
          <label htmlFor="calendar-year">Năm</label>
          <Select
            id="calendar-year"
            value={year}
            style={{ width: 110 }}
            onChange={setYear}
            options={[{ value: 'all', label: 'Tất cả' }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const base = year === 'all' ? dayjs() : dayjs(`${year}-01-01`);
              setRows((r) => [...r, { date: base.format('YYYY-MM-DD'), kind: 'off', note: '' }]);
              setDirty(true);
            }}
          >
            Thêm ngày
          </Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} loading={busy} disabled={!dirty}>
            Lưu thay đổi
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        Ngày lễ cố định và Tết âm lịch được tính tự động; ở đây chỉ nhập các ngày nghỉ thêm, nghỉ bù và ngày làm bù theo
        thông báo hằng năm.
      </Typography.Paragraph>
      {dirty && <Alert type="warning" showIcon title="Có thay đổi chưa lưu" style={{ marginBottom: 12 }} />}
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table
        rowKey={(r) => `${r.i}`}
        size="small"
        loading={list.isFetching}
        dataSource={shown}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: 'Chưa có ngày ngoại lệ' }}
        columns={[
          {
            title: 'Ngày',
            render: (_, r) => (
              <DatePicker
                aria-label={`Ngày ${formatDate(r.date)}`}
                value={dayjs(r.date)}
                format="DD/MM/YYYY"
                allowClear={false}
                onChange={(d) => d && update(r.i, { date: d.format('YYYY-MM-DD') })}
              />
            ),
          },
          { title: 'Thứ', render: (_, r) => WEEKDAYS[dayjs(r.date).day()] },
          {
            title: 'Loại',
            render: (_, r) => (
              <Select
                aria-label={`Loại ngày ${formatDate(r.date)}`}
                value={r.kind}
                style={{ width: 200 }}
                onChange={(kind) => update(r.i, { kind })}
                options={Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))}
              />
            ),
          },
          {
            title: 'Ghi chú',
            render: (_, r) => (
              <Input
                aria-label={`Ghi chú ngày ${formatDate(r.date)}`}
                value={r.note ?? ''}
                maxLength={300}
                onChange={(e) => update(r.i, { note: e.target.value })}
              />
            ),
          },
          {
            title: '',
            render: (_, r) => (
              <Popconfirm
                title="Xóa ngày này?"
                okText="Xóa"
                cancelText="Hủy bỏ"
                onConfirm={() => {
                  setRows((x) => x.filter((_, j) => j !== r.i));
                  setDirty(true);
                }}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Xóa ngày ${formatDate(r.date)}`} />
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

// Categories with their SLA per priority (working minutes in the category's calendar) and escalation settings.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorText } from '../../lib/api';
import { formatDuration } from '../../lib/format';
import { PRIORITY_LABEL } from '../../lib/labels';
import { useReference, type Category } from '../../lib/reference';
import { useQuery } from '@tanstack/react-query';
import { defaultEscalation, defaultSla, WORKING_DAY_MINUTES } from '@app/calendar/default-deadlines';

const STAGES: Array<{ key: keyof Category['sla']['normal']; label: string }> = [
  { key: 'screeningMinutes', label: 'Sàng lọc' },
  { key: 'acknowledgeMinutes', label: 'Tiếp nhận' },
  { key: 'resolutionMinutes', label: 'Giải quyết' },
  { key: 'reviewMinutes', label: 'Duyệt kết quả' },
];
const CALENDAR_LABEL: Record<string, string> = { office: 'Giờ hành chính', '24x7': 'Liên tục 24/7' };

/** A new category's deadlines as the API would fill them in (office calendar, the editor's default). */
const DEFAULTS = { sla: defaultSla('office'), escalation: defaultEscalation('office') };

/** Minutes as the working time a person reads: "8 giờ", "5 ngày làm việc" (whole working days of the calendar). */
const slaText = (m: number, calendar: string) => {
  const day = WORKING_DAY_MINUTES[calendar as keyof typeof WORKING_DAY_MINUTES];
  return calendar === 'office' && m >= day && m % day === 0 ? `${m / day} ngày làm việc` : formatDuration(m * 60_000);
};

export function CategoriesAdmin() {
  const { message } = App.useApp();
  const { agencies, agencyName, reload: reloadReference } = useReference();
  const list = useQuery({ queryKey: ['admin', 'categories'], queryFn: () => api.get<Category[]>('/admin/categories') });
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const open = (c: Category | 'new') => {
    setEditing(c);
    form.resetFields();
    form.setFieldsValue(
      c === 'new'
        ? {
            code: '',
            name: '',
            priority: 'normal',
            calendar: 'office',
            duplicateRadiusM: 150,
            locationBound: true,
            autoAssign: false,
            isActive: true,
            ...DEFAULTS,
          }
        : c,
    );
  };

  const save = async (v: Record<string, unknown>) => {
    setBusy(true);
    const body = {
      code: v.code,
      name: v.name,
      priority: v.priority,
      calendar: v.calendar,
      sla: v.sla,
      escalation: v.escalation,
      defaultAgencyId: v.defaultAgencyId || undefined,
      duplicateRadiusM: v.duplicateRadiusM,
      locationBound: v.locationBound,
      autoAssign: v.autoAssign,
      ...(editing === 'new' ? {} : { isActive: v.isActive }),
    };
    try {
      if (editing === 'new') await api.post('/admin/categories', body);
      else if (editing) await api.patch(`/admin/categories/${editing.id}`, body);
      message.success('Đã lưu lĩnh vực');
      setEditing(null);
      await Promise.all([list.refetch(), reloadReference()]);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const minutes = (path: (string | number)[], label: string) => (
    <Form.Item
      name={path}
      label={label}
      rules={[{ required: true, type: 'number', min: 1, message: 'Số phút ≥ 1' }]}
      style={{ marginBottom: 8 }}
    >
      <InputNumber min={1} style={{ width: '100%' }} suffix="phút" />
    </Form.Item>
  );

  return (
    <Card
      title="Lĩnh vực, thời hạn xử lý và leo thang"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          Thêm lĩnh vực
        </Button>
      }
    >
      {list.error && <Tag color="error">{errorText(list.error)}</Tag>}
      <Table<Category>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: 'Lĩnh vực', dataIndex: 'name' },
          {
            title: 'Mức độ',
            render: (_, c) =>
              c.priority === 'urgent' ? <Tag color="red">{PRIORITY_LABEL.urgent}</Tag> : PRIORITY_LABEL.normal,
          },
          { title: 'Lịch', render: (_, c) => CALENDAR_LABEL[c.calendar] ?? c.calendar },
          { title: 'Cơ quan mặc định', render: (_, c) => agencyName(c.defaultAgencyId) },
          {
            title: 'Hạn giải quyết (thường / khẩn)',
            render: (_, c) =>
              `${slaText(c.sla.normal.resolutionMinutes, c.calendar)} / ${slaText(c.sla.urgent.resolutionMinutes, c.calendar)}`,
          },
          { title: 'Bán kính trùng', render: (_, c) => (c.duplicateRadiusM ? `${c.duplicateRadiusM} m` : 'Tắt') },
          { title: 'Hoạt động', render: (_, c) => (c.isActive === false ? <Tag color="red">Ngừng</Tag> : 'Có') },
          {
            title: 'Thao tác',
            render: (_, c) => (
              <Button size="small" onClick={() => open(c)} aria-label={`Sửa lĩnh vực ${c.name}`}>
                Sửa
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? 'Thêm lĩnh vực' : `Sửa lĩnh vực ${editing?.name ?? ''}`}
        okText="Lưu"
        cancelText="Hủy bỏ"
        width={760}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        forceRender
      >
        <Form form={form} name="category" layout="vertical" onFinish={save}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label="Mã"
                rules={[
                  { required: true, pattern: /^[a-z0-9][a-z0-9_.-]{0,49}$/, message: 'Chữ thường, số, dấu chấm, gạch' },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="name" label="Tên lĩnh vực" rules={[{ required: true, message: 'Nhập tên lĩnh vực' }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="priority" label="Mức độ mặc định">
                <Select options={Object.entries(PRIORITY_LABEL).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="calendar" label="Lịch tính hạn">
                <Select options={Object.entries(CALENDAR_LABEL).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="defaultAgencyId" label="Cơ quan xử lý mặc định">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={agencies.map((a) => ({ value: a.id, label: a.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="duplicateRadiusM"
                label="Bán kính tìm trùng"
                rules={[{ type: 'number', min: 0, max: 1000 }]}
              >
                <InputNumber min={0} max={1000} suffix="m" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="locationBound" label="Phân theo địa bàn" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="autoAssign" label="Tự động chuyển xử lý" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            {editing !== 'new' && (
              <Col xs={12} md={6}>
                <Form.Item name="isActive" label="Đang dùng" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Divider titlePlacement="start">Thời hạn theo giai đoạn (phút làm việc)</Divider>
          <Typography.Paragraph type="secondary">
            Một ngày làm việc theo giờ hành chính là {WORKING_DAY_MINUTES.office} phút (07:30–11:30, 13:30–17:00).
          </Typography.Paragraph>
          <Row gutter={12}>
            {(['normal', 'urgent'] as const).map((p) => (
              <Col xs={24} md={12} key={p}>
                <fieldset style={{ border: '1px solid #eee', borderRadius: 6, padding: '8px 12px' }}>
                  <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', margin: 0, border: 0 }}>
                    {PRIORITY_LABEL[p]}
                  </legend>
                  {STAGES.map((s) => (
                    <div key={s.key}>{minutes(['sla', p, s.key], s.label)}</div>
                  ))}
                </fieldset>
              </Col>
            ))}
          </Row>
          <Divider titlePlacement="start">Nhắc hạn và leo thang</Divider>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name={['escalation', 'reminderAtFraction']}
                label="Nhắc khi đã dùng (tỷ lệ thời hạn)"
                rules={[{ required: true, type: 'number', min: 0.05, max: 0.99 }]}
              >
                <InputNumber min={0.05} max={0.99} step={0.05} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['escalation', 'level2AfterMinutes']}
                label="Cấp 2 sau hạn"
                rules={[{ required: true, type: 'number', min: 1 }]}
              >
                <InputNumber min={1} suffix="phút" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['escalation', 'level3AfterMinutes']}
                label="Cấp 3 sau hạn"
                rules={[{ required: true, type: 'number', min: 1 }]}
              >
                <InputNumber min={1} suffix="phút" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}

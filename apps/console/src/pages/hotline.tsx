// Tổng đài 1022: the operator types the caller's number, sees their earlier reports and calls, logs the call
// with its outcome and, for a new problem, files the report for the caller (POST /hotline/calls with `report`).
// The place is a point on the map, or the commune picked by typing and an address when the map cannot help (tiles
// unreachable on a government network, a caller who knows only the street): docs/domain.md#communes-and-addresses.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { FINAL_STATUSES } from '@app/workflow';
import { api, errorText, type Page } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { OUTCOME_LABEL, PRIORITY_LABEL } from '../lib/labels';
import { client, data, type ReportView as Report } from '../lib/client';
import { useReference } from '../lib/reference';
import { CommuneSelect } from '../components/commune-select';
import { MapPicker, type Point } from '../components/map';
import { DueBadge, PhotoUpload, StatusTag } from '../components/report-parts';

interface Call {
  id: string;
  callerPhone: string;
  callerName: string | null;
  startedAt: string;
  outcome: string;
  notes: string | null;
  reportId: string | null;
}

interface CallForm {
  callerName?: string;
  outcome: 'new_report' | 'existing_report' | 'consultation' | 'other';
  notes?: string;
  reportId?: string;
  categoryId?: string;
  priority?: 'normal' | 'urgent';
  description?: string;
  address?: string;
  communeCode?: string;
  lat?: number;
  lng?: number;
  allowContact?: boolean;
  isPublic?: boolean;
}

const digits = (s: string) => s.replace(/\D/g, '');
/** Enough digits for a Vietnamese number (0xxxxxxxxx or 84xxxxxxxxx) to look it up. */
const lookupable = (s: string) => digits(s).length >= 10;

export function HotlineDesk() {
  const { message } = App.useApp();
  const { categories, categoryName } = useReference();
  const [form] = Form.useForm<CallForm>();
  const [phone, setPhone] = useState('');
  const [startedAt, setStartedAt] = useState<Date | null>(null);
  const [history, setHistory] = useState<{ reports: Report[]; calls: Call[]; total: number } | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [historyLoading, setHistoryLoading] = useState(false);
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [uploadKey, setUploadKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ code?: string; outcome: string } | null>(null);
  const callId = useRef<string>(crypto.randomUUID());
  const outcome = Form.useWatch('outcome', form);
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const point: Point | null = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
  // Without a point the commune and the address say where (the API's rule for centre staff).
  const communeCode = Form.useWatch('communeCode', form);
  const activeCategories = useMemo(() => categories.filter((c) => c.isActive !== false), [categories]);

  const loadHistory = async (value: string) => {
    setHistoryLoading(true);
    setHistoryError(null);
    try {
      const [reports, calls] = await Promise.all([
        data(
          client.GET('/api/v1/hotline/callers/{phone}/reports', {
            params: { path: { phone: value.trim() }, query: { pageSize: 20 } },
          }),
        ),
        api.get<Page<Call>>('/hotline/calls', { callerPhone: value.trim(), pageSize: 20 }),
      ]);
      setHistory({ reports: reports.items, calls: calls.items, total: reports.total });
    } catch (e) {
      setHistory(null);
      setHistoryError(errorText(e));
    } finally {
      setHistoryLoading(false);
    }
  };

  // Look the caller up as soon as the number is complete (debounced while typing).
  useEffect(() => {
    if (!lookupable(phone)) {
      setHistory(null);
      setHistoryError(null);
      return;
    }
    const t = setTimeout(() => void loadHistory(phone), 350);
    return () => clearTimeout(t);
  }, [phone]);

  const onPhone = (value: string) => {
    setPhone(value);
    if (!startedAt && value) setStartedAt(new Date());
    setDone(null);
  };

  const newCall = () => {
    setPhone('');
    setStartedAt(null);
    setHistory(null);
    setDone(null);
    setAttachmentIds([]);
    setUploadKey((k) => k + 1);
    form.resetFields();
    callId.current = crypto.randomUUID();
  };

  const submit = async (v: CallForm) => {
    if (!lookupable(phone)) {
      message.error('Vui lòng nhập số điện thoại người gọi');
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        callerPhone: phone.trim(),
        callerName: v.callerName?.trim() || undefined,
        callId: `console-${callId.current}`,
        startedAt: (startedAt ?? new Date()).toISOString(),
        endedAt: new Date().toISOString(),
        outcome: v.outcome,
        notes: v.notes?.trim() || undefined,
      };
      if (v.outcome === 'existing_report') body.reportId = v.reportId;
      if (v.outcome === 'new_report') {
        body.report = {
          categoryId: v.categoryId,
          description: v.description?.trim(),
          address: v.address?.trim() || undefined,
          communeCode: v.communeCode,
          location: typeof v.lat === 'number' && typeof v.lng === 'number' ? { lat: v.lat, lng: v.lng } : undefined,
          priority: v.priority ?? 'normal',
          attachmentIds: attachmentIds.length ? attachmentIds : undefined,
          allowContact: v.allowContact ?? true,
          isPublic: v.isPublic ?? true,
        };
      }
      const res = await api.post<{ call: Call; report: Report | null }>('/hotline/calls', body);
      setDone({ code: res.report?.code, outcome: v.outcome });
      message.success(res.report ? `Đã tạo phản ánh ${res.report.code}` : 'Đã ghi nhận cuộc gọi');
      // Ready for the next call of the same caller; the history shows what was just filed.
      form.resetFields();
      setAttachmentIds([]);
      setUploadKey((k) => k + 1);
      setStartedAt(null);
      callId.current = crypto.randomUUID();
      void loadHistory(phone);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={
            <span>
              <PhoneOutlined /> Người gọi
            </span>
          }
        >
          <Form layout="vertical" component="div">
            <Form.Item
              label="Số điện thoại người gọi"
              htmlFor="caller-phone"
              extra="Nhập đủ số để xem lịch sử phản ánh và cuộc gọi"
            >
              <Input
                id="caller-phone"
                inputMode="tel"
                value={phone}
                onChange={(e) => onPhone(e.target.value)}
                placeholder="Ví dụ: 0912 345 678"
                allowClear
                autoFocus
              />
            </Form.Item>
          </Form>
          {startedAt && (
            <Typography.Paragraph type="secondary">
              Cuộc gọi bắt đầu lúc {formatDateTime(startedAt)}
            </Typography.Paragraph>
          )}
          {historyError && <Alert type="warning" showIcon title={historyError} />}
          {!lookupable(phone) && !historyError && (
            <Empty description="Nhập số điện thoại để tra cứu" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          {lookupable(phone) && (
            <section aria-label="Lịch sử người gọi" aria-busy={historyLoading}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                Phản ánh trước đây ({history?.total ?? 0})
              </Typography.Title>
              <Table<Report>
                size="small"
                rowKey="id"
                loading={historyLoading}
                dataSource={history?.reports ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: 'Người gọi chưa có phản ánh nào' }}
                data-testid="caller-reports"
                columns={[
                  { title: 'Mã', dataIndex: 'code' },
                  { title: 'Lĩnh vực', render: (_, r) => categoryName(r.categoryId) },
                  { title: 'Trạng thái', render: (_, r) => <StatusTag status={r.status} /> },
                  { title: 'Ngày gửi', render: (_, r) => formatDateTime(r.createdAt) },
                ]}
                expandable={{
                  expandedRowRender: (r) => (
                    <Typography.Paragraph style={{ margin: 0 }}>{r.description}</Typography.Paragraph>
                  ),
                }}
              />
              <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
                Các cuộc gọi trước
              </Typography.Title>
              <Table<Call>
                size="small"
                rowKey="id"
                loading={historyLoading}
                dataSource={history?.calls ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: 'Chưa có cuộc gọi nào' }}
                columns={[
                  { title: 'Thời gian', render: (_, c) => formatDateTime(c.startedAt) },
                  { title: 'Kết quả', render: (_, c) => <Tag>{OUTCOME_LABEL[c.outcome] ?? c.outcome}</Tag> },
                  { title: 'Ghi chú', dataIndex: 'notes', ellipsis: true },
                ]}
              />
            </section>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="Ghi nhận cuộc gọi" extra={<Button onClick={newCall}>Cuộc gọi mới</Button>}>
          {done && (
            <Alert
              type="success"
              showIcon
              role="status"
              data-testid="call-done"
              style={{ marginBottom: 16 }}
              title={
                done.code
                  ? `Đã ghi nhận cuộc gọi và tạo phản ánh ${done.code}`
                  : `Đã ghi nhận cuộc gọi (${OUTCOME_LABEL[done.outcome]})`
              }
            />
          )}
          <Form<CallForm>
            form={form}
            name="call"
            layout="vertical"
            onFinish={submit}
            initialValues={{ outcome: 'new_report', priority: 'normal', allowContact: true, isPublic: true }}
            scrollToFirstError
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label="Họ tên người gọi" name="callerName">
                  <Input autoComplete="off" maxLength={120} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="Kết quả cuộc gọi" name="outcome" rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    options={Object.entries(OUTCOME_LABEL).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            {outcome === 'existing_report' && (
              <Form.Item
                label="Phản ánh được hỏi"
                name="reportId"
                rules={[{ required: true, message: 'Chọn phản ánh người gọi hỏi' }]}
              >
                <Select
                  placeholder={history?.reports.length ? 'Chọn phản ánh' : 'Người gọi chưa có phản ánh'}
                  options={(history?.reports ?? []).map((r) => ({
                    value: r.id,
                    label: `${r.code} — ${r.description.slice(0, 60)}`,
                  }))}
                />
              </Form.Item>
            )}
            {outcome === 'new_report' && (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontWeight: 600, marginBottom: 8, fontSize: 15 }}>Nội dung phản ánh</legend>
                <Row gutter={12}>
                  <Col xs={24} md={16}>
                    <Form.Item
                      label="Lĩnh vực"
                      name="categoryId"
                      rules={[{ required: true, message: 'Chọn lĩnh vực' }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder="Chọn lĩnh vực"
                        options={activeCategories.map((c) => ({ value: c.id, label: c.name }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item label="Mức độ" name="priority">
                      <Select options={Object.entries(PRIORITY_LABEL).map(([value, label]) => ({ value, label }))} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label="Mô tả sự việc"
                  name="description"
                  rules={[{ required: true, whitespace: true, message: 'Nhập nội dung phản ánh' }]}
                >
                  <Input.TextArea rows={3} maxLength={5000} showCount />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item label="Xã, phường" name="communeCode" htmlFor="call-commune">
                      <CommuneSelect id="call-commune" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item
                      label="Địa chỉ"
                      name="address"
                      dependencies={['lat', 'lng']}
                      rules={[
                        {
                          required: !!communeCode && !point,
                          whitespace: true,
                          message: 'Nhập địa chỉ (hoặc chọn vị trí trên bản đồ)',
                        },
                      ]}
                    >
                      <Input maxLength={500} placeholder="Số nhà, tổ, đường, thôn, xóm" />
                    </Form.Item>
                  </Col>
                </Row>
                <Typography.Paragraph id="map-help" type="secondary" style={{ marginBottom: 6 }}>
                  Bấm lên bản đồ để chọn vị trí, hoặc nhập tọa độ. Không có bản đồ: chọn xã, phường và nhập địa chỉ.
                </Typography.Paragraph>
                <MapPicker value={point} onChange={(p) => form.setFieldsValue({ lat: p.lat, lng: p.lng })} />
                <Row gutter={12} style={{ marginTop: 12 }}>
                  <Col xs={12}>
                    <Form.Item
                      label="Vĩ độ"
                      name="lat"
                      dependencies={['communeCode']}
                      rules={[
                        { required: !communeCode, message: 'Chọn vị trí, hoặc xã, phường và địa chỉ' },
                        { type: 'number', min: 8, max: 23.5, message: 'Ngoài lãnh thổ Việt Nam' },
                      ]}
                    >
                      <InputNumber style={{ width: '100%' }} step={0.0001} precision={6} aria-describedby="map-help" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item
                      label="Kinh độ"
                      name="lng"
                      dependencies={['communeCode']}
                      rules={[
                        { required: !communeCode, message: 'Chọn vị trí, hoặc xã, phường và địa chỉ' },
                        { type: 'number', min: 102, max: 117.9, message: 'Ngoài lãnh thổ Việt Nam' },
                      ]}
                    >
                      <InputNumber style={{ width: '100%' }} step={0.0001} precision={6} aria-describedby="map-help" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item label="Ảnh, video hiện trường">
                  <PhotoUpload key={uploadKey} onChange={setAttachmentIds} />
                </Form.Item>
                <Space size="large" wrap>
                  <Form.Item label="Đồng ý để cơ quan liên hệ" name="allowContact" valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item label="Công khai phản ánh" name="isPublic" valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Space>
              </fieldset>
            )}
            <Form.Item label="Ghi chú cuộc gọi" name="notes">
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} size="large">
              {outcome === 'new_report' ? 'Lưu cuộc gọi và tạo phản ánh' : 'Lưu cuộc gọi'}
            </Button>
          </Form>
        </Card>
        {history && history.reports.some((r) => r.dueAt) && (
          <Card size="small" title="Phản ánh đang mở của người gọi" style={{ marginTop: 16 }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {history.reports
                .filter((r) => !FINAL_STATUSES.includes(r.status))
                .map((r) => (
                  <Space key={r.id} wrap>
                    <Typography.Text strong>{r.code}</Typography.Text>
                    <StatusTag status={r.status} />
                    <DueBadge dueAt={r.dueAt} />
                  </Space>
                ))}
            </Space>
          </Card>
        )}
      </Col>
    </Row>
  );
}

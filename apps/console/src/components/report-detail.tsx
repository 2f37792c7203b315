// The report a desk is working on: facts, description, photos, map, result, timeline; the desk adds its actions.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Empty, Form, Modal, Row, Skeleton, Typography } from 'antd';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { Report, TimelineEvent } from '../lib/reports';
import { useLoader } from '../lib/reports';
import { MapView } from './map';
import { Photos, ReportFacts, ReportTimeline } from './report-parts';

export function useReportDetail(id: string | null, version?: number) {
  return useLoader(async () => {
    if (!id) return null;
    const [report, timeline] = await Promise.all([
      api.get<Report>(`/reports/${id}`),
      api.get<TimelineEvent[]>(`/reports/${id}/timeline`),
    ]);
    return { report, timeline };
  }, [id, version]);
}

export function ReportBody({ report, extra }: { report: Report; extra?: ReactNode }) {
  return (
    <>
      <ReportFacts report={report} />
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          {report.title && (
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {report.title}
            </Typography.Title>
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }} data-testid="report-description">
            {report.description}
          </Typography.Paragraph>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            Ảnh hiện trường
          </Typography.Title>
          <Photos attachments={report.attachments} label={`Ảnh phản ánh ${report.code}`} />
        </Col>
        <Col xs={24} xl={10}>
          <MapView
            point={report.location}
            label={`Vị trí phản ánh ${report.code}: ${report.address ?? ''}`}
            height={200}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Tọa độ {report.location.lat.toFixed(5)}, {report.location.lng.toFixed(5)}
          </Typography.Text>
        </Col>
      </Row>
      {report.result && (
        <Card size="small" title={`Kết quả xử lý (${formatDateTime(report.result.at)})`} style={{ marginTop: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.result.text}</Typography.Paragraph>
          <Photos attachments={report.result.attachments} label="Ảnh kết quả" />
        </Card>
      )}
      {report.extensionRequest && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={`Cơ quan xin gia hạn ${report.extensionRequest.workingDays} ngày làm việc`}
          description={report.extensionRequest.reason}
        />
      )}
      {extra}
    </>
  );
}

export function DetailShell({
  loading,
  error,
  report,
  timeline,
  actions,
  extra,
  emptyText,
}: {
  loading: boolean;
  error: string | null;
  report: Report | null | undefined;
  timeline: TimelineEvent[] | undefined;
  actions?: ReactNode;
  extra?: ReactNode;
  emptyText: string;
}) {
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!report) return loading ? <Skeleton active /> : <Empty description={emptyText} />;
  return (
    <div aria-busy={loading}>
      {actions && (
        <div className="pa-actions" role="toolbar" aria-label="Thao tác" style={{ marginBottom: 12 }}>
          {actions}
        </div>
      )}
      <ReportBody report={report} extra={extra} />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        Diễn biến xử lý
      </Typography.Title>
      <ReportTimeline events={timeline} />
    </div>
  );
}

export interface PromptField {
  name: string;
  label: string;
  input: ReactNode;
  required?: boolean;
  initialValue?: unknown;
  valuePropName?: string;
}

/** A small modal form for an action's input (reason, question, result…). Resolves on a successful submit. */
export function PromptModal({
  open,
  title,
  okText,
  fields,
  onSubmit,
  onClose,
  danger,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  fields: PromptField[];
  onSubmit: (values: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
  danger?: boolean;
  children?: ReactNode;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  // Field ids are prefixed with the form's name: two modals' "reason" fields must not share an id.
  const formName = `prompt${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="Hủy bỏ"
      okButtonProps={{ danger, loading: busy }}
      onCancel={onClose}
      destroyOnHidden
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        name={formName}
        layout="vertical"
        onFinish={async (values) => {
          setBusy(true);
          try {
            await onSubmit(values);
            onClose();
          } finally {
            setBusy(false);
          }
        }}
      >
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            initialValue={f.initialValue}
            valuePropName={f.valuePropName}
            rules={f.required ? [{ required: true, message: `Vui lòng nhập ${f.label.toLowerCase()}` }] : undefined}
          >
            {f.input}
          </Form.Item>
        ))}
        {children}
      </Form>
    </Modal>
  );
}

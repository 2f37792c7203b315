// The body of a case: facts and deadlines, description, photos, map, result, a pending extension; and the small
// modal form every action's input uses.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Form, Modal, Row, Typography } from 'antd';
import type { ReportView } from '../lib/client';
import { formatDateTime } from '../lib/format';
import { MapView } from './map';
import { Photos, ReportFacts } from './report-parts';

export function ReportBody({ report }: { report: ReportView }) {
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
          {report.location ? (
            <>
              <MapView
                point={report.location}
                label={`Vị trí phản ánh ${report.code}: ${report.address ?? ''}`}
                height={200}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                Tọa độ {report.location.lat.toFixed(5)}, {report.location.lng.toFixed(5)}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">Phản ánh chỉ có địa chỉ, chưa có tọa độ trên bản đồ</Typography.Text>
          )}
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
    </>
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

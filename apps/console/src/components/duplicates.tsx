// Duplicates of a report being screened: the candidates the server finds nearby with similar text, side by side
// with the report, and a search by code for one it did not find.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../lib/api';
import { client, data, type ReportView } from '../lib/client';
import { formatNumber } from '../lib/format';
import { PromptModal } from './report-detail';
import { Photos, StatusTag } from './report-parts';

/** Duplicate candidates beside the report being screened (GET /reports/:id/duplicate-candidates). */
export function DuplicateCandidates({ report, onMark }: { report: ReportView; onMark: (id: string) => void }) {
  const candidates = useQuery({
    queryKey: ['report', report.id, 'duplicates'],
    queryFn: () =>
      data(client.GET('/api/v1/reports/{id}/duplicate-candidates', { params: { path: { id: report.id } } })),
  });
  const items = candidates.data;
  return (
    <Card size="small" title="Phản ánh có thể trùng" style={{ marginTop: 16 }} data-testid="duplicates">
      {candidates.error && <Typography.Text type="danger">{errorText(candidates.error)}</Typography.Text>}
      {items && !items.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không thấy phản ánh nào gần đó có nội dung tương tự" />
      )}
      {items && items.length > 0 && (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <div className="pa-candidate" aria-label="Phản ánh đang xét">
              <Typography.Text strong>{report.code} (đang xét)</Typography.Text>
              <Typography.Paragraph style={{ margin: '6px 0' }}>{report.description}</Typography.Paragraph>
              <Photos attachments={report.attachments} />
            </div>
          </Col>
          <Col xs={24} md={12}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((c) => (
                <div key={c.report.id} className="pa-candidate">
                  <Space wrap>
                    <Typography.Text strong>{c.report.code}</Typography.Text>
                    <StatusTag status={c.report.status} />
                    <Tag>cách {formatNumber(c.distanceM)} m</Tag>
                    <Tag color="blue">điểm trùng {formatNumber(c.score * 100)}%</Tag>
                  </Space>
                  <Typography.Paragraph style={{ margin: '6px 0' }} ellipsis={{ rows: 3 }}>
                    {c.report.description}
                  </Typography.Paragraph>
                  <Photos attachments={c.report.attachments} />
                  <div>
                    <Popconfirm
                      title={`Hủy ${report.code} vì trùng với ${c.report.code}?`}
                      okText="Đánh dấu trùng"
                      cancelText="Hủy bỏ"
                      onConfirm={() => onMark(c.report.id)}
                    >
                      <Button
                        size="small"
                        style={{ marginTop: 6 }}
                        aria-label={`Đánh dấu ${report.code} trùng với ${c.report.code}`}
                      >
                        Trùng với phản ánh này
                      </Button>
                    </Popconfirm>
                  </div>
                </div>
              ))}
            </Space>
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** Marks a duplicate of a report named by its code (when it is not among the candidates). */
export function MarkDuplicateModal({
  open,
  report,
  onClose,
  onMark,
}: {
  open: boolean;
  report: ReportView;
  onClose: () => void;
  onMark: (id: string) => Promise<void>;
}) {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<ReportView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setCode('');
      setFound(undefined);
    }
  }, [open]);
  const look = async () => {
    const wanted = code.trim().toUpperCase();
    const res = await data(client.GET('/api/v1/reports', { params: { query: { q: wanted, pageSize: 5 } } }));
    setFound(res.items.find((r) => r.code === wanted && r.id !== report.id) ?? null);
  };
  return (
    <PromptModal
      open={open}
      title="Đánh dấu phản ánh trùng"
      okText="Đánh dấu trùng"
      onClose={onClose}
      fields={[]}
      onSubmit={async () => {
        if (!found) throw new Error('no master');
        setBusy(true);
        try {
          await onMark(found.id);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.Item label="Mã phản ánh gốc" htmlFor="dup-code">
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id="dup-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="PA-2026-000123"
            onPressEnter={() => void look()}
          />
          <Button onClick={() => void look()} loading={busy}>
            Tìm
          </Button>
        </Space.Compact>
      </Form.Item>
      {found === null && <Typography.Text type="danger">Không tìm thấy phản ánh có mã này</Typography.Text>}
      {found && (
        <div className="pa-candidate">
          <Space>
            <Typography.Text strong>{found.code}</Typography.Text>
            <StatusTag status={found.status} />
          </Space>
          <Typography.Paragraph style={{ margin: '6px 0' }}>{found.description}</Typography.Paragraph>
        </div>
      )}
    </PromptModal>
  );
}

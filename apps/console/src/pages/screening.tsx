// Sàng lọc: the centre's queues, live. New reports (received, oldest first) to assign, ask about, reject or
// mark as duplicate; agencies' results (pending_review) to approve or send back; extension requests to decide.
import { useEffect, useRef, useState } from 'react';
import {
  App, Badge, Button, Card, Col, Empty, Form, Input, Popconfirm, Radio, Row, Select, Space, Tabs, Tag,
  Typography,
} from 'antd';
import { api, errorText, isMissingRoute, type Page } from '../lib/api';
import { formatNumber } from '../lib/format';
import { useLiveEvents } from '../lib/realtime';
import { useReference } from '../lib/reference';
import { act, useLoader, type DuplicateCandidate, type Report } from '../lib/reports';
import { DetailShell, PromptModal, useReportDetail } from '../components/report-detail';
import { ReportQueue, useNow } from '../components/queue';
import { Photos, StatusTag, Unavailable } from '../components/report-parts';

type QueueKey = 'received' | 'pending_review';

const QUEUES: Record<QueueKey, { label: string; query: Record<string, string> ; empty: string }> = {
  received: { label: 'Chờ sàng lọc', query: { status: 'received', sort: 'created_asc' }, empty: 'Không có phản ánh nào chờ sàng lọc' },
  pending_review: { label: 'Chờ duyệt kết quả', query: { status: 'pending_review', sort: 'due_asc' }, empty: 'Không có kết quả nào chờ duyệt' },
};

/** Refetches at most every 300 ms however many events arrive together. */
function useCoalesced(fn: () => void, ms = 300): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  };
}

export function ScreeningDesk() {
  const now = useNow();
  const [queue, setQueue] = useState<QueueKey>('received');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);

  const lists = useLoader(async () => {
    const [received, review] = await Promise.all([
      api.get<Page<Report>>('/reports', { ...QUEUES.received.query, pageSize: 100 }),
      api.get<Page<Report>>('/reports', { ...QUEUES.pending_review.query, pageSize: 100 }),
    ]);
    return { received, pending_review: review };
  }, []);

  const refetch = useCoalesced(() => void lists.reload());
  useLiveEvents(['report.created', 'report.status_changed', 'report.updated', 'report.overdue'], (_event, payload) => {
    refetch();
    if (payload.reportId === selectedId) setDetailVersion((v) => v + 1);
  });

  const current = lists.data?.[queue];
  const items = current?.items ?? [];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card
          title="Hàng chờ"
          extra={<Button size="small" onClick={() => void lists.reload()} aria-label="Tải lại hàng chờ">Tải lại</Button>}
        >
          <Tabs
            activeKey={queue}
            onChange={(k) => {
              setQueue(k as QueueKey);
              setSelectedId(null);
            }}
            items={(Object.keys(QUEUES) as QueueKey[]).map((k) => ({
              key: k,
              label: (
                <span>
                  {QUEUES[k].label}{' '}
                  <Badge count={lists.data?.[k].total ?? 0} showZero color={k === 'received' ? '#d48806' : '#08979c'} />
                </span>
              ),
            }))}
          />
          {lists.error && <Typography.Text type="danger">{lists.error}</Typography.Text>}
          <ReportQueue
            reports={items}
            selectedId={selectedId}
            onSelect={setSelectedId}
            loading={lists.loading}
            emptyText={QUEUES[queue].empty}
            label={QUEUES[queue].label}
            now={now}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        <ScreeningDetail
          key={selectedId ?? 'none'}
          id={selectedId}
          version={detailVersion}
          onDone={() => {
            setSelectedId(null);
            void lists.reload();
          }}
        />
      </Col>
    </Row>
  );
}

function ScreeningDetail({ id, version, onDone }: { id: string | null; version: number; onDone: () => void }) {
  const { message } = App.useApp();
  const { agencies, agencyName, categories } = useReference();
  const detail = useReportDetail(id, version);
  const report = detail.data?.report ?? null;
  const [agencyId, setAgencyId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [modal, setModal] = useState<null | 'request_info' | 'reject' | 'duplicate' | 'send_back' | 'deny_extension'>(null);
  const [busy, setBusy] = useState(false);

  const suggestion = report?.suggestedAgencyId ?? categories.find((c) => c.id === report?.categoryId)?.defaultAgencyId ?? undefined;
  useEffect(() => {
    if (report) setAgencyId(report.agencyId ?? suggestion ?? undefined);
  }, [report?.id, suggestion]); // preselect once per report, not after each refetch of the same one

  const run = async (slug: string, body: Record<string, unknown> = {}, done = true) => {
    if (!report) return;
    setBusy(true);
    try {
      const updated = await act(report, slug, body);
      message.success(`${report.code}: đã cập nhật`);
      if (done && updated.status !== report.status) onDone();
      else void detail.reload();
    } catch (e) {
      message.error(errorText(e));
      void detail.reload();
      throw e;
    } finally {
      setBusy(false);
    }
  };

  const activeAgencies = agencies.filter((a) => a.isActive);
  const received = report?.status === 'received';
  const needInfo = report?.status === 'need_info';
  const pending = report?.status === 'pending_review';

  const actions = report && (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {(received || report.status === 'assigned' || report.status === 'in_progress') && (
        <Card size="small" title={received ? 'Chuyển cơ quan xử lý' : 'Chuyển lại cơ quan khác'}>
          <Form layout="vertical" component="div">
            <Row gutter={12} align="bottom">
              <Col xs={24} md={12}>
                <Form.Item
                  label="Cơ quan xử lý"
                  htmlFor="assign-agency"
                  extra={suggestion ? `Gợi ý theo địa bàn/lĩnh vực: ${agencyName(suggestion)}` : 'Chưa có gợi ý'}
                  style={{ marginBottom: 8 }}
                >
                  <Select
                    id="assign-agency"
                    value={agencyId}
                    onChange={setAgencyId}
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="Chọn cơ quan"
                    options={activeAgencies.map((a) => ({
                      value: a.id,
                      label: a.id === suggestion ? `${a.name} (gợi ý)` : a.name,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="Ghi chú cho cơ quan" htmlFor="assign-note" style={{ marginBottom: 8 }}>
                  <Input id="assign-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              disabled={!agencyId || agencyId === report.agencyId}
              loading={busy}
              onClick={() => void run('assign', { agencyId, note: note.trim() || undefined }).catch(() => undefined)}
            >
              Chuyển xử lý
            </Button>
          </Form>
        </Card>
      )}
      <Space wrap>
        {received && <Button onClick={() => setModal('request_info')}>Yêu cầu bổ sung thông tin</Button>}
        {(received || needInfo) && <Button danger onClick={() => setModal('reject')}>Từ chối</Button>}
        {(received || needInfo || report.status === 'assigned') && <Button onClick={() => setModal('duplicate')}>Đánh dấu trùng</Button>}
        {pending && (
          <Popconfirm
            title="Duyệt và công khai kết quả cho người dân?"
            okText="Duyệt"
            cancelText="Hủy bỏ"
            onConfirm={() => run('approve-result').catch(() => undefined)}
          >
            <Button type="primary">Duyệt kết quả</Button>
          </Popconfirm>
        )}
        {pending && <Button onClick={() => setModal('send_back')}>Yêu cầu xử lý lại</Button>}
        {report.extensionRequest && (
          <>
            <Button onClick={() => void run('approve-extension', {}, false).catch(() => undefined)}>Đồng ý gia hạn</Button>
            <Button danger onClick={() => setModal('deny_extension')}>Từ chối gia hạn</Button>
          </>
        )}
      </Space>
    </Space>
  );

  return (
    <Card title={report ? `Phản ánh ${report.code}` : 'Chi tiết phản ánh'} extra={report && <StatusTag status={report.status} />}>
      <DetailShell
        loading={detail.loading}
        error={detail.error}
        report={id ? report : null}
        timeline={detail.data?.timeline}
        emptyText="Chọn một phản ánh trong hàng chờ"
        actions={actions}
        extra={report && received && <DuplicateCandidates report={report} onMark={(dupId) => run('mark-duplicate', { duplicateOfId: dupId }).catch(() => undefined)} />}
      />
      <PromptModal
        open={modal === 'request_info'}
        title="Yêu cầu người dân bổ sung thông tin"
        okText="Gửi yêu cầu"
        onClose={() => setModal(null)}
        onSubmit={(v) => run('request-info', { question: String(v.question).trim() })}
        fields={[{ name: 'question', label: 'Nội dung cần bổ sung', required: true, input: <Input.TextArea rows={3} maxLength={2000} /> }]}
      />
      <PromptModal
        open={modal === 'reject'}
        title="Từ chối phản ánh"
        okText="Từ chối"
        danger
        onClose={() => setModal(null)}
        onSubmit={(v) => run('reject', { reason: v.reason, note: String(v.note).trim() })}
        fields={[
          {
            name: 'reason',
            label: 'Lý do',
            required: true,
            initialValue: 'not_eligible',
            input: (
              <Radio.Group
                options={[
                  { value: 'not_eligible', label: 'Không thuộc phạm vi tiếp nhận' },
                  { value: 'spam', label: 'Tin rác' },
                ]}
              />
            ),
          },
          {
            name: 'note',
            label: 'Giải thích cho người dân',
            required: true,
            input: <Input.TextArea rows={3} maxLength={2000} placeholder="Ví dụ: nội dung là khiếu nại, đề nghị gửi qua bộ phận tiếp công dân" />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'send_back'}
        title="Yêu cầu cơ quan xử lý lại"
        okText="Gửi lại cơ quan"
        onClose={() => setModal(null)}
        onSubmit={(v) => run('send-back', { reason: String(v.reason).trim() })}
        fields={[{ name: 'reason', label: 'Lý do', required: true, input: <Input.TextArea rows={3} maxLength={2000} /> }]}
      />
      <PromptModal
        open={modal === 'deny_extension'}
        title="Từ chối gia hạn"
        okText="Từ chối gia hạn"
        danger
        onClose={() => setModal(null)}
        onSubmit={(v) => run('deny-extension', { reason: String(v.reason).trim() }, false)}
        fields={[{ name: 'reason', label: 'Lý do', required: true, input: <Input.TextArea rows={3} maxLength={2000} /> }]}
      />
      <MarkDuplicateModal
        open={modal === 'duplicate'}
        report={report}
        onClose={() => setModal(null)}
        onMark={(dupId) => run('mark-duplicate', { duplicateOfId: dupId })}
      />
    </Card>
  );
}

/** Duplicate candidates beside the report being screened (GET /reports/:id/duplicate-candidates). */
function DuplicateCandidates({ report, onMark }: { report: Report; onMark: (id: string) => void }) {
  const [state, setState] = useState<{ items?: DuplicateCandidate[]; missing?: boolean; error?: string }>({});
  useEffect(() => {
    let live = true;
    api
      .get<DuplicateCandidate[] | { items: DuplicateCandidate[] }>(`/reports/${report.id}/duplicate-candidates`)
      .then((r) => live && setState({ items: Array.isArray(r) ? r : (r.items ?? []) }))
      .catch((e) => live && setState(isMissingRoute(e) ? { missing: true } : { error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [report.id]);

  return (
    <Card size="small" title="Phản ánh có thể trùng" style={{ marginTop: 16 }} data-testid="duplicates">
      {state.missing && <Unavailable what="Chức năng tìm phản ánh trùng" />}
      {state.error && <Typography.Text type="danger">{state.error}</Typography.Text>}
      {state.items && !state.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không thấy phản ánh nào gần đó có nội dung tương tự" />}
      {state.items && state.items.length > 0 && (
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
              {state.items.map((c) => (
                <div key={c.report.id} className="pa-candidate">
                  <Space wrap>
                    <Typography.Text strong>{c.report.code}</Typography.Text>
                    <StatusTag status={c.report.status} />
                    <Tag>cách {formatNumber(c.distanceM)} m</Tag>
                    <Tag color="blue">điểm trùng {formatNumber(c.score * (c.score <= 1 ? 100 : 1))}%</Tag>
                  </Space>
                  <Typography.Paragraph style={{ margin: '6px 0' }} ellipsis={{ rows: 3 }}>{c.report.description}</Typography.Paragraph>
                  <Photos attachments={c.report.attachments ?? []} />
                  <div>
                    <Popconfirm
                      title={`Hủy ${report.code} vì trùng với ${c.report.code}?`}
                      okText="Đánh dấu trùng"
                      cancelText="Hủy bỏ"
                      onConfirm={() => onMark(c.report.id)}
                    >
                      <Button size="small" style={{ marginTop: 6 }} aria-label={`Đánh dấu ${report.code} trùng với ${c.report.code}`}>
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
function MarkDuplicateModal({
  open, report, onClose, onMark,
}: { open: boolean; report: Report | null; onClose: () => void; onMark: (id: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Report | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setCode('');
      setFound(undefined);
    }
  }, [open]);
  const look = async () => {
    const res = await api.get<Page<Report>>('/reports', { q: code.trim(), pageSize: 5 });
    setFound(res.items.find((r) => r.code === code.trim().toUpperCase() && r.id !== report?.id) ?? null);
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
          <Input id="dup-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="PA-2026-000123" onPressEnter={() => void look()} />
          <Button onClick={() => void look()} loading={busy}>Tìm</Button>
        </Space.Compact>
      </Form.Item>
      {found === null && <Typography.Text type="danger">Không tìm thấy phản ánh có mã này</Typography.Text>}
      {found && (
        <div className="pa-candidate">
          <Space><Typography.Text strong>{found.code}</Typography.Text><StatusTag status={found.status} /></Space>
          <Typography.Paragraph style={{ margin: '6px 0' }}>{found.description}</Typography.Paragraph>
        </div>
      )}
    </PromptModal>
  );
}


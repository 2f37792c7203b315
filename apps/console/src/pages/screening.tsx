// Sàng lọc: the centre's queues, live. New reports (received, oldest first) to assign, ask about, reject or
// mark as duplicate; agencies' results (pending_review) to approve or send back; cases with an agency, by
// deadline, to reassign, urge or decide an extension for. Which buttons show is the report's allowedActions.
import { useEffect, useRef, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ACTIONS, STATUS_LABEL, type ActionName, type BodyOfAction } from '@app/workflow';
import { api, errorText, isMissingRoute, type Page } from '../lib/api';
import { formatNumber } from '../lib/format';
import { useLiveEvents } from '../lib/realtime';
import { cancelReasonLabel } from '../lib/labels';
import { useReference } from '../lib/reference';
import { act, can, useLoader, type DuplicateCandidate, type Report } from '../lib/reports';
import { DetailShell, PromptModal, useReportDetail } from '../components/report-detail';
import { ReportQueue, useNow } from '../components/queue';
import { Photos, StatusTag, Unavailable } from '../components/report-parts';

type QueueKey = 'received' | 'pending_review' | 'handling';

// `tab` is short: three tabs share the queue column's width.
const QUEUES: Record<
  QueueKey,
  { label: string; tab: string; query: Record<string, string>; empty: string; color: string }
> = {
  received: {
    label: STATUS_LABEL.received,
    tab: STATUS_LABEL.received,
    query: { status: 'received', sort: 'created_asc' },
    empty: 'Không có phản ánh nào chờ sàng lọc',
    color: '#d48806',
  },
  pending_review: {
    label: STATUS_LABEL.pending_review,
    tab: 'Chờ duyệt',
    query: { status: 'pending_review', sort: 'due_asc' },
    empty: 'Không có kết quả nào chờ duyệt',
    color: '#08979c',
  },
  handling: {
    label: 'Cơ quan đang xử lý',
    tab: 'Đang xử lý',
    query: { status: 'assigned,in_progress', sort: 'due_asc' },
    empty: 'Không có vụ việc nào đang ở cơ quan xử lý',
    color: '#0b5cad',
  },
};
const QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];

/** Limits of the inputs: the action's own fields (one limit per rule, shared with the server). */
const REASON_MAX = ACTIONS.send_back.body.reason.maxLength;

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
    const pages = await Promise.all(
      QUEUE_KEYS.map((k) => api.get<Page<Report>>('/reports', { ...QUEUES[k].query, pageSize: 100 })),
    );
    return Object.fromEntries(QUEUE_KEYS.map((k, i) => [k, pages[i]])) as Record<QueueKey, Page<Report>>;
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
          extra={
            <Button size="small" onClick={() => void lists.reload()} aria-label="Tải lại hàng chờ">
              Tải lại
            </Button>
          }
        >
          <Tabs
            tabBarGutter={16}
            activeKey={queue}
            onChange={(k) => {
              setQueue(k as QueueKey);
              setSelectedId(null);
            }}
            items={QUEUE_KEYS.map((k) => ({
              key: k,
              label: (
                <span title={QUEUES[k].label}>
                  {QUEUES[k].tab} <Badge count={lists.data?.[k].total ?? 0} showZero color={QUEUES[k].color} />
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
  const [modal, setModal] = useState<
    null | 'request_info' | 'reject' | 'duplicate' | 'send_back' | 'deny_extension' | 'urge'
  >(null);
  const [busy, setBusy] = useState(false);

  const suggestion =
    report?.suggestedAgencyId ?? categories.find((c) => c.id === report?.categoryId)?.defaultAgencyId ?? undefined;
  useEffect(() => {
    if (report) setAgencyId(report.agencyId ?? suggestion ?? undefined);
  }, [report?.id, suggestion]); // preselect once per report, not after each refetch of the same one

  const run = async <A extends ActionName>(action: A, body: BodyOfAction<A>, done = true) => {
    if (!report) return;
    setBusy(true);
    try {
      const updated = await act(report, action, body);
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

  const actions = report && (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can(report, 'assign') && (
        <Card size="small" title={report.agencyId ? 'Chuyển lại cơ quan khác' : 'Chuyển cơ quan xử lý'}>
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
                  <Input
                    id="assign-note"
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    maxLength={ACTIONS.assign.body.note.maxLength}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              disabled={!agencyId || agencyId === report.agencyId}
              loading={busy}
              onClick={() =>
                agencyId && void run('assign', { agencyId, note: note.trim() || undefined }).catch(() => undefined)
              }
            >
              {ACTIONS.assign.label}
            </Button>
          </Form>
        </Card>
      )}
      <Space wrap>
        {can(report, 'request_info') && (
          <Button onClick={() => setModal('request_info')}>{ACTIONS.request_info.label}</Button>
        )}
        {can(report, 'reject') && (
          <Button danger onClick={() => setModal('reject')}>
            {ACTIONS.reject.label}
          </Button>
        )}
        {can(report, 'mark_duplicate') && (
          <Button onClick={() => setModal('duplicate')}>{ACTIONS.mark_duplicate.label}</Button>
        )}
        {can(report, 'approve_result') && (
          <Popconfirm
            title="Duyệt và công khai kết quả cho người dân?"
            okText="Duyệt"
            cancelText="Hủy bỏ"
            onConfirm={() => run('approve_result', {}).catch(() => undefined)}
          >
            <Button type="primary">{ACTIONS.approve_result.label}</Button>
          </Popconfirm>
        )}
        {can(report, 'send_back') && <Button onClick={() => setModal('send_back')}>{ACTIONS.send_back.label}</Button>}
        {can(report, 'approve_extension') && (
          <Button onClick={() => void run('approve_extension', {}, false).catch(() => undefined)}>
            {ACTIONS.approve_extension.label} ({report.extensionRequest?.workingDays} ngày)
          </Button>
        )}
        {can(report, 'deny_extension') && (
          <Button danger onClick={() => setModal('deny_extension')}>
            {ACTIONS.deny_extension.label}
          </Button>
        )}
        {can(report, 'urge') && <Button onClick={() => setModal('urge')}>{ACTIONS.urge.label}</Button>}
      </Space>
    </Space>
  );

  return (
    <Card
      title={report ? `Phản ánh ${report.code}` : 'Chi tiết phản ánh'}
      extra={report && <StatusTag status={report.status} />}
    >
      <DetailShell
        loading={detail.loading}
        error={detail.error}
        report={id ? report : null}
        timeline={detail.data?.timeline}
        emptyText="Chọn một phản ánh trong hàng chờ"
        actions={actions}
        extra={
          report &&
          report.status === 'received' &&
          can(report, 'mark_duplicate') && (
            <DuplicateCandidates
              report={report}
              onMark={(dupId) => run('mark_duplicate', { duplicateOfId: dupId }).catch(() => undefined)}
            />
          )
        }
      />
      <PromptModal
        open={modal === 'request_info'}
        title="Yêu cầu người dân bổ sung thông tin"
        okText="Gửi yêu cầu"
        onClose={() => setModal(null)}
        onSubmit={(v) => run('request_info', { question: String(v.question).trim() })}
        fields={[
          {
            name: 'question',
            label: 'Nội dung cần bổ sung',
            required: true,
            input: <Input.TextArea rows={3} maxLength={ACTIONS.request_info.body.question.maxLength} />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'reject'}
        title="Từ chối phản ánh"
        okText="Từ chối"
        danger
        onClose={() => setModal(null)}
        onSubmit={(v) =>
          run('reject', { reason: v.reason as BodyOfAction<'reject'>['reason'], note: String(v.note).trim() })
        }
        fields={[
          {
            name: 'reason',
            label: 'Lý do',
            required: true,
            initialValue: 'not_eligible',
            input: (
              <Radio.Group
                options={ACTIONS.reject.body.reason.values.map((value) => ({ value, label: cancelReasonLabel(value) }))}
              />
            ),
          },
          {
            name: 'note',
            label: 'Giải thích cho người dân',
            required: true,
            input: (
              <Input.TextArea
                rows={3}
                maxLength={ACTIONS.reject.body.note.maxLength}
                placeholder="Ví dụ: nội dung là khiếu nại, đề nghị gửi qua bộ phận tiếp công dân"
              />
            ),
          },
        ]}
      />
      <PromptModal
        open={modal === 'send_back'}
        title="Yêu cầu cơ quan xử lý lại"
        okText="Gửi lại cơ quan"
        onClose={() => setModal(null)}
        onSubmit={(v) => run('send_back', { reason: String(v.reason).trim() })}
        fields={[
          { name: 'reason', label: 'Lý do', required: true, input: <Input.TextArea rows={3} maxLength={REASON_MAX} /> },
        ]}
      />
      <PromptModal
        open={modal === 'deny_extension'}
        title="Từ chối gia hạn"
        okText="Từ chối gia hạn"
        danger
        onClose={() => setModal(null)}
        onSubmit={(v) => run('deny_extension', { reason: String(v.reason).trim() }, false)}
        fields={[
          {
            name: 'reason',
            label: 'Lý do',
            required: true,
            input: <Input.TextArea rows={3} maxLength={ACTIONS.deny_extension.body.reason.maxLength} />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'urge'}
        title="Đôn đốc cơ quan xử lý"
        okText="Gửi đôn đốc"
        onClose={() => setModal(null)}
        onSubmit={(v) => run('urge', { note: String(v.note ?? '').trim() || undefined }, false)}
        fields={[
          {
            name: 'note',
            label: 'Lời nhắn cho cơ quan (không bắt buộc)',
            input: (
              <Input.TextArea
                rows={3}
                maxLength={ACTIONS.urge.body.note.maxLength}
                placeholder="Ví dụ: đề nghị xử lý xong trong ngày"
              />
            ),
          },
        ]}
      />
      <MarkDuplicateModal
        open={modal === 'duplicate'}
        report={report}
        onClose={() => setModal(null)}
        onMark={(dupId) => run('mark_duplicate', { duplicateOfId: dupId })}
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
      {state.items && !state.items.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không thấy phản ánh nào gần đó có nội dung tương tự" />
      )}
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
                  <Typography.Paragraph style={{ margin: '6px 0' }} ellipsis={{ rows: 3 }}>
                    {c.report.description}
                  </Typography.Paragraph>
                  <Photos attachments={c.report.attachments ?? []} />
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
function MarkDuplicateModal({
  open,
  report,
  onClose,
  onMark,
}: {
  open: boolean;
  report: Report | null;
  onClose: () => void;
  onMark: (id: string) => Promise<void>;
}) {
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

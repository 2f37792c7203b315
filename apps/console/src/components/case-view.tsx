// One case as every staff role sees it (the screening and agency desks, the register's case page): the facts,
// photos, map, deadlines, duplicates, timeline, and a button for each action the report's `allowedActions` offers
// this user now. Which actions exist for whom is the server's rule (libs/workflow); the console never decides it.
import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ACTIONS, type ActionName, type BodyOfAction } from '@app/workflow';
import { errorText } from '../lib/api';
import { client, data, type ReportView, type TimelineEvent } from '../lib/client';
import { formatDateTime } from '../lib/format';
import { cancelReasonLabel, PRIORITY_LABEL } from '../lib/labels';
import { useReport, useTimeline } from '../lib/queries';
import { useReference } from '../lib/reference';
import { act, can } from '../lib/reports';
import { PromptModal } from './report-detail';
import { ReportBody } from './report-detail';
import { DuplicateCandidates, MarkDuplicateModal } from './duplicates';
import { PhotoUpload, ReportTimeline, StatusTag } from './report-parts';

type ModalKey =
  | null
  | 'request_info'
  | 'reject'
  | 'duplicate'
  | 'send_back'
  | 'deny_extension'
  | 'urge'
  | 'return'
  | 'extension'
  | 'note'
  | 'result'
  | 'delegate'
  | 'reclassify';

/** The extension's bounds: the request's own field (one limit, shared with the server). */
const EXTENSION_DAYS = ACTIONS.request_extension.body.workingDays;

/**
 * A case by id, live (the socket's events refetch it). `onStatusChange`: the desk's list moves on when an action
 * took the case out of the queue it was opened from.
 */
export function CaseDetail({
  id,
  emptyText,
  onStatusChange,
  title,
}: {
  id: string | null;
  emptyText: string;
  onStatusChange?: () => void;
  title?: (report: ReportView) => ReactNode;
}) {
  const report = useReport(id);
  const timeline = useTimeline(id);
  const r = report.data;
  const returned = lastReturn(timeline.data);
  if (!id) {
    return (
      <Card title="Chi tiết phản ánh">
        <Empty description={emptyText} />
      </Card>
    );
  }
  if (report.error) {
    return (
      <Card title="Chi tiết phản ánh">
        <Alert type="error" showIcon title={errorText(report.error)} />
      </Card>
    );
  }
  if (!r) {
    return (
      <Card title="Chi tiết phản ánh">
        <Skeleton active />
      </Card>
    );
  }
  return (
    <Card
      title={title ? title(r) : `Phản ánh ${r.code}`}
      extra={<StatusTag status={r.status} />}
      aria-busy={report.isFetching}
      data-testid="case-view"
    >
      {/* The actions wait for the case as the server has it now, not a copy cached earlier (useReport). */}
      {returned && <ReturnedNotice returned={returned} />}
      {report.isFetchedAfterMount && (
        <CaseActions key={r.id} report={r} onStatusChange={onStatusChange} returnedBy={r.returnedBy?.id} />
      )}
      <ReportBody report={r} />
      {r.status === 'received' && can(r, 'mark_duplicate') && <CaseDuplicates report={r} />}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        Diễn biến xử lý
      </Typography.Title>
      <ReportTimeline events={timeline.data} />
    </Card>
  );
}

/** The Select's value for "no one" (the API's null: the case goes back to the whole agency). */
const UNASSIGNED = '';

/** The agency's officers with their open and overdue cases (GET /reports/workload), busiest first. */
function OfficerSelect({
  agencyId,
  current,
  ...field
}: {
  agencyId: string | null;
  current: string | null;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const workload = useQuery({
    queryKey: ['reports', 'workload', agencyId],
    queryFn: () =>
      data(client.GET('/api/v1/reports/workload', { params: { query: { agencyId: agencyId ?? undefined } } })),
  });
  const options = (workload.data?.officers ?? [])
    .filter((o) => o.active)
    .map((o) => ({
      value: o.id,
      label: `${o.fullName} — ${o.open} đang xử lý${o.overdue ? `, ${o.overdue} quá hạn` : ''}`,
    }));
  return (
    <Select
      {...field}
      loading={workload.isLoading}
      placeholder="Chọn cán bộ"
      options={current ? [{ value: UNASSIGNED, label: 'Không giao ai (trả về cơ quan)' }, ...options] : options}
    />
  );
}

interface Returned {
  reason: string;
  returnedByAgencyId: string | null;
  at: string;
}

/** The agency's return, when it is the last thing that happened to the case's assignment (nothing assigned since). */
function lastReturn(events: TimelineEvent[] | undefined): Returned | null {
  const last = events
    ?.filter((e) => e.type === 'report.returned' || e.type === 'report.assigned' || e.type === 'report.reassigned')
    .at(-1);
  if (last?.type !== 'report.returned') return null;
  const data = last.data as { reason?: string; returnedByAgencyId?: string | null };
  return { reason: data.reason ?? '', returnedByAgencyId: data.returnedByAgencyId ?? null, at: last.at };
}

function ReturnedNotice({ returned }: { returned: Returned }) {
  const { agencyName } = useReference();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="returned-notice"
      title={`${agencyName(returned.returnedByAgencyId)} đã trả lại vụ việc lúc ${formatDateTime(returned.at)}`}
      description={returned.reason}
    />
  );
}

function CaseDuplicates({ report }: { report: ReportView }) {
  const { message } = App.useApp();
  return (
    <DuplicateCandidates
      report={report}
      onMark={(dupId) =>
        void act(report, 'mark_duplicate', { duplicateOfId: dupId }).then(
          () => message.success(`${report.code}: đã cập nhật`),
          (e) => message.error(errorText(e)),
        )
      }
    />
  );
}

/** The buttons and forms of the actions the server offers on this report now. */
export function CaseActions({
  report,
  onStatusChange,
  returnedBy,
}: {
  report: ReportView;
  onStatusChange?: () => void;
  /** The agency that returned the case: never preselected again, and named so in the list. */
  returnedBy?: string;
}) {
  const { message } = App.useApp();
  const { agencies, agencyName, categories } = useReference();
  const [modal, setModal] = useState<ModalKey>(null);
  const [busy, setBusy] = useState(false);
  const [agencyId, setAgencyId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [resultPhotos, setResultPhotos] = useState<string[]>([]);

  const routed =
    report.suggestedAgencyId ?? categories.find((c) => c.id === report.categoryId)?.defaultAgencyId ?? undefined;
  const suggestion = routed === returnedBy ? undefined : routed;
  useEffect(() => {
    setAgencyId(report.agencyId ?? suggestion ?? undefined);
  }, [report.id, suggestion]); // preselect once per report, not after each refetch of the same one

  const run = async <A extends ActionName>(action: A, body: BodyOfAction<A>) => {
    setBusy(true);
    try {
      const updated = await act(report, action, body);
      message.success(`${report.code}: đã cập nhật`);
      if (updated.status !== report.status) onStatusChange?.();
    } catch (e) {
      message.error(errorText(e));
      throw e;
    } finally {
      setBusy(false);
    }
  };
  const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
  const close = () => setModal(null);
  const activeAgencies = agencies.filter((a) => a.isActive);
  const buttons: ReactNode[] = [];
  const offer = (action: ActionName, node: ReactNode) => {
    if (can(report, action)) buttons.push(<span key={action}>{node}</span>);
  };

  offer(
    'acknowledge',
    <Button type="primary" loading={busy} onClick={() => quiet(run('acknowledge', {}))}>
      {ACTIONS.acknowledge.label}
    </Button>,
  );
  offer(
    'submit_result',
    <Button
      type="primary"
      onClick={() => {
        setResultPhotos([]);
        setModal('result');
      }}
    >
      {ACTIONS.submit_result.label}
    </Button>,
  );
  offer(
    'approve_result',
    <Popconfirm
      title="Duyệt và công khai kết quả cho người dân?"
      okText="Duyệt"
      cancelText="Hủy bỏ"
      onConfirm={() => run('approve_result', {}).catch(() => undefined)}
    >
      <Button type="primary">{ACTIONS.approve_result.label}</Button>
    </Popconfirm>,
  );
  offer('send_back', <Button onClick={() => setModal('send_back')}>{ACTIONS.send_back.label}</Button>);
  offer(
    'approve_extension',
    <Button onClick={() => quiet(run('approve_extension', {}))}>
      {ACTIONS.approve_extension.label} ({report.extensionRequest?.workingDays} ngày)
    </Button>,
  );
  offer(
    'deny_extension',
    <Button danger onClick={() => setModal('deny_extension')}>
      {ACTIONS.deny_extension.label}
    </Button>,
  );
  offer('urge', <Button onClick={() => setModal('urge')}>{ACTIONS.urge.label}</Button>);
  offer('request_extension', <Button onClick={() => setModal('extension')}>{ACTIONS.request_extension.label}</Button>);
  offer('request_info', <Button onClick={() => setModal('request_info')}>{ACTIONS.request_info.label}</Button>);
  offer('mark_duplicate', <Button onClick={() => setModal('duplicate')}>{ACTIONS.mark_duplicate.label}</Button>);
  offer(
    'reject',
    <Button danger onClick={() => setModal('reject')}>
      {ACTIONS.reject.label}
    </Button>,
  );
  offer(
    'return',
    <Button danger onClick={() => setModal('return')}>
      {ACTIONS.return.label}
    </Button>,
  );
  offer('note', <Button onClick={() => setModal('note')}>{ACTIONS.note.label}</Button>);
  offer('delegate', <Button onClick={() => setModal('delegate')}>{ACTIONS.delegate.label}</Button>);
  offer('reclassify', <Button onClick={() => setModal('reclassify')}>{ACTIONS.reclassify.label}</Button>);

  if (!buttons.length && !can(report, 'assign')) return null;
  return (
    <div className="pa-actions" role="toolbar" aria-label="Thao tác" style={{ marginBottom: 12 }}>
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
                        label:
                          a.id === suggestion
                            ? `${a.name} (gợi ý)`
                            : a.id === returnedBy
                              ? `${a.name} (đã trả lại)`
                              : a.name,
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
                onClick={() => agencyId && quiet(run('assign', { agencyId, note: note.trim() || undefined }))}
              >
                {ACTIONS.assign.label}
              </Button>
            </Form>
          </Card>
        )}
        {buttons.length > 0 && <Space wrap>{buttons}</Space>}
      </Space>

      <PromptModal
        open={modal === 'request_info'}
        title="Yêu cầu người dân bổ sung thông tin"
        okText="Gửi yêu cầu"
        onClose={close}
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
        onClose={close}
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
        onClose={close}
        onSubmit={(v) => run('send_back', { reason: String(v.reason).trim() })}
        fields={[
          {
            name: 'reason',
            label: 'Lý do',
            required: true,
            input: <Input.TextArea rows={3} maxLength={ACTIONS.send_back.body.reason.maxLength} />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'deny_extension'}
        title="Từ chối gia hạn"
        okText="Từ chối gia hạn"
        danger
        onClose={close}
        onSubmit={(v) => run('deny_extension', { reason: String(v.reason).trim() })}
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
        onClose={close}
        onSubmit={(v) => run('urge', { note: String(v.note ?? '').trim() || undefined })}
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
      <PromptModal
        open={modal === 'return'}
        title="Trả lại Trung tâm"
        okText="Trả lại"
        danger
        onClose={close}
        onSubmit={(v) => run('return', { reason: String(v.reason).trim() })}
        fields={[
          {
            name: 'reason',
            label: 'Lý do trả lại',
            required: true,
            input: (
              <Input.TextArea
                rows={3}
                maxLength={ACTIONS.return.body.reason.maxLength}
                placeholder="Ví dụ: địa điểm thuộc địa bàn phường khác"
              />
            ),
          },
        ]}
      />
      <PromptModal
        open={modal === 'extension'}
        title="Xin gia hạn xử lý"
        okText="Gửi đề nghị"
        onClose={close}
        onSubmit={(v) =>
          run('request_extension', { workingDays: Number(v.workingDays), reason: String(v.reason).trim() })
        }
        fields={[
          {
            name: 'workingDays',
            label: 'Số ngày làm việc',
            required: true,
            initialValue: 2,
            input: <InputNumber min={EXTENSION_DAYS.minimum} max={EXTENSION_DAYS.maximum} precision={0} />,
          },
          {
            name: 'reason',
            label: 'Lý do',
            required: true,
            input: <Input.TextArea rows={3} maxLength={ACTIONS.request_extension.body.reason.maxLength} />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'note'}
        title="Thêm ghi chú"
        okText="Lưu ghi chú"
        onClose={close}
        onSubmit={(v) => run('note', { text: String(v.text).trim(), internal: v.internal !== false })}
        fields={[
          {
            name: 'text',
            label: 'Nội dung ghi chú',
            required: true,
            input: <Input.TextArea rows={3} maxLength={ACTIONS.note.body.text.maxLength} />,
          },
          {
            name: 'internal',
            label: 'Phạm vi',
            valuePropName: 'checked',
            initialValue: true,
            input: <Checkbox>Chỉ nội bộ (người dân không thấy)</Checkbox>,
          },
        ]}
      />
      <PromptModal
        open={modal === 'result'}
        title="Gửi kết quả xử lý"
        okText="Gửi kết quả"
        onClose={close}
        onSubmit={(v) =>
          run('submit_result', {
            text: String(v.text).trim(),
            attachmentIds: resultPhotos.length ? resultPhotos : undefined,
          })
        }
        fields={[
          {
            name: 'text',
            label: 'Kết quả xử lý',
            required: true,
            input: <Input.TextArea rows={4} maxLength={ACTIONS.submit_result.body.text.maxLength} />,
          },
        ]}
      >
        <Form.Item label="Ảnh sau khi xử lý">
          <PhotoUpload onChange={setResultPhotos} label="Thêm ảnh kết quả" />
        </Form.Item>
      </PromptModal>
      <PromptModal
        open={modal === 'delegate'}
        title="Giao cán bộ xử lý"
        okText="Giao"
        onClose={close}
        onSubmit={(v) =>
          run('delegate', {
            assigneeId: v.assigneeId === UNASSIGNED ? null : String(v.assigneeId),
            note: String(v.note ?? '').trim() || undefined,
          })
        }
        fields={[
          {
            name: 'assigneeId',
            label: 'Cán bộ',
            required: true,
            initialValue: report.assignee?.id,
            input: <OfficerSelect agencyId={report.agencyId} current={report.assignee?.id ?? null} />,
          },
          {
            name: 'note',
            label: 'Lời nhắn (không bắt buộc)',
            input: <Input.TextArea rows={2} maxLength={ACTIONS.delegate.body.note.maxLength} />,
          },
        ]}
      />
      <PromptModal
        open={modal === 'reclassify'}
        title="Điều chỉnh phân loại"
        okText="Lưu phân loại"
        onClose={close}
        onSubmit={(v) =>
          run('reclassify', {
            categoryId: v.categoryId !== report.categoryId ? String(v.categoryId) : undefined,
            priority:
              v.priority !== report.priority ? (v.priority as BodyOfAction<'reclassify'>['priority']) : undefined,
            reason: String(v.reason ?? '').trim() || undefined,
          })
        }
        fields={[
          {
            name: 'categoryId',
            label: 'Lĩnh vực',
            required: true,
            initialValue: report.categoryId,
            input: (
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={categories.filter((c) => c.isActive !== false).map((c) => ({ value: c.id, label: c.name }))}
              />
            ),
          },
          {
            name: 'priority',
            label: 'Mức độ',
            required: true,
            initialValue: report.priority,
            input: (
              <Radio.Group
                options={ACTIONS.reclassify.body.priority.values.map((value) => ({
                  value,
                  label: PRIORITY_LABEL[value] ?? value,
                }))}
              />
            ),
          },
          {
            name: 'reason',
            label: 'Lý do (không bắt buộc)',
            input: <Input.TextArea rows={2} maxLength={ACTIONS.reclassify.body.reason.maxLength} />,
          },
        ]}
      />
      <MarkDuplicateModal
        open={modal === 'duplicate'}
        report={report}
        onClose={close}
        onMark={(dupId) => run('mark_duplicate', { duplicateOfId: dupId })}
      />
    </div>
  );
}

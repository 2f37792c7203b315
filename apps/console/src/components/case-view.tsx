// One case as every staff role sees it (the screening and agency desks, the register's case page): the facts,
// photos, map, deadlines, duplicates, timeline, and a button for each action the report's `allowedActions` offers
// this user now. Which actions exist for whom is the server's rule (libs/workflow); the console never decides it.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Row, Select, Skeleton, Space, Typography } from 'antd';
import { ACTIONS, type ActionName, type BodyOfAction } from '@app/workflow';
import { errorText } from '../lib/api';
import { type ReportView, type TimelineEvent } from '../lib/client';
import { formatDateTime } from '../lib/format';
import { useReport, useTimeline } from '../lib/queries';
import { useReference } from '../lib/reference';
import { act, can } from '../lib/reports';
import { ACTION_UI, ActionControl } from './action-forms';
import { ReportBody } from './report-detail';
import { DuplicateCandidates } from './duplicates';
import { ReportTimeline, StatusTag } from './report-parts';

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

/** The buttons and forms of the actions the server offers on this report now (their descriptions: action-forms.tsx). */
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
  const [busy, setBusy] = useState(false);
  const [agencyId, setAgencyId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');

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
  const activeAgencies = agencies.filter((a) => a.isActive);
  const ctx = { report, categories };
  const offered = (Object.keys(ACTION_UI) as ActionName[]).filter((action) => can(report, action));

  if (!offered.length && !can(report, 'assign')) return null;
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
                onClick={() =>
                  agencyId && void run('assign', { agencyId, note: note.trim() || undefined }).catch(() => undefined)
                }
              >
                {ACTIONS.assign.label}
              </Button>
            </Form>
          </Card>
        )}
        {offered.length > 0 && (
          <Space wrap>
            {offered.map((action) => (
              <span key={action}>
                <ActionControl
                  action={action}
                  ui={ACTION_UI[action] as never}
                  ctx={ctx}
                  busy={busy}
                  run={(body) => run(action, body)}
                />
              </span>
            ))}
          </Space>
        )}
      </Space>
    </div>
  );
}

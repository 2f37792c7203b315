// Xử lý: an agency's cases by deadline, overdue first, live as the centre assigns them. Acknowledge, return
// (not our jurisdiction), ask for more time, add notes, ask the citizen, submit the result with photos: each
// button shows when the report's allowedActions offers it.
import { useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Tabs, Typography } from 'antd';
import { ACTIONS, type ActionName, type BodyOfAction } from '@app/workflow';
import { api, errorText, type Page } from '../lib/api';
import { useLiveEvents } from '../lib/realtime';
import { useReference } from '../lib/reference';
import { act, can, useLoader, type Report } from '../lib/reports';
import { useUser } from '../lib/session';
import { DetailShell, PromptModal, useReportDetail } from '../components/report-detail';
import { ReportQueue, useNow } from '../components/queue';
import { PhotoUpload, StatusTag } from '../components/report-parts';

type TabKey = 'active' | 'waiting';
const TABS: Record<TabKey, { label: string; status: string; empty: string }> = {
  active: { label: 'Cần xử lý', status: 'assigned,in_progress', empty: 'Không có vụ việc nào cần xử lý' },
  waiting: {
    label: 'Chờ người dân / chờ duyệt',
    status: 'need_info,pending_review',
    empty: 'Không có vụ việc nào đang chờ',
  },
};

/** Overdue first, then by deadline (the server sorts by deadline; cases without one go last). */
const byUrgency = (a: Report, b: Report) =>
  Number(b.overdue) - Number(a.overdue) ||
  (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity);

export function AgencyDesk() {
  const user = useUser();
  const { agencyName } = useReference();
  const now = useNow();
  const [tab, setTab] = useState<TabKey>('active');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const lists = useLoader(async () => {
    const [active, waiting] = await Promise.all(
      (Object.keys(TABS) as TabKey[]).map((k) =>
        api.get<Page<Report>>('/reports', { status: TABS[k].status, sort: 'due_asc', pageSize: 100 }),
      ),
    );
    return {
      active: { ...active, items: [...active.items].sort(byUrgency) },
      waiting: { ...waiting, items: [...waiting.items].sort(byUrgency) },
    };
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents(
    [
      'report.assigned',
      'report.status_changed',
      'report.updated',
      'report.note_added',
      'report.overdue',
      'report.reminder',
    ],
    (_e, payload) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void lists.reload(), 300);
      if (payload.reportId === selectedId) setDetailVersion((v) => v + 1);
    },
  );

  const items = lists.data?.[tab].items ?? [];
  const overdueCount = lists.data?.active.items.filter((r) => r.overdue).length ?? 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card
          title={`Vụ việc của ${agencyName(user.agencyId)}`}
          extra={
            <Button size="small" onClick={() => void lists.reload()} aria-label="Tải lại danh sách">
              Tải lại
            </Button>
          }
        >
          {overdueCount > 0 && (
            <Typography.Paragraph type="danger" strong role="status">
              {overdueCount} vụ việc quá hạn
            </Typography.Paragraph>
          )}
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k as TabKey);
              setSelectedId(null);
            }}
            items={(Object.keys(TABS) as TabKey[]).map((k) => ({
              key: k,
              label: (
                <span>
                  {TABS[k].label} <Badge count={lists.data?.[k].total ?? 0} showZero color="#0b5cad" />
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
            emptyText={TABS[tab].empty}
            label={TABS[tab].label}
            now={now}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        <AgencyDetail
          key={selectedId ?? 'none'}
          id={selectedId}
          version={detailVersion}
          onChanged={() => void lists.reload()}
        />
      </Col>
    </Row>
  );
}

type ModalKey = null | 'return' | 'extension' | 'note' | 'result' | 'request_info';

/** The extension's bounds: the request's own field (one limit, shared with the server). */
const EXTENSION_DAYS = ACTIONS.request_extension.body.workingDays;

function AgencyDetail({ id, version, onChanged }: { id: string | null; version: number; onChanged: () => void }) {
  const { message } = App.useApp();
  const detail = useReportDetail(id, version);
  const report = detail.data?.report ?? null;
  const [modal, setModal] = useState<ModalKey>(null);
  const [busy, setBusy] = useState(false);
  const [resultPhotos, setResultPhotos] = useState<string[]>([]);

  const run = async <A extends ActionName>(action: A, body: BodyOfAction<A>) => {
    if (!report) return;
    setBusy(true);
    try {
      await act(report, action, body);
      message.success(`${report.code}: đã cập nhật`);
      onChanged();
      void detail.reload();
    } catch (e) {
      message.error(errorText(e));
      void detail.reload();
      throw e;
    } finally {
      setBusy(false);
    }
  };

  const actions = report && (
    <Space wrap>
      {can(report, 'acknowledge') && (
        <Button type="primary" loading={busy} onClick={() => void run('acknowledge', {}).catch(() => undefined)}>
          {ACTIONS.acknowledge.label}
        </Button>
      )}
      {can(report, 'submit_result') && (
        <Button
          type="primary"
          onClick={() => {
            setResultPhotos([]);
            setModal('result');
          }}
        >
          {ACTIONS.submit_result.label}
        </Button>
      )}
      {can(report, 'request_extension') && (
        <Button onClick={() => setModal('extension')}>{ACTIONS.request_extension.label}</Button>
      )}
      {can(report, 'request_info') && (
        <Button onClick={() => setModal('request_info')}>Yêu cầu người dân bổ sung</Button>
      )}
      {can(report, 'return') && (
        <Button danger onClick={() => setModal('return')}>
          {ACTIONS.return.label}
        </Button>
      )}
      {can(report, 'note') && <Button onClick={() => setModal('note')}>{ACTIONS.note.label}</Button>}
    </Space>
  );

  return (
    <Card
      title={report ? `Vụ việc ${report.code}` : 'Chi tiết vụ việc'}
      extra={report && <StatusTag status={report.status} />}
    >
      <DetailShell
        loading={detail.loading}
        error={detail.error}
        report={id ? report : null}
        timeline={detail.data?.timeline}
        emptyText="Chọn một vụ việc trong danh sách"
        actions={actions}
      />
      <PromptModal
        open={modal === 'return'}
        title="Trả lại Trung tâm"
        okText="Trả lại"
        danger
        onClose={() => setModal(null)}
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
        onClose={() => setModal(null)}
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
        open={modal === 'note'}
        title="Thêm ghi chú"
        okText="Lưu ghi chú"
        onClose={() => setModal(null)}
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
        onClose={() => setModal(null)}
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
    </Card>
  );
}

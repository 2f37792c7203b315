// Pieces every desk shows about a report: status, deadline, photos, facts, timeline.
import { useEffect, useState } from 'react';
import { Badge, Descriptions, Empty, Grid, Image, Space, Tag, Timeline, Typography, Upload, message } from 'antd';
import type { UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorText, fetchObjectUrl, uploadAttachment } from '../lib/api';
import { formatDateTime, formatNumber } from '../lib/format';
import { STAGE_LABEL } from '@app/workflow';
import {
  cancelReasonLabel,
  channelLabel,
  eventLabel,
  PRIORITY_LABEL,
  STATUS_COLOR,
  STATUS_LABEL,
  type ReportStatus,
} from '../lib/labels';
import type { AttachmentView, ReportView, TimelineEvent } from '../lib/client';
import { useLiveStatus } from '../lib/realtime';
import { useReference } from '../lib/reference';

export function StatusTag({ status }: { status: ReportStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{STATUS_LABEL[status] ?? status}</Tag>;
}

export function PriorityTag({ priority }: { priority: string }) {
  return priority === 'urgent' ? <Tag color="red">{PRIORITY_LABEL.urgent}</Tag> : null;
}

/**
 * The deadline of the current stage: "Quá hạn" in red once past, otherwise the due time. How late a case is counts
 * in working days, which only the server computes (the leaders' overdue list shows them); a count in calendar time
 * here would contradict it, so the badge says the deadline itself.
 */
/**
 * A case's deadline. Overdue, it says by how many working days when the server counted them (staff views:
 * `overdueWorkingDays`, the same figure as the leaders' overdue list and the reminder letters), else since when.
 */
export function DueBadge({
  dueAt,
  overdueWorkingDays,
  now = Date.now(),
}: {
  dueAt: string | null | undefined;
  overdueWorkingDays?: number | null;
  now?: number;
}) {
  if (!dueAt) return <Typography.Text type="secondary">Không có hạn</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) {
    return (
      <Tag color="error" className="pa-overdue pa-nowrap" title={`Hạn ${formatDateTime(dueAt)}`}>
        {overdueWorkingDays != null
          ? `Quá hạn ${formatNumber(overdueWorkingDays, 1)} ngày làm việc`
          : `Quá hạn từ ${formatDateTime(dueAt)}`}
      </Tag>
    );
  }
  return (
    <Tag color={left < 3_600_000 ? 'warning' : 'default'} className="pa-nowrap">
      Hạn {formatDateTime(dueAt)}
    </Tag>
  );
}

/** An attachment original: fetched with the bearer token (an <img src> could not send it). */
function AuthImage({ attachment, alt }: { attachment: AttachmentView; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    fetchObjectUrl(attachment.url)
      .then((u) => {
        url = u;
        if (live) setSrc(u);
        else URL.revokeObjectURL(u);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.url]);
  if (failed) return <div className="pa-photo pa-photo-missing">Không tải được ảnh</div>;
  if (!src) return <div className="pa-photo pa-photo-loading" aria-busy="true" />;
  if (attachment.mimeType.startsWith('video/')) {
    return <video className="pa-photo" src={src} controls aria-label={alt} />;
  }
  return <Image className="pa-photo" src={src} alt={alt} width={120} height={90} style={{ objectFit: 'cover' }} />;
}

export function Photos({ attachments, label = 'Ảnh' }: { attachments: AttachmentView[]; label?: string }) {
  if (!attachments.length) return <Typography.Text type="secondary">Không có ảnh</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {attachments.map((a, i) => (
          <AuthImage key={a.id} attachment={a} alt={`${label} ${i + 1}`} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** Photo picker that uploads each file at once (POST /attachments) and reports the ids. */
export function PhotoUpload({ onChange, label = 'Thêm ảnh' }: { onChange: (ids: string[]) => void; label?: string }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [msg, holder] = message.useMessage();
  const publish = (list: UploadFile[]) => {
    setFiles(list);
    onChange(list.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as string));
  };
  return (
    <>
      {holder}
      <Upload
        listType="picture-card"
        accept="image/jpeg,image/png,image/webp,image/heic,video/mp4"
        multiple
        fileList={files}
        customRequest={({ file, onSuccess, onError }) => {
          uploadAttachment(file as File)
            .then((res) => onSuccess?.(res))
            .catch((e) => {
              msg.error(errorText(e));
              onError?.(e as Error);
            });
        }}
        onChange={({ fileList }) => publish(fileList)}
      >
        {files.length >= 10 ? null : (
          <button type="button" className="pa-upload-button" aria-label={label}>
            <PlusOutlined />
            <div style={{ marginTop: 6 }}>{label}</div>
          </button>
        )}
      </Upload>
    </>
  );
}

export function ReportFacts({ report, showReporter = true }: { report: ReportView; showReporter?: boolean }) {
  const { categoryName, agencyName } = useReference();
  const narrow = !Grid.useBreakpoint().sm;
  const items = [
    {
      key: 'code',
      label: 'Mã',
      children: (
        <Typography.Text strong className="pa-nowrap">
          {report.code}
        </Typography.Text>
      ),
    },
    {
      key: 'status',
      label: 'Trạng thái',
      children: (
        <Space size={4} wrap>
          <StatusTag status={report.status} />
          {report.cancelReason && <Tag>{cancelReasonLabel(report.cancelReason)}</Tag>}
          <PriorityTag priority={report.priority} />
        </Space>
      ),
    },
    { key: 'category', label: 'Lĩnh vực', children: categoryName(report.categoryId) },
    { key: 'channel', label: 'Kênh', children: channelLabel(report.channel) },
    {
      key: 'created',
      label: 'Tiếp nhận lúc',
      children: <span className="pa-nowrap">{formatDateTime(report.createdAt)}</span>,
    },
    {
      key: 'due',
      label: report.stage ? `Hạn ${STAGE_LABEL[report.stage]}` : 'Hạn xử lý',
      children: <DueBadge dueAt={report.dueAt} overdueWorkingDays={report.overdueWorkingDays} />,
    },
    ...(report.resolutionDueAt && report.stage !== 'resolution'
      ? [
          {
            key: 'resolution',
            label: 'Hạn giải quyết',
            children: <span className="pa-nowrap">{formatDateTime(report.resolutionDueAt)}</span>,
          },
        ]
      : []),
    ...(report.agencyId ? [{ key: 'agency', label: 'Cơ quan xử lý', children: agencyName(report.agencyId) }] : []),
    { key: 'address', label: 'Địa chỉ', span: 'filled' as const, children: report.address || '—' },
    ...(showReporter && report.reporter
      ? [
          {
            key: 'reporter',
            label: 'Người phản ánh',
            span: 'filled' as const,
            children: `${report.reporter.fullName || 'Chưa rõ tên'}${report.reporter.phone ? ` — ${report.reporter.phone}` : ''}`,
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, xxl: 3 }}
      // On a phone each label sits above its value, which then has the whole width (codes and dates on one line).
      layout={narrow ? 'vertical' : 'horizontal'}
      bordered
      items={items}
      styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
    />
  );
}

export function ReportTimeline({ events }: { events: TimelineEvent[] | undefined }) {
  if (!events) return null;
  if (!events.length) return <Empty description="Chưa có diễn biến" />;
  return (
    <Timeline
      items={events.map((e) => {
        const text = [e.data?.note, e.data?.reason, e.data?.question, e.data?.text, e.data?.comment]
          .filter((x): x is string => typeof x === 'string' && x.length > 0)
          .join(' — ');
        return {
          key: e.id,
          color: e.type === 'report.overdue' ? 'red' : e.internal ? 'gray' : 'blue',
          content: (
            <div>
              <Typography.Text strong>{eventLabel(e.type)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              {e.internal && <Tag style={{ marginLeft: 6 }}>Nội bộ</Tag>}
              {e.toStatus && e.fromStatus !== e.toStatus && (
                <div>
                  <StatusTag status={e.toStatus} />
                </div>
              )}
              {text && <div className="pa-event-text">{text}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

export function LiveBadge() {
  const status = useLiveStatus();
  const text =
    status === 'connected'
      ? 'Đang cập nhật trực tiếp'
      : status === 'connecting'
        ? 'Đang kết nối…'
        : 'Mất kết nối trực tiếp';
  return (
    <span role="status" aria-live="polite" data-testid="live-status" data-status={status}>
      <Badge
        status={status === 'connected' ? 'success' : status === 'connecting' ? 'processing' : 'error'}
        text={text}
      />
    </span>
  );
}

/** An empty panel saying a part of the system is not available (yet). */
export function Unavailable({ what }: { what: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <span role="note">{what} hiện chưa có trên máy chủ. Phần này sẽ hiển thị khi dịch vụ được triển khai.</span>
      }
    />
  );
}

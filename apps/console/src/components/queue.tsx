// A list of reports to work through, one button per report: Tab moves between them, Enter/Space opens one,
// arrow keys move up and down. New arrivals flash.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Empty, Space, Spin, Typography } from 'antd';
import { formatDateTime } from '../lib/format';
import { channelLabel } from '../lib/labels';
import { useReference } from '../lib/reference';
import type { ReportView } from '../lib/client';
import { DueBadge, PriorityTag, StatusTag } from './report-parts';

export function ReportQueue({
  reports,
  selectedId,
  onSelect,
  loading,
  emptyText,
  label,
  now,
  showAgency,
}: {
  reports: ReportView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  loading: boolean;
  emptyText: string;
  label: string;
  now: number;
  showAgency?: boolean;
}) {
  const { categoryName, agencyName } = useReference();
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ids = new Set(reports.map((r) => r.id));
    if (known.current) {
      const added = [...ids].filter((id) => !known.current!.has(id));
      if (added.length) setFresh(new Set(added));
    }
    known.current = ids;
  }, [reports]);

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.pa-queue-item');
    buttons?.[Math.max(0, Math.min(buttons.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  if (!reports.length) {
    return loading ? (
      <Spin description="Đang tải…">
        <div style={{ height: 80 }} />
      </Spin>
    ) : (
      <Empty description={emptyText} />
    );
  }
  return (
    <div className="pa-queue" ref={list} role="list" aria-label={label} aria-busy={loading}>
      {reports.map((r, i) => (
        <div role="listitem" key={r.id}>
          <button
            type="button"
            className={`pa-queue-item${fresh.has(r.id) ? ' pa-new' : ''}`}
            aria-current={r.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(r.id)}
            onKeyDown={(e) => onKey(e, i)}
            data-code={r.code}
          >
            <Space size={6} wrap>
              <span className="pa-queue-title">{r.code}</span>
              <StatusTag status={r.status} />
              <PriorityTag priority={r.priority} />
              <DueBadge dueAt={r.dueAt} now={now} />
            </Space>
            <div className="pa-queue-desc">{r.description}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {categoryName(r.categoryId)} · {channelLabel(r.channel)} · {formatDateTime(r.createdAt)}
              {showAgency && r.agencyId ? ` · ${agencyName(r.agencyId)}` : ''}
            </Typography.Text>
          </button>
        </div>
      ))}
    </div>
  );
}

/** Milliseconds since epoch, refreshed every `everyMs` so deadline badges tick. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

// The desks' queues. QueueTabs: the queues of a desk as tabs that wrap onto several lines on a narrow screen
// (none hidden behind a menu at 390 px), each with its live count (the list's total: queries.tsx refetches it on
// the socket's events). ReportQueue: a list of reports to work through, one button per report: Tab moves between
// them, Enter/Space opens one, arrow keys move up and down. New arrivals flash; what puts a case in a queue is
// marked on it (returned by an agency, an extension asked, the escalation level, the caller's own case).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Badge, Button, Empty, Space, Spin, Tag, Typography } from 'antd';
import { formatDateTime } from '../lib/format';
import { channelLabel } from '../lib/labels';
import { useReportList } from '../lib/queries';
import { useReference } from '../lib/reference';
import type { ReportListQuery, ReportView } from '../lib/client';
import { DueBadge, PriorityTag, StatusTag } from './report-parts';

export interface QueueTab<K extends string> {
  key: K;
  /** Short: the tabs share the queue column's width. */
  label: string;
  /** The queue's full name (tooltip and the list's accessible name). */
  title?: string;
  /** The queue as a filter of the staff list (GET /reports: docs/api.md#queues). */
  query: ReportListQuery;
  color?: string;
}

/** A queue's count for its tab: the list's total (one row fetched). */
function QueueCount({ query, color }: { query: ReportListQuery; color?: string }) {
  const count = useReportList({ ...query, pageSize: 1 });
  const total = count.data?.total;
  return (
    <Badge
      count={total ?? 0}
      showZero
      overflowCount={9999}
      color={color ?? '#0b5cad'}
      size="small"
      data-testid="queue-count"
      data-count={total ?? ''}
    />
  );
}

/** A desk's queues as tabs (WAI-ARIA tabs: arrows move between them), and the chosen one's panel. */
export function QueueTabs<K extends string>({
  tabs,
  active,
  onChange,
  label,
  children,
}: {
  tabs: QueueTab<K>[];
  active: K;
  onChange: (key: K) => void;
  label: string;
  children: ReactNode;
}) {
  const id = useId();
  const bar = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent<HTMLElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    onChange(next.key);
    bar.current?.querySelector<HTMLElement>(`[data-queue="${next.key}"]`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} ref={bar} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {tabs.map((t, i) => (
          <Button
            key={t.key}
            size="small"
            role="tab"
            id={`${id}-${t.key}`}
            data-queue={t.key}
            aria-selected={t.key === active}
            aria-controls={`${id}-panel`}
            tabIndex={t.key === active ? 0 : -1}
            type={t.key === active ? 'primary' : 'default'}
            title={t.title}
            onClick={() => onChange(t.key)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label} <QueueCount query={t.query} color={t.color} />
          </Button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${active}`} style={{ marginTop: 12 }}>
        {children}
      </div>
    </>
  );
}

/** The caller's own cases first (those delegated to them), each group in the list's order. */
const mineFirst = (reports: ReportView[], mine: string | undefined) =>
  mine
    ? [...reports.filter((r) => r.assignee?.id === mine), ...reports.filter((r) => r.assignee?.id !== mine)]
    : reports;

export function ReportQueue({
  reports,
  selectedId,
  onSelect,
  loading,
  emptyText,
  label,
  now,
  showAgency,
  mine,
}: {
  reports: ReportView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  loading: boolean;
  emptyText: string;
  label: string;
  now: number;
  showAgency?: boolean;
  /** The caller's id: their own cases (delegated to them) come first, marked. */
  mine?: string;
}) {
  const { categoryName, agencyName } = useReference();
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const list = useRef<HTMLDivElement>(null);

  // What arrives after the queue's first answer flashes. Until then the list may still be another queue's (the
  // pages keep it on screen while the next loads, and mount one ReportQueue per queue), which is nothing new.
  useEffect(() => {
    if (loading && !known.current) return;
    const ids = new Set(reports.map((r) => r.id));
    if (known.current) {
      const added = [...ids].filter((id) => !known.current!.has(id));
      if (added.length) setFresh(new Set(added));
    }
    known.current = ids;
  }, [reports, loading]);

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.pa-queue-item');
    buttons?.[Math.max(0, Math.min(buttons.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  const ordered = mineFirst(reports, mine);
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
      {ordered.map((r, i) => (
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
              <DueBadge dueAt={r.dueAt} overdueWorkingDays={r.overdueWorkingDays} now={now} />
              <QueueMarks report={r} mine={mine} />
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

/** Why the case is in its queue, said on it. */
function QueueMarks({ report: r, mine }: { report: ReportView; mine?: string }) {
  return (
    <>
      {r.returnedBy && (
        <Tag color="orange" data-testid="returned-mark" title={`${r.returnedBy.name} đã trả lại vụ việc`}>
          Bị trả lại: {r.returnedBy.name}
        </Tag>
      )}
      {r.extensionRequest && (
        <Tag color="gold" data-testid="extension-mark">
          Xin gia hạn {r.extensionRequest.workingDays} ngày
        </Tag>
      )}
      {r.overdue && r.escalationLevel > 0 && (
        <Tag color="volcano" data-testid="level-mark">
          Cấp {r.escalationLevel}
        </Tag>
      )}
      {mine && r.assignee?.id === mine && (
        <Tag color="blue" data-testid="mine-mark">
          Của tôi
        </Tag>
      )}
    </>
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

// Server state: TanStack Query caches what the API answered; the socket's events mark it stale (invalidate), so
// every list, case and counter on screen refetches when the server says something changed. Query keys start with
// the resource ('reports', 'report', 'timeline', 'notifications', 'stats', 'overdue'): an event invalidates by it.
import { useEffect, useRef, type ReactNode } from 'react';
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data, type ReportListQuery } from './client';
import { REPORT_EVENTS, useLiveEvents } from './realtime';
import { useSession } from './session';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live data comes through the socket's invalidations; a refetch on window focus catches a lost socket.
      staleTime: 30_000,
      retry: (count, e) => count < 2 && (e as { status?: number }).status === 0,
    },
  },
});

/** Several events of one change arrive together: one refetch of each stale list, not one per message. */
const INVALIDATE_AFTER_MS = 250;

/** What a report event makes stale: lists and figures everywhere, the case itself and its timeline. */
function LiveInvalidation() {
  const qc = useQueryClient();
  const pending = useRef<{ ids: Set<string>; timer?: ReturnType<typeof setTimeout> }>({ ids: new Set() });
  useEffect(() => () => clearTimeout(pending.current.timer), []);
  useLiveEvents([...REPORT_EVENTS, 'notification'], (event, payload) => {
    if (event === 'notification') {
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      return;
    }
    const p = pending.current;
    if (typeof payload.reportId === 'string') p.ids.add(payload.reportId);
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      const ids = [...p.ids];
      p.ids.clear();
      for (const key of ['reports', 'stats', 'overdue']) void qc.invalidateQueries({ queryKey: [key] });
      for (const id of ids) {
        void qc.invalidateQueries({ queryKey: ['report', id] });
        void qc.invalidateQueries({ queryKey: ['timeline', id] });
      }
    }, INVALIDATE_AFTER_MS);
  });
  return null;
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const userId = useSession()?.user.id;
  // Another person's cache must never show: a new login starts empty.
  useEffect(() => () => queryClient.clear(), [userId]);
  return (
    <QueryClientProvider client={queryClient}>
      <LiveInvalidation />
      {children}
    </QueryClientProvider>
  );
}

/**
 * A report as this user may see it, with the actions the server allows them now. Opening a case always asks the
 * server again (the cached copy shows meanwhile): an action must carry the version the case has now.
 */
export const useReport = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['report', id],
    enabled: !!id,
    refetchOnMount: 'always',
    queryFn: () => data(client.GET('/api/v1/reports/{id}', { params: { path: { id: id! } } })),
  });

export const useTimeline = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['timeline', id],
    enabled: !!id,
    queryFn: () => data(client.GET('/api/v1/reports/{id}/timeline', { params: { path: { id: id! } } })),
  });

/** A page of the staff list (GET /reports) with these filters; the previous page stays shown while the next loads. */
export const useReportList = (query: ReportListQuery) =>
  useQuery({
    queryKey: ['reports', query],
    queryFn: () => data(client.GET('/api/v1/reports', { params: { query } })),
    placeholderData: keepPreviousData,
  });

// The report as staff see it (docs/api.md#reports, GET /reports/:id) and the calls the desks share.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ACTION_SLUGS, type ActionName, type ActionSlug, type BodyOfAction, type ReportStatus } from '@app/workflow';
import { api, errorText } from './api';

export interface AttachmentView {
  id: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface Report {
  id: string;
  code: string;
  status: ReportStatus;
  cancelReason: string | null;
  duplicateOfId: string | null;
  categoryId: string;
  agencyId: string | null;
  suggestedAgencyId?: string | null;
  priority: 'normal' | 'urgent';
  channel: string;
  title: string | null;
  description: string;
  location: { lat: number; lng: number };
  address: string | null;
  dueAt: string | null;
  overdue: boolean;
  escalationLevel: number;
  stage?: string | null;
  resolutionDueAt?: string | null;
  extensionRequest?: { workingDays: number; reason: string } | null;
  extensionCount?: number;
  version: number;
  /** What the logged-in user may do to it now (the server's workflow decides; the desks show only these). */
  allowedActions: ActionSlug[];
  createdAt: string;
  updatedAt: string;
  attachments: AttachmentView[];
  result: { text: string; at: string; attachments: AttachmentView[] } | null;
  reporter?: { id: string; fullName: string; phone: string | null } | null;
  hotlineCallId?: string | null;
}

export interface TimelineEvent {
  id: string;
  type: string;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  actor: { id: string | null; roles: string[] };
  internal?: boolean;
  data: Record<string, unknown>;
  at: string;
}

export interface DuplicateCandidate {
  report: Report;
  distanceM: number;
  score: number;
}

/**
 * Runs a workflow action (POST /reports/:id/actions/:slug) with the version the user was looking at; the body is
 * typed by the action's fields in the registry (@app/workflow actions/).
 */
export const act = <A extends ActionName>(report: Pick<Report, 'id' | 'version'>, action: A, body: BodyOfAction<A>) =>
  api.post<Report>(`/reports/${report.id}/actions/${ACTION_SLUGS[action]}`, {
    ...body,
    expectedVersion: report.version,
  });

/** Whether the server offers this action to the user on this report now. */
export const can = (report: Pick<Report, 'allowedActions'> | null | undefined, action: ActionName): boolean =>
  !!report?.allowedActions?.includes(ACTION_SLUGS[action]);

/** Loads with `load` now and whenever `reload()` is called; the latest call wins. */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // `deps` say when `load` changes (the caller's closure is new on every render).
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine === seq.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(errorText(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}

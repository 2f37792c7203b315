// One socket.io connection per signed-in tab, to the namespace /realtime (docs/api.md#real-time). The server puts it in the
// rooms of the user's roles; its events invalidate the cached queries (queries.tsx), so what is on screen refetches. Delivery is at least
// once: repeats (same eventId) are dropped here. The access token is read at every (re)connection, so a socket
// closed by the server when its token expires comes back with a fresh one.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { freshToken, refreshSession } from './api';
import { useSession } from './session';

export type LiveStatus = 'connecting' | 'connected' | 'offline';

/** The server's messages about a report (docs/api.md#server-events); `notification` is the inbox's. */
export const REPORT_EVENTS = [
  'report.created',
  'report.status_changed',
  'report.assigned',
  'report.note_added',
  'report.reminder',
  'report.overdue',
  'report.updated',
];
type Handler = (event: string, payload: Record<string, unknown>) => void;

interface Live {
  status: LiveStatus;
  subscribe: (events: string[], handler: Handler) => () => void;
}

const LiveContext = createContext<Live>({ status: 'offline', subscribe: () => () => undefined });

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const userId = session?.user.id ?? null;
  const [status, setStatus] = useState<LiveStatus>('offline');
  const handlers = useRef(new Map<Handler, Set<string>>());
  const seen = useRef<string[]>([]);

  useEffect(() => {
    if (!userId) return;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const socket: Socket = io('/realtime', {
      transports: ['websocket'],
      reconnectionDelayMax: 10_000,
      auth: (cb) => {
        void freshToken(60).then((token) => cb({ token: token ?? '' }));
      },
    });
    setStatus('connecting');
    socket.on('connect', () => {
      failures = 0;
      setStatus('connected');
    });
    socket.on('disconnect', (reason) => {
      setStatus('connecting');
      // The server closes a socket whose token expired; socket.io does not reconnect by itself after that.
      if (reason === 'io server disconnect' && !closed) socket.connect();
    });
    socket.on('connect_error', (err) => {
      setStatus('offline');
      if (err.message !== 'UNAUTHENTICATED' || closed) return;
      failures += 1;
      void refreshSession().then((s) => {
        if (s && !closed) retry = setTimeout(() => socket.connect(), Math.min(30_000, 1000 * failures));
      });
    });
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      const id = typeof payload?.eventId === 'string' ? `${event}:${payload.eventId}` : null;
      if (id) {
        if (seen.current.includes(id)) return;
        seen.current.push(id);
        if (seen.current.length > 500) seen.current.splice(0, 100);
      }
      for (const [handler, events] of handlers.current) if (events.has(event)) handler(event, payload);
    });
    return () => {
      closed = true;
      clearTimeout(retry);
      socket.close();
      setStatus('offline');
    };
  }, [userId]);

  const subscribe = useCallback((events: string[], handler: Handler) => {
    handlers.current.set(handler, new Set(events));
    return () => {
      handlers.current.delete(handler);
    };
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);

  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export const useLiveStatus = () => useContext(LiveContext).status;

/** Calls `handler` for each of these server events (latest handler; no re-subscription on re-render). */
export function useLiveEvents(events: string[], handler: Handler): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  const key = events.join(',');
  useEffect(() => subscribe(key.split(','), (e, p) => latest.current(e, p)), [key, subscribe]);
}

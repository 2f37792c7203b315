// A few pages under /console/: history API routing is all the console needs (the API falls back to
// index.html for any path below /console/, so deep links and reloads work). A page's state that someone may want
// to share (the register's filters) lives in the query string.
import { useEffect, useState } from 'react';

export const BASE = '/console';

const current = () => {
  const p = window.location.pathname;
  const rest = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return rest === '' ? '/' : rest;
};

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Goes to a path below /console/, with its query string if any ("/ho-so?status=received"). */
export function navigate(path: string, replace = false): void {
  const url = `${BASE}${path}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  listeners.forEach((l) => l());
}

/** The console's URL href for a path (for links that open in a new tab too). */
export const hrefOf = (path: string) => `${BASE}${path}`;

function useLocationValue<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const l = () => setValue(read());
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [read]);
  return value;
}

const currentSearch = () => window.location.search;

export const usePath = (): string => useLocationValue(current);

/** The query string of the current URL ("?status=received" or ""). */
export const useSearch = (): string => useLocationValue(currentSearch);

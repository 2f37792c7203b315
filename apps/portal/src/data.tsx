// Reading from the API in a component: one hook for a GET that follows its path, and the reference lists every page
// shares, fetched once per visit.
import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from './api';
import type { Agency, Category } from './types';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing yet) and again whenever it changes; the newest answer wins. */
export function useApi<T>(path: string | null, auth = false): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { auth }).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: null, error: errorText(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, auth, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

let categories: Promise<Category[]> | undefined;
let agencies: Promise<Agency[]> | undefined;

/** The active categories, once. */
export function useCategories(): Category[] {
  return useOnce((categories ??= api<Category[]>('/categories')));
}

/**
 * The communes, from the public list of agencies: each commune's People's Committee is an agency with a
 * `communeCode` (docs/api.md#reference-data), named after its commune; the commune list itself is for staff.
 */
export function useCommunes(): { code: string; name: string }[] {
  const list = useOnce((agencies ??= api<Agency[]>('/agencies')));
  return list
    .filter((a) => a.communeCode)
    .map((a) => ({ code: a.communeCode as string, name: a.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

function useOnce<T>(promise: Promise<T[]>): T[] {
  const [list, setList] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    promise.then(
      (l) => live && setList(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [promise]);
  return list;
}

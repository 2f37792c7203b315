// Categories and agencies: read once per session, reloaded by the admin pages after a change.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';
import { useSession } from './session';

export interface StageSla {
  screeningMinutes: number;
  acknowledgeMinutes: number;
  resolutionMinutes: number;
  reviewMinutes: number;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  groupCode?: string | null;
  priority: 'normal' | 'urgent';
  calendar: 'office' | '24x7';
  sla: { normal: StageSla; urgent: StageSla };
  escalation: { reminderAtFraction: number; level2AfterMinutes: number; level3AfterMinutes: number };
  defaultAgencyId: string | null;
  duplicateRadiusM: number;
  locationBound: boolean;
  autoAssign: boolean;
  isActive?: boolean;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  isActive: boolean;
  hasJurisdiction: boolean;
}

interface Reference {
  categories: Category[];
  agencies: Agency[];
  loaded: boolean;
  reload: () => Promise<void>;
  categoryName: (id: string | null | undefined) => string;
  agencyName: (id: string | null | undefined) => string;
}

const ReferenceContext = createContext<Reference>({
  categories: [],
  agencies: [],
  loaded: false,
  reload: async () => undefined,
  categoryName: () => '—',
  agencyName: () => '—',
});

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [categories, setCategories] = useState<Category[]>([]);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    const [c, a] = await Promise.all([api.get<Category[]>('/categories'), api.get<Agency[]>('/agencies')]);
    setCategories(c);
    setAgencies(a);
    setLoaded(true);
  }, []);

  const userId = session?.user.id;
  useEffect(() => {
    if (userId) void reload().catch(() => setLoaded(true));
  }, [userId, reload]);

  const value = useMemo<Reference>(() => {
    const cats = new Map(categories.map((c) => [c.id, c.name]));
    const ags = new Map(agencies.map((a) => [a.id, a.name]));
    return {
      categories,
      agencies,
      loaded,
      reload,
      categoryName: (id) => (id ? (cats.get(id) ?? '—') : '—'),
      agencyName: (id) => (id ? (ags.get(id) ?? '—') : '—'),
    };
  }, [categories, agencies, loaded, reload]);

  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export const useReference = () => useContext(ReferenceContext);

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { getSession, onSession, type Role, type Session, type User } from './api';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(getSession);
  useEffect(() => onSession(setSession), []);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

export function useUser(): User {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useUser outside a session');
  return s.user;
}

export const hasRole = (user: User | null | undefined, ...roles: Role[]) =>
  !!user && user.roles.some((r) => roles.includes(r));

export interface Desk {
  key: string;
  path: string;
  label: string;
  roles: Role[];
}

/** Each staff role's own desk, in the order a user holding several roles sees them. */
export const DESKS: Desk[] = [
  { key: 'hotline', path: '/tong-dai', label: 'Tổng đài 1022', roles: ['operator'] },
  { key: 'screening', path: '/sang-loc', label: 'Sàng lọc', roles: ['screener'] },
  { key: 'agency', path: '/xu-ly', label: 'Xử lý', roles: ['agency_officer', 'agency_leader'] },
  { key: 'leadership', path: '/lanh-dao', label: 'Lãnh đạo', roles: ['leader', 'admin'] },
  // Every staff role finds and opens cases here (an agency its own: the API decides what each sees).
  {
    key: 'register',
    path: '/ho-so',
    label: 'Tra cứu hồ sơ',
    roles: ['operator', 'screener', 'agency_officer', 'agency_leader', 'leader', 'admin'],
  },
  { key: 'admin', path: '/quan-tri', label: 'Quản trị', roles: ['admin'] },
];

const HOME_OF_ROLE: Partial<Record<Role, string>> = {
  operator: '/tong-dai',
  screener: '/sang-loc',
  agency_officer: '/xu-ly',
  agency_leader: '/xu-ly',
  leader: '/lanh-dao',
  admin: '/quan-tri',
};

export const desksOf = (user: User) => DESKS.filter((d) => hasRole(user, ...d.roles));

/** Where a user lands after logging in: the desk of their first staff role. */
export function homeOf(user: User): string | null {
  for (const r of user.roles) if (HOME_OF_ROLE[r]) return HOME_OF_ROLE[r]!;
  return null;
}

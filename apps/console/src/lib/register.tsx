// The register's filters and the URL that carries them (/ho-so?status=received&agencyId=…): the one place that
// turns a filter into a link, so every number on the leaders' desk and every queue opens the same list.
import { REPORT_STATUSES, type ReportStatus } from '@app/workflow';
import type { ReportListQuery } from './client';

export const REGISTER_PATH = '/ho-so';
export const casePath = (id: string) => `${REGISTER_PATH}/${id}`;

export type RegisterSort = NonNullable<ReportListQuery['sort']>;

export interface RegisterFilters {
  q?: string;
  status?: ReportStatus[];
  agencyId?: string;
  categoryId?: string;
  channel?: string;
  /** The commune's official code (communes of the 2025 reorganisation). */
  communeCode?: string;
  /** `me`, `none` or an officer's id: whom the agency's leader delegated the case to. */
  assignee?: string;
  overdue?: boolean;
  /** Vietnamese calendar days, yyyy-MM-dd; `to` includes its day (the API reads bare dates so). */
  from?: string;
  to?: string;
  sort?: RegisterSort;
  page?: number;
}

/** The list's orders, as the API names them (one label for each: a new one fails the type check here). */
export const SORT_LABEL: Record<RegisterSort, string> = {
  created_desc: 'Mới tiếp nhận trước',
  created_asc: 'Cũ nhất trước',
  due_asc: 'Hạn gần nhất trước',
  overdue_desc: 'Quá hạn lâu nhất trước',
  updated_desc: 'Mới cập nhật trước',
};
const SORTS = Object.keys(SORT_LABEL) as RegisterSort[];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): RegisterFilters {
  const p = new URLSearchParams(search);
  const text = (k: string) => p.get(k)?.trim() || undefined;
  const status = (p.get('status') ?? '')
    .split(',')
    .filter((s): s is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(s));
  const page = Number(p.get('page'));
  const sort = p.get('sort') as RegisterSort | null;
  return {
    q: text('q'),
    status: status.length ? status : undefined,
    agencyId: text('agencyId'),
    categoryId: text('categoryId'),
    channel: text('channel'),
    communeCode: text('communeCode'),
    assignee: text('assignee'),
    overdue: p.get('overdue') === 'true' ? true : undefined,
    from: DAY.test(p.get('from') ?? '') ? p.get('from')! : undefined,
    to: DAY.test(p.get('to') ?? '') ? p.get('to')! : undefined,
    sort: sort && SORTS.includes(sort) ? sort : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

/** The register's path with these filters in its query string. */
export function registerPath(f: RegisterFilters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status?.length) p.set('status', f.status.join(','));
  for (const k of ['agencyId', 'categoryId', 'channel', 'communeCode', 'assignee', 'from', 'to', 'sort'] as const)
    if (f[k]) p.set(k, f[k]!);
  if (f.overdue) p.set('overdue', 'true');
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const qs = p.toString();
  return qs ? `${REGISTER_PATH}?${qs}` : REGISTER_PATH;
}

export const PAGE_SIZE = 20;

/** The staff list's query for these filters. */
export const listQuery = (f: RegisterFilters): ReportListQuery => ({
  q: f.q,
  status: f.status,
  agencyId: f.agencyId,
  categoryId: f.categoryId,
  channel: f.channel,
  communeCode: f.communeCode,
  assignee: f.assignee,
  overdue: f.overdue,
  from: f.from,
  to: f.to,
  sort: f.sort ?? 'created_desc',
  page: f.page ?? 1,
  pageSize: PAGE_SIZE,
});

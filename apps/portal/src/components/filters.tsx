// The filters of the published cases (commune, category, status, period), kept in the page's URL so that a view can
// be shared; the map and the list read the same ones.
import { useLocation } from 'preact-iso';
import { query } from '../api';
import { useCategories, useCommunes } from '../data';
import { STATUS_LABEL, STATUSES } from '../format';

export const FILTER_KEYS = ['communeCode', 'categoryId', 'status', 'from', 'to'] as const;
export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function useFilters(): [Filters, (f: Filters) => void] {
  const { query: q, path, route } = useLocation();
  const filters: Filters = {};
  for (const k of FILTER_KEYS) if (q[k]) filters[k] = q[k];
  return [filters, (f) => route(`${path}${query(f)}`, true)];
}

export function FilterForm({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const categories = useCategories();
  const communes = useCommunes();
  const set = (key: keyof Filters) => (e: Event) =>
    onChange({ ...filters, [key]: (e.currentTarget as HTMLInputElement).value || undefined });
  return (
    <form class="pa-filters" aria-label="Lọc phản ánh" onSubmit={(e) => e.preventDefault()}>
      <label>
        Xã, phường
        <select value={filters.communeCode ?? ''} onChange={set('communeCode')}>
          <option value="">Tất cả</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Lĩnh vực
        <select value={filters.categoryId ?? ''} onChange={set('categoryId')}>
          <option value="">Tất cả</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Trạng thái
        <select value={filters.status ?? ''} onChange={set('status')}>
          <option value="">Tất cả</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Từ ngày
        <input type="date" value={filters.from ?? ''} onChange={set('from')} />
      </label>
      <label>
        Đến ngày
        <input type="date" value={filters.to ?? ''} onChange={set('to')} />
      </label>
    </form>
  );
}

// Picking a commune (xã, phường, đặc khu) by typing: the server searches names without accents or case, and codes
// (GET /communes, docs/api.md#communes), so it works where map tiles cannot be reached.
import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, data } from '../lib/client';

const label = (c: { code: string; name: string }) => `${c.name} (${c.code})`;

/** A Select of communes by code: usable alone or as a Form.Item's control (value, onChange, id). */
export function CommuneSelect({
  value,
  onChange,
  id,
  placeholder = 'Gõ tên xã, phường',
  ariaLabel = 'Xã, phường',
  allowClear = true,
}: {
  value?: string;
  onChange?: (code?: string) => void;
  id?: string;
  placeholder?: string;
  ariaLabel?: string;
  allowClear?: boolean;
}) {
  const [q, setQ] = useState('');
  const communes = useQuery({
    queryKey: ['communes', q],
    queryFn: () => data(client.GET('/api/v1/communes', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
  });
  const options = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: label(c) }));
  const missing = !!value && !options.some((o) => o.value === value);
  // The chosen commune's name when the current search does not list it (a URL's code, a case's commune).
  const chosen = useQuery({
    queryKey: ['communes', 'code', value],
    queryFn: () => data(client.GET('/api/v1/communes/{code}', { params: { path: { code: value! } } })),
    enabled: missing,
    staleTime: Infinity,
  });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      style={{ width: '100%' }}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      options={missing ? [{ value, label: chosen.data ? label(chosen.data) : value }, ...options] : options}
      notFoundContent={communes.isFetching ? 'Đang tìm…' : 'Không có xã, phường nào khớp'}
    />
  );
}

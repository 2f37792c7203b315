// Choosing one of an agency's officers for a case (delegate), with each officer's load (docs/domain.md#delegation).
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../lib/client';

/** The Select's value for "no one" (the API's null: the case goes back to the whole agency). */
export const UNASSIGNED = '';

/** The agency's officers with their open and overdue cases (GET /reports/workload), busiest first. */
export function OfficerSelect({
  agencyId,
  current,
  ...field
}: {
  agencyId: string | null;
  current: string | null;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const workload = useQuery({
    queryKey: ['reports', 'workload', agencyId],
    queryFn: () =>
      data(client.GET('/api/v1/reports/workload', { params: { query: { agencyId: agencyId ?? undefined } } })),
  });
  const options = (workload.data?.officers ?? [])
    .filter((o) => o.active)
    .map((o) => ({
      value: o.id,
      label: `${o.fullName} — ${o.open} đang xử lý${o.overdue ? `, ${o.overdue} quá hạn` : ''}`,
    }));
  return (
    <Select
      {...field}
      loading={workload.isLoading}
      placeholder="Chọn cán bộ"
      options={current ? [{ value: UNASSIGNED, label: 'Không giao ai (trả về cơ quan)' }, ...options] : options}
    />
  );
}

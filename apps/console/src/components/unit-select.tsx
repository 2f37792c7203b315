// Choosing a unit of the case's agency to hand the case down to (docs/domain.md#passing-a-case-down).
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../lib/client';

/** The active agencies whose parent is `agencyId` (GET /agencies, the public list). */
export function UnitSelect({
  agencyId,
  ...field
}: {
  agencyId: string | null;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => data(client.GET('/api/v1/agencies')) });
  const options = (agencies.data ?? [])
    .filter((a) => a.isActive && a.parentId !== null && a.parentId === agencyId)
    .map((a) => ({ value: a.id, label: a.name }));
  return (
    <Select
      {...field}
      loading={agencies.isLoading}
      placeholder="Chọn đơn vị cấp dưới"
      notFoundContent="Cơ quan chưa có đơn vị cấp dưới"
      options={options}
    />
  );
}

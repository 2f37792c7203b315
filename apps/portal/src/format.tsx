// How the portal writes statuses, dates and rates, in Vietnamese.
import { STATUS_LABEL } from '@app/workflow/labels';
import { formatDate } from '@app/common/vietnam-time';
import type { Status } from './types';

export { formatDate, STATUS_LABEL };

/** Statuses a citizen can filter by, in the order a case goes through them. */
export const STATUSES = Object.keys(STATUS_LABEL) as Status[];

export function StatusTag({ status }: { status: Status }) {
  return <span class={`pa-status pa-status-${status}`}>{STATUS_LABEL[status]}</span>;
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

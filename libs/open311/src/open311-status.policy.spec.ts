import { REPORT_STATUSES } from '@app/workflow';
import { OPEN311_STATUS, statusesFor, statusNotes } from './open311-status.policy';

describe('Open311 status mapping', () => {
  it('maps every status; only published answers and cancellations are closed', () => {
    const closed = REPORT_STATUSES.filter((s) => OPEN311_STATUS[s].status === 'closed');
    expect(closed.sort()).toEqual(['cancelled', 'closed', 'resolved']);
    expect(statusesFor('closed')!.sort()).toEqual(closed);
    expect(statusesFor('open')).toHaveLength(REPORT_STATUSES.length - closed.length);
    expect(statusesFor('pending')).toBeUndefined();
  });

  it('explains cancellations in status_notes', () => {
    expect(statusNotes('cancelled', 'duplicate')).toBe('Đã hủy: trùng với phản ánh khác');
    expect(statusNotes('received', null)).toBe('Chờ sàng lọc');
  });
});

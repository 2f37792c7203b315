import { createWorkingCalendar } from '@app/calendar';
import { DeadlineFields, decideDeadlineCheck } from './deadline-check';

const h24 = createWorkingCalendar('24x7');
const office = createWorkingCalendar('office');
const escalation = { level2AfterMinutes: 60, level3AfterMinutes: 180 };
const now = new Date('2026-11-20T10:00:00+07:00');
const min = (m: number) => new Date(now.getTime() + m * 60_000);

const report = (over: Partial<DeadlineFields> = {}): DeadlineFields => ({
  status: 'assigned',
  stage: 'acknowledge',
  stageVersion: 3,
  dueAt: min(60),
  nextCheckAt: min(-1),
  remindedAt: null,
  escalationLevel: 0,
  wasOverdue: false,
  agencyId: 'agency-a',
  ...over,
});
const decide = (r: DeadlineFields, stageVersion?: number, calendar = h24) =>
  decideDeadlineCheck(r, escalation, calendar, now, stageVersion);
const levels = (r: DeadlineFields) => decide(r)!.events.map((e) => (e.type === 'report.overdue' ? e.data.level : null));

describe('decideDeadlineCheck', () => {
  it('reminds once before the deadline, then waits for the deadline', () => {
    const out = decide(report())!;
    expect(out.changes).toEqual({ remindedAt: now, escalationLevel: 0, wasOverdue: false, nextCheckAt: min(60) });
    expect(out.events).toEqual([
      {
        type: 'report.reminder',
        data: { stage: 'acknowledge', dueAt: min(60).toISOString() },
        fromStatus: 'assigned',
        toStatus: 'assigned',
        internal: true,
      },
    ]);
    const again = decide(report({ remindedAt: min(-30) }))!;
    expect(again).toEqual({
      changes: { remindedAt: min(-30), escalationLevel: 0, wasOverdue: false, nextCheckAt: min(60) },
      events: [],
    });
  });

  it('records every level reached and not yet recorded, in order, then waits for the next', () => {
    expect(levels(report({ dueAt: min(0) }))).toEqual([1]);
    expect(decide(report({ dueAt: min(-30) }))!.changes).toEqual({
      remindedAt: null,
      escalationLevel: 1,
      wasOverdue: true,
      nextCheckAt: min(30),
    });
    expect(levels(report({ dueAt: min(-90) }))).toEqual([1, 2]);
    expect(decide(report({ dueAt: min(-90) }))!.changes).toMatchObject({ escalationLevel: 2, nextCheckAt: min(90) });
    expect(levels(report({ dueAt: min(-300) }))).toEqual([1, 2, 3]);
    expect(decide(report({ dueAt: min(-300) }))!.changes).toMatchObject({ escalationLevel: 3, nextCheckAt: null });
    expect(levels(report({ dueAt: min(-90), escalationLevel: 1, wasOverdue: true }))).toEqual([2]);
    expect(decide(report({ dueAt: min(-300) }))!.events[2]).toEqual({
      type: 'report.overdue',
      data: { level: 3, stage: 'acknowledge', dueAt: min(-300).toISOString(), agencyId: 'agency-a' },
      fromStatus: 'assigned',
      toStatus: 'assigned',
      internal: true,
    });
  });

  it('counts the levels in the working calendar', () => {
    // Friday 16:00 due, checked Monday 08:00: 1 h of Friday and 30 min of Monday are working time, level 2 (60 min) is reached.
    const friday = new Date('2026-11-20T16:00:00+07:00');
    const monday = new Date('2026-11-23T08:00:00+07:00');
    const out = decideDeadlineCheck(report({ dueAt: friday }), escalation, office, monday)!;
    expect(out.events.map((e) => (e.type === 'report.overdue' ? e.data.level : null))).toEqual([1, 2]);
    expect(out.changes.nextCheckAt).toEqual(office.addWorkingMinutes(friday, 180));
  });

  it('does nothing when nothing is due, for a stale stage version, or without a deadline', () => {
    expect(decide(report({ nextCheckAt: min(1) }))).toBeNull();
    expect(decide(report({ nextCheckAt: null }))).toBeNull();
    expect(decide(report(), 2)).toBeNull();
    expect(decide(report(), 3)).not.toBeNull();
    expect(decide(report({ stage: null }))).toBeNull();
    expect(decide(report({ dueAt: null }))).toBeNull();
  });
});

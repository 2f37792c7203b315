import { createWorkingCalendar } from '@app/calendar';
import { applyClock, ClockFields } from './report-clock';
import { defaultSla } from '../../reference/src/reference-defaults';

const office = createWorkingCalendar('office');
const sla = defaultSla('office');
const at = (iso: string) => new Date(iso);

const fresh = (over: Partial<ClockFields> = {}): ClockFields & { priority: 'normal' } => ({
  stage: null,
  stageVersion: 0,
  dueAt: null,
  resolutionDueAt: null,
  pausedAt: null,
  pausedRemainingMinutes: null,
  escalationLevel: 0,
  remindedAt: null,
  wasOverdue: false,
  nextCheckAt: null,
  priority: 'normal',
  ...over,
});

describe('applyClock', () => {
  it('starts screening with 8 working hours: Friday 16:00 is due Monday 16:30', () => {
    const out = applyClock(
      { kind: 'start', stage: 'screening', fresh: true },
      { report: fresh(), sla, calendar: office, reminderAtFraction: 0.75, now: at('2026-11-20T16:00:00+07:00') },
    );
    expect(out).toMatchObject({ stage: 'screening', stageVersion: 1, escalationLevel: 0 });
    expect(out.dueAt!.toISOString()).toBe(at('2026-11-23T16:30:00+07:00').toISOString());
    // The reminder comes after 75 % of the 480 working minutes (360): Friday 1 h, Monday 07:30–11:30 and 13:30–14:30.
    expect(out.nextCheckAt!.toISOString()).toBe(at('2026-11-23T14:30:00+07:00').toISOString());
  });

  it('sets acknowledgement and resolution deadlines at assignment', () => {
    const now = at('2026-11-23T08:00:00+07:00');
    const out = applyClock(
      { kind: 'start', stage: 'acknowledge', fresh: true },
      { report: fresh(), sla, calendar: office, reminderAtFraction: 0.75, now },
    );
    expect(out.stage).toBe('acknowledge');
    // 8 working hours: 08:00–11:30 and 13:30–17:00 on Monday (7 h), then 07:30–08:30 on Tuesday.
    expect(out.dueAt!.toISOString()).toBe(at('2026-11-24T08:30:00+07:00').toISOString());
    // 5 working days of 7.5 h from Monday 08:00 → next Monday 08:00.
    expect(out.resolutionDueAt!.toISOString()).toBe(at('2026-11-30T08:00:00+07:00').toISOString());
  });

  it('keeps the resolution deadline when acknowledging, renews it on reopen', () => {
    const resolutionDueAt = at('2026-11-30T08:00:00+07:00');
    const report = fresh({ stage: 'acknowledge', resolutionDueAt, dueAt: at('2026-11-24T08:00:00+07:00') });
    const now = at('2026-11-23T09:00:00+07:00');
    const kept = applyClock(
      { kind: 'start', stage: 'resolution', fresh: false },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now },
    );
    expect(kept.dueAt).toEqual(resolutionDueAt);
    const renewed = applyClock(
      { kind: 'start', stage: 'resolution', fresh: true },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now },
    );
    expect(renewed.dueAt!.toISOString()).toBe(at('2026-11-30T09:00:00+07:00').toISOString());
  });

  it('pauses with the remaining working time and resumes with exactly that much', () => {
    const dueAt = at('2026-11-23T16:30:00+07:00');
    const report = fresh({ stage: 'screening', stageVersion: 1, dueAt });
    const paused = applyClock(
      { kind: 'pause' },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now: at('2026-11-23T10:30:00+07:00') },
    );
    // 10:30–11:30 (60) + 13:30–16:30 (180)
    expect(paused).toMatchObject({ dueAt: null, pausedRemainingMinutes: 240, stageVersion: 2 });
    const resumed = applyClock(
      { kind: 'resume' },
      {
        report: { ...report, ...paused } as ClockFields & { priority: 'normal' },
        sla,
        calendar: office,
        reminderAtFraction: 0.75,
        now: at('2026-11-25T15:00:00+07:00'),
      },
    );
    // 15:00–17:00 (120) then 07:30–09:30 next day (120)
    expect(resumed.dueAt!.toISOString()).toBe(at('2026-11-26T09:30:00+07:00').toISOString());
    expect(resumed.stageVersion).toBe(3);
  });

  it('remembers lateness when a stage ends after its deadline', () => {
    const report = fresh({ stage: 'review', dueAt: at('2026-11-23T09:00:00+07:00') });
    const out = applyClock(
      { kind: 'stop' },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now: at('2026-11-23T10:00:00+07:00') },
    );
    expect(out).toMatchObject({ stage: null, dueAt: null, wasOverdue: true });
    const onTime = applyClock(
      { kind: 'stop' },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now: at('2026-11-23T08:00:00+07:00') },
    );
    expect(onTime.wasOverdue).toBe(false);
  });

  it('moves the resolution deadline by the approved working days', () => {
    const resolutionDueAt = at('2026-11-30T08:00:00+07:00');
    const report = fresh({ stage: 'resolution', resolutionDueAt, dueAt: resolutionDueAt });
    const out = applyClock(
      { kind: 'extend', workingDays: 2 },
      { report, sla, calendar: office, reminderAtFraction: 0.75, now: at('2026-11-27T08:00:00+07:00') },
    );
    expect(out.resolutionDueAt!.toISOString()).toBe(at('2026-12-02T08:00:00+07:00').toISOString());
    expect(out.dueAt).toEqual(out.resolutionDueAt);
  });
});

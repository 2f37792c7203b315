import { createWorkingCalendar } from '@app/calendar';
import { applyClock, ClockFields } from './report-clock';
import { defaultSla } from '@app/calendar';

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

  it('sets the resolution deadline a case is handed down or back up with (docs/domain.md#passing-a-case-down)', () => {
    const now = at('2026-11-27T08:00:00+07:00');
    const given = at('2026-11-30T08:00:00+07:00');
    const input = (report: ReturnType<typeof fresh>) => ({
      report,
      sla,
      calendar: office,
      reminderAtFraction: 0.75,
      now,
    });
    const shorter = at('2026-11-27T16:00:00+07:00');
    // In the resolution stage the running deadline moves, with a fresh reminder and escalation.
    const resolving = fresh({ stage: 'resolution', resolutionDueAt: given, dueAt: given, escalationLevel: 1 });
    const out = applyClock({ kind: 'set_resolution', dueAt: shorter }, input(resolving));
    expect(out).toMatchObject({ resolutionDueAt: shorter, dueAt: shorter, escalationLevel: 0, remindedAt: null });
    expect(out.stageVersion).toBe(1);
    // Waiting for acknowledgement: only the resolution deadline moves; nothing given: nothing changes.
    const acknowledging = fresh({
      stage: 'acknowledge',
      resolutionDueAt: given,
      dueAt: at('2026-11-27T15:00:00+07:00'),
    });
    expect(applyClock({ kind: 'set_resolution', dueAt: shorter }, input(acknowledging))).toEqual({
      stageVersion: 1,
      wasOverdue: false,
      resolutionDueAt: shorter,
    });
    expect(applyClock({ kind: 'set_resolution', dueAt: null }, input(resolving))).toEqual({});
  });
});

describe('applyClock: recompute after a reclassification', () => {
  const MON_0830 = at('2026-11-23T08:30:00+07:00');
  // A screening deadline of Monday 16:30: at Monday 08:30, 360 working minutes are left of 480.
  const screening = (over: Partial<ClockFields> = {}) =>
    fresh({ stage: 'screening', stageVersion: 1, dueAt: at('2026-11-23T16:30:00+07:00'), ...over });
  const longer = {
    ...sla,
    normal: { ...sla.normal, screeningMinutes: sla.normal.screeningMinutes + 900, resolutionMinutes: 2700 },
  };
  const recompute = (
    report: ClockFields & { priority: 'normal' | 'urgent' },
    newSla = sla,
    now = MON_0830,
    calendar = office,
  ) =>
    applyClock(
      { kind: 'recompute' },
      {
        report,
        sla: newSla,
        calendar,
        reminderAtFraction: 0.75,
        now,
        before: { sla, calendar: office, priority: 'normal' },
      },
    );

  it('adds what the new SLA adds, in working time: 360 left + 900 is Wednesday 16:30', () => {
    const out = recompute(screening({ escalationLevel: 1, remindedAt: at('2026-11-23T08:00:00+07:00') }), longer);
    expect(out.dueAt!.toISOString()).toBe(at('2026-11-25T16:30:00+07:00').toISOString());
    // A later deadline: the reminder and escalation start again, as after an extension.
    expect(out).toMatchObject({ stageVersion: 2, escalationLevel: 0, remindedAt: null });
    expect(out.nextCheckAt!.getTime()).toBeLessThan(out.dueAt!.getTime());
  });

  it('makes a case the new SLA has run out for due now, so the deadline check escalates it at once', () => {
    // Urgent screening is 30 minutes; 120 are used already.
    const out = recompute({ ...screening(), priority: 'urgent' });
    expect(out).toMatchObject({ dueAt: MON_0830, nextCheckAt: MON_0830 });
  });

  it('keeps an earlier deadline in the future without a second reminder', () => {
    const shorter = { ...sla, normal: { ...sla.normal, screeningMinutes: 240 } };
    const remindedAt = at('2026-11-23T08:00:00+07:00');
    const out = recompute(screening({ remindedAt }), shorter);
    // 360 − 240 = 120 left: Monday 10:30.
    expect(out.dueAt!.toISOString()).toBe(at('2026-11-23T10:30:00+07:00').toISOString());
    expect(out).toMatchObject({ remindedAt, nextCheckAt: out.dueAt });
  });

  it('leaves a passed deadline that stays passed where it was', () => {
    const dueAt = at('2026-11-20T16:30:00+07:00');
    const out = recompute(screening({ dueAt, escalationLevel: 2 }), {
      ...sla,
      normal: { ...sla.normal, screeningMinutes: 540 },
    });
    expect(out).toEqual({});
  });

  it('moves the resolution deadline beside the acknowledgement deadline', () => {
    const report = fresh({
      stage: 'acknowledge',
      stageVersion: 3,
      dueAt: at('2026-11-24T08:30:00+07:00'),
      resolutionDueAt: at('2026-11-30T08:00:00+07:00'),
    });
    const out = recompute(report, longer);
    expect(out.dueAt!.toISOString()).toBe(report.dueAt!.toISOString());
    // 450 more working minutes: one office day.
    expect(out.resolutionDueAt!.toISOString()).toBe(at('2026-12-01T08:00:00+07:00').toISOString());
  });

  it('changes the time left of a paused stage by the same difference', () => {
    const paused = fresh({ stage: 'screening', pausedAt: MON_0830, pausedRemainingMinutes: 240 });
    expect(recompute({ ...paused, priority: 'urgent' })).toMatchObject({ pausedRemainingMinutes: -210 });
  });

  it('counts what was left in the old calendar around the clock in a 24x7 one', () => {
    const out = recompute(screening(), defaultSla('24x7'), MON_0830, createWorkingCalendar('24x7'));
    expect(out.dueAt!.toISOString()).toBe(at('2026-11-23T14:30:00+07:00').toISOString());
  });

  it('changes nothing when the deadlines stay the same', () => {
    expect(recompute(screening())).toEqual({});
  });
});

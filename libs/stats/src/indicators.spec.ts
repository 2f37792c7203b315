import {
  countIndicators,
  fullStatusCounts,
  groupCounts,
  IndicatorFacts,
  isComplainedLate,
  isHandled,
  isNotSatisfied,
  isOnTime,
  median,
  minutesToHours,
  onTimeRate,
  satisfactionRate,
} from './indicators';

const at = (iso: string) => new Date(iso);
const DUE = at('2024-05-10T10:00:00Z');
const handled = (over: Partial<IndicatorFacts> = {}): IndicatorFacts => ({
  status: 'resolved',
  handledAt: at('2024-05-09T03:00:00Z'),
  resolutionDueAt: DUE,
  wasOverdue: false,
  ratingSatisfied: null,
  reopened: false,
  ...over,
});

describe('Decision 766 indicators', () => {
  it('counts as handled only resolved and closed reports with a result', () => {
    expect(isHandled(handled())).toBe(true);
    expect(isHandled(handled({ status: 'closed' }))).toBe(true);
    for (const status of ['pending_review', 'in_progress', 'assigned', 'need_info', 'received', 'cancelled'] as const) {
      expect(isHandled(handled({ status }))).toBe(false);
    }
    expect(isHandled(handled({ handledAt: null }))).toBe(false);
  });

  it('is on time when handled on or before the (moved) deadline and never overdue', () => {
    expect(isOnTime(handled())).toBe(true);
    expect(isOnTime(handled({ handledAt: DUE }))).toBe(true); // "on or before"
    expect(isOnTime(handled({ handledAt: new Date(DUE.getTime() + 1) }))).toBe(false);
    // Late at screening or review: not on time even though the agency met its own deadline.
    expect(isOnTime(handled({ wasOverdue: true }))).toBe(false);
    // A paused case: its deadline was moved by the pause, so the moved deadline is what counts.
    const paused = handled({ handledAt: at('2024-05-20T03:00:00Z'), resolutionDueAt: at('2024-05-21T03:00:00Z') });
    expect(isOnTime(paused)).toBe(true);
    expect(isOnTime(handled({ resolutionDueAt: null }))).toBe(true);
    expect(isOnTime(handled({ resolutionDueAt: null, wasOverdue: true }))).toBe(false);
    expect(isOnTime(handled({ status: 'pending_review' }))).toBe(false);
  });

  it('counts a report at most once as dissatisfied: not satisfied wins over reopened', () => {
    expect(isNotSatisfied(handled({ ratingSatisfied: false }))).toBe(true);
    expect(isNotSatisfied(handled({ ratingSatisfied: null }))).toBe(false);
    expect(isComplainedLate(handled({ reopened: true }))).toBe(true);
    expect(isComplainedLate(handled({ reopened: true, ratingSatisfied: true }))).toBe(true);
    expect(isComplainedLate(handled({ reopened: true, ratingSatisfied: false }))).toBe(false);
  });

  it('computes both rates from a mixed set', () => {
    const rows = [
      handled({ ratingSatisfied: true }),
      handled({ ratingSatisfied: false }),
      handled({ wasOverdue: true, handledAt: new Date(DUE.getTime() + 3600_000) }),
      handled({ wasOverdue: true }),
      handled({ reopened: true }),
      handled({ reopened: true, ratingSatisfied: false }),
      handled({ status: 'closed' }),
      handled({ status: 'need_info', handledAt: null }), // not handled: in neither rate
      handled({ status: 'pending_review', ratingSatisfied: false }),
    ];
    const counts = countIndicators(rows);
    // Rated: the first, second and sixth (the pending review's rating is not of a handled case).
    expect(counts).toEqual({ handled: 7, onTime: 5, notSatisfied: 2, complainedLate: 1, rated: 3 });
    expect(onTimeRate(counts)).toBe(0.7143);
    expect(satisfactionRate(counts)).toBe(0.5714); // (7 - 2 - 1) / 7
  });

  it('has no rate without handled reports, and unrated reports count as satisfied', () => {
    expect(onTimeRate({ handled: 0, onTime: 0 })).toBeNull();
    expect(satisfactionRate({ handled: 0, onTime: 0, notSatisfied: 0, complainedLate: 0 })).toBeNull();
    expect(satisfactionRate({ handled: 4, onTime: 0, notSatisfied: 0, complainedLate: 0 })).toBe(1);
  });

  it('folds statuses into the provincial groups', () => {
    const byStatus = {
      resolved: 400,
      closed: 83,
      need_info: 290,
      cancelled: 80,
      assigned: 30,
      in_progress: 60,
      pending_review: 27,
    };
    expect(groupCounts(byStatus)).toEqual({
      resolved: 483,
      needInfo: 290,
      cancelled: 80,
      inProgress: 117,
      waitingScreening: 0,
    });
    expect(fullStatusCounts({ received: 2 })).toEqual({
      received: 2,
      need_info: 0,
      assigned: 0,
      in_progress: 0,
      pending_review: 0,
      resolved: 0,
      closed: 0,
      cancelled: 0,
    });
  });

  it('takes the median as percentile_cont(0.5) does and shows hours with two decimals', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(100)).toBe(1.67);
    expect(minutesToHours(null)).toBeNull();
  });
});

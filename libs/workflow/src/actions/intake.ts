// Actions on a new report: the centre's screening (assign, ask, reject, duplicates) and the reporter's own
// (answer, withdraw). One entry each: action-definition.ts says what an entry holds.
import { LIMITS, choice, id, ids, optional, point, text } from '../action-body';
import { STOP, defineAction, invalidTransition, start, validationFailed } from '../action-definition';
import { PRIORITIES, type LatLng, type ReportState, type ReportStatus } from '../workflow.types';
import { cancel, changeAgency, leaveAgency } from './helpers';

/** A commune's official code: 5 digits (whether it exists is the effect's check, on the loaded commune). */
const COMMUNE_CODE_LENGTH = 5;
/** A typed address, as long as one given at filing (CreateReportDto). */
const ADDRESS_LENGTH = 500;

/** Open cases: filed and not yet resolved, closed or cancelled. */
const OPEN: readonly ReportStatus[] = ['received', 'need_info', 'assigned', 'in_progress', 'pending_review'];

const pointOf = (report: Pick<ReportState, 'location'>): LatLng | null =>
  report.location ? { lat: report.location.coordinates[1], lng: report.location.coordinates[0] } : null;

/** `{ from, to }` when the body gives a value other than the report's, else null (unchanged). */
const change = <T>(from: T, to: T | undefined, same = (a: T, b: T) => a === b) =>
  to === undefined || same(from, to) ? null : { from, to };
const samePoint = (a: LatLng | null, b: LatLng | null) =>
  a !== null && b !== null && a.lat === b.lat && a.lng === b.lng;

export const INTAKE_ACTIONS = {
  assign: defineAction({
    label: 'Chuyển xử lý',
    body: { agencyId: id(), note: optional(text(LIMITS.shortText)) },
    // The system assigns only a fresh report, and only where its category opts in (auto_assign, libs/duplicates):
    // reassigning is always a person's decision.
    parties: ['screener', 'system'],
    from: { screener: ['received', 'assigned', 'in_progress'], system: ['received'] },
    to: 'assigned',
    events: ['report.assigned', 'report.reassigned'],
    internal: false,
    clock: start('acknowledge'),
    loads: { agency: (cmd) => cmd.agencyId },
    effect: ({ report, cmd, ctx }) => {
      // Already with that agency: the state the caller wanted to change has moved (e.g. a concurrent assign
      // won), so this is a conflict with the current state, not bad input.
      if (report.agencyId === cmd.agencyId) {
        return invalidTransition('The report is already assigned to this agency', {
          reason: 'already_assigned',
          agencyId: cmd.agencyId,
        });
      }
      if (ctx.agency?.id !== cmd.agencyId)
        return validationFailed('Unknown agency', { fields: { agencyId: ['no such agency'] } });
      const reassigned = report.agencyId !== null;
      return {
        event: reassigned ? 'report.reassigned' : 'report.assigned',
        data: { agencyId: cmd.agencyId, previousAgencyId: report.agencyId, note: cmd.note ?? null },
        patch: {
          ...(reassigned ? changeAgency(cmd.agencyId) : { agencyId: cmd.agencyId }),
          ...(report.firstAssignedAt ? {} : { firstAssignedAt: ctx.now }),
        },
      };
    },
  }),

  // The centre corrects how a case is classified (điều chỉnh phân loại): its category, priority or point, at any
  // stage before the result is approved. The running deadlines take the new SLA (clock 'recompute', report-clock.ts)
  // and routing suggests again, but the case stays with whoever holds it: moving it is `assign`'s
  // (docs/domain.md#reclassification).
  reclassify: defineAction({
    label: 'Điều chỉnh phân loại',
    body: {
      categoryId: optional(id()),
      priority: optional(choice(PRIORITIES)),
      location: optional(point()),
      // The official code; without it a new point brings the commune it lies in, where one is mapped.
      communeCode: optional(text(COMMUNE_CODE_LENGTH)),
      // The address typed by the centre (with the commune, it places a case the map cannot: docs/domain.md).
      address: optional(text(ADDRESS_LENGTH)),
      reason: optional(text(LIMITS.shortText)),
    },
    parties: ['screener'],
    from: OPEN,
    to: 'same',
    events: ['report.reclassified'],
    internal: true,
    clock: { kind: 'recompute' },
    loads: {
      reclassification: (cmd) => ({ categoryId: cmd.categoryId, location: cmd.location, communeCode: cmd.communeCode }),
    },
    effect: ({ report, cmd, ctx }) => {
      const { categoryId, location: point, communeCode } = cmd;
      const given = [categoryId, cmd.priority, point, communeCode, cmd.address];
      if (given.every((v) => v === undefined)) {
        return validationFailed('Give at least one of categoryId, priority, location, communeCode, address', {
          fields: { categoryId: ['one of categoryId, priority, location, communeCode, address is required'] },
        });
      }
      if (categoryId !== undefined && ctx.category?.id !== categoryId)
        return validationFailed('Unknown or inactive category', {
          fields: { categoryId: ['no such active category'] },
        });
      if (communeCode !== undefined && ctx.commune?.code !== communeCode)
        return validationFailed('Unknown commune', { fields: { communeCode: ['no such commune'] } });
      const category = change(report.categoryId, categoryId);
      const priority = change(report.priority, cmd.priority);
      const location = change(pointOf(report), point, samePoint) as { from: LatLng | null; to: LatLng } | null;
      // The commune named, or the one the new point lies in; a point in no mapped commune leaves it as it was.
      const commune = change(report.communeCode, communeCode ?? (location ? ctx.commune?.code : undefined));
      const address = change(report.address ?? null, cmd.address);
      // Two screeners correcting the same thing: the second finds it done.
      if (!category && !priority && !location && !commune && !address)
        return invalidTransition('The case is already classified so', { reason: 'no_change' });
      const suggestion = change(report.suggestedAgencyId, ctx.suggestedAgencyId);
      return {
        patch: {
          ...(category ? { categoryId: category.to } : {}),
          ...(priority ? { priority: priority.to } : {}),
          ...(location ? { location: location.to } : {}),
          ...(commune ? { communeCode: commune.to } : {}),
          ...(address ? { address: address.to } : {}),
          ...(suggestion ? { suggestedAgencyId: suggestion.to } : {}),
        },
        data: {
          category,
          priority,
          location,
          commune,
          address,
          suggestedAgencyId: suggestion,
          reason: cmd.reason ?? null,
        },
      };
    },
  }),

  request_info: defineAction({
    label: 'Yêu cầu bổ sung thông tin',
    body: { question: text(LIMITS.shortText) },
    parties: ['screener', 'agency'],
    from: { screener: ['received'], agency: ['in_progress'] },
    to: 'need_info',
    events: ['report.info_requested'],
    internal: false,
    clock: { kind: 'pause' },
    effect: ({ report, cmd }) => ({ patch: { pausedFromStatus: report.status }, data: { question: cmd.question } }),
  }),

  provide_info: defineAction({
    label: 'Bổ sung thông tin',
    body: { text: optional(text(LIMITS.longText)), attachmentIds: optional(ids(LIMITS.attachments)) },
    parties: ['reporter', 'hotline_operator'],
    from: ['need_info'],
    to: 'paused',
    events: ['report.info_provided'],
    internal: false,
    clock: { kind: 'resume' },
    effect: ({ cmd }) => {
      const attachmentIds = cmd.attachmentIds ?? [];
      // A photo alone is a valid answer to "send us a photo"; otherwise text is needed.
      if (!cmd.text && attachmentIds.length === 0) {
        return validationFailed('"text" is required unless photos are attached', {
          fields: { text: ['required without attachmentIds'] },
        });
      }
      return { data: { text: cmd.text ?? '', attachmentIds }, attachments: attachmentIds };
    },
  }),

  reject: defineAction({
    label: 'Từ chối',
    body: { reason: choice(['not_eligible', 'spam']), note: text(LIMITS.shortText) },
    parties: ['screener'],
    from: ['received', 'need_info'],
    to: 'cancelled',
    events: ['report.rejected'],
    internal: false,
    clock: STOP,
    effect: ({ cmd, ctx }) => ({ patch: cancel(cmd.reason, ctx.now), data: { reason: cmd.reason, note: cmd.note } }),
  }),

  mark_duplicate: defineAction({
    label: 'Đánh dấu trùng',
    body: { duplicateOfId: id() },
    parties: ['screener'],
    from: ['received', 'need_info', 'assigned'],
    to: 'cancelled',
    events: ['report.marked_duplicate'],
    internal: false,
    clock: STOP,
    loads: { duplicateMaster: (cmd) => cmd.duplicateOfId },
    effect: ({ report, cmd, ctx }) => {
      const masterId = cmd.duplicateOfId;
      if (masterId === report.id)
        return validationFailed('A report cannot be a duplicate of itself', { duplicateOfId: masterId });
      const master = ctx.duplicateMaster;
      if (!master || master.id !== masterId) {
        return validationFailed('The master report was not found', { duplicateOfId: masterId, reason: 'not_found' });
      }
      if (master.duplicateOfId !== null || master.status === 'cancelled') {
        return validationFailed('The master report is itself a duplicate or cancelled', {
          duplicateOfId: masterId,
          masterStatus: master.status,
          masterDuplicateOfId: master.duplicateOfId,
          reason: 'master_not_eligible',
        });
      }
      // Known only from other rows (loaded with the master), so allowedActions cannot see it.
      if (ctx.reportHasDuplicates === true) {
        return invalidTransition('This report is the master of other duplicates', { reason: 'has_duplicates' });
      }
      return {
        patch: cancel('duplicate', ctx.now, { duplicateOfId: masterId }),
        data: { duplicateOfId: masterId },
        // The duplicate's reporter hears everything the master's reporter hears from now on.
        follows: report.reporterId ? [{ reportId: masterId, userId: report.reporterId, via: 'duplicate' }] : [],
      };
    },
  }),

  unmark_duplicate: defineAction({
    label: 'Bỏ đánh dấu trùng',
    body: {},
    parties: ['screener'],
    from: ['cancelled'],
    to: 'received',
    events: ['report.duplicate_unmarked'],
    internal: false,
    clock: start('screening'),
    guard: ({ report }) =>
      report.cancelReason === 'duplicate'
        ? null
        : invalidTransition('Only a report cancelled as a duplicate can be unmarked', {
            reason: 'not_a_duplicate',
            cancelReason: report.cancelReason,
          }),
    effect: ({ report }) => ({
      patch: { cancelReason: null, duplicateOfId: null, cancelledAt: null, ...leaveAgency(report) },
      data: { duplicateOfId: report.duplicateOfId },
    }),
  }),

  withdraw: defineAction({
    label: 'Rút phản ánh',
    body: {},
    parties: ['reporter'],
    from: ['received', 'need_info'],
    to: 'cancelled',
    events: ['report.withdrawn'],
    internal: false,
    clock: STOP,
    effect: ({ ctx }) => ({ patch: cancel('withdrawn', ctx.now), data: {} }),
  }),
};

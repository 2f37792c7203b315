import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '@app/common';
import type { Report } from '@app/database';
import { CategoriesService } from '@app/reference';
import { placeOf, ReportsService, RoutingService } from '@app/reports';
import { autoAssignDecision, type AutoAssignDecision } from './auto-assign.policy';

/** Shown on the timeline with the system as actor, so everyone sees the assignment was automatic. */
const NOTE = 'Tự động chuyển xử lý theo đề xuất phân phối (địa bàn hoặc đơn vị mặc định của lĩnh vực)';
const ruleNote = (name: string) => `Tự động chuyển xử lý theo quy tắc phân phối "${name}"`;

export type AutoAssignOutcome =
  AutoAssignDecision | { assign: false; reason: 'not_enabled' | 'not_received' | 'suggestion_changed' | 'refused' };

/**
 * Categories that opt in (`auto_assign`) skip the screener when the routing suggestion is unambiguous. The
 * assignment is a system action through ReportsService.act, so it is locked, decided by the workflow (system
 * may assign from received only), timed and notified like a screener's.
 */
@Injectable()
export class AutoAssignService {
  private readonly logger = new Logger(AutoAssignService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportsService,
    private readonly categories: CategoriesService,
    private readonly routing: RoutingService,
  ) {}

  async run(report: Report): Promise<AutoAssignOutcome> {
    const category = await this.categories.cached(report.categoryId);
    if (!category?.autoAssign) return { assign: false, reason: 'not_enabled' };
    if (report.status !== 'received' || report.agencyId) return { assign: false, reason: 'not_received' };
    // The same rules, areas and order as the routing suggestion, with the runner-up to tell a tie apart.
    const byRule = await this.routing.ruleFor(this.db.manager, category, placeOf(report), report.createdAt);
    const containing =
      category.locationBound && !byRule ? await this.routing.owningAgencies(this.db.manager, placeOf(report), 2) : [];
    const decision = autoAssignDecision({
      ruleAgencyId: byRule?.agencyId ?? null,
      locationBound: category.locationBound,
      containing,
      defaultAgencyId: category.defaultAgencyId,
    });
    if (!decision.assign) return decision;
    // Jurisdictions edited between filing and now: the screener was shown another agency, so let them decide.
    if (decision.agencyId !== report.suggestedAgencyId) return { assign: false, reason: 'suggestion_changed' };
    try {
      await this.reports.act(
        report.id,
        { action: 'assign', agencyId: decision.agencyId, note: byRule ? ruleNote(byRule.rule.name) : NOTE },
        { kind: 'system' },
      );
      return decision;
    } catch (e) {
      // A screener acted first (INVALID_TRANSITION) or the agency was deactivated (VALIDATION_FAILED): leave it.
      if (e instanceof AppError && (e.code === 'INVALID_TRANSITION' || e.code === 'VALIDATION_FAILED')) {
        this.logger.log(`auto-assign of ${report.id} skipped: ${e.code}`);
        return { assign: false, reason: 'refused' };
      }
      throw e;
    }
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db, sql, type Category, type Report } from '@app/database';
import { CalendarService } from '@app/reference';
import { matchRoutingRule, type SuggestionRule } from './routing-rules';
import { RoutingRulesService } from './routing-rules.service';

/** Where a report is: a point, or (filed by centre staff without one) only its commune. */
export interface ReportPlace {
  location: { lat: number; lng: number } | null;
  communeCode: string | null;
}

/** The place of a stored report. */
export const placeOf = (r: Pick<Report, 'location' | 'communeCode'>): ReportPlace => ({
  location: r.location ? { lat: r.location.coordinates[1], lng: r.location.coordinates[0] } : null,
  communeCode: r.communeCode,
});

/** The agency suggested for a report, and the routing rule that chose it (null: jurisdictions or the default). */
export interface Suggestion {
  agencyId: string | null;
  rule: SuggestionRule | null;
}

/**
 * Routing suggestion (docs/domain.md#routing): the first routing rule that matches the report's category, commune
 * and time (docs/domain.md#routing-rules); without one, for a location-bound category, the agency whose
 * jurisdiction contains the point (the smallest such area, so a ward wins over the province that contains it), or
 * for a report without a point the agency of its commune; otherwise, or when none matches, the category's default
 * agency.
 */
@Injectable()
export class RoutingService {
  constructor(
    private readonly db: Db,
    private readonly rules: RoutingRulesService,
    private readonly calendars: CalendarService,
  ) {}

  /** `at`: when the report came in (a rule may hold in office hours only, or outside them). */
  async suggestIn(
    m: EntityManager,
    category: Pick<Category, 'id' | 'groupCode' | 'locationBound' | 'defaultAgencyId'>,
    place: ReportPlace,
    at: Date,
  ): Promise<Suggestion> {
    const byRule = await this.ruleFor(m, category, place, at);
    if (byRule) return byRule;
    if (category.locationBound) {
      const [first] = await this.owningAgencies(m, place, 1);
      if (first) return { agencyId: first.id, rule: null };
    }
    return { agencyId: category.defaultAgencyId, rule: null };
  }

  /** The first active rule that matches, or null (docs/domain.md#routing-rules). */
  async ruleFor(
    m: EntityManager,
    category: Pick<Category, 'id' | 'groupCode'>,
    place: ReportPlace,
    at: Date,
  ): Promise<{ agencyId: string; rule: SuggestionRule } | null> {
    const rules = await this.rules.active(this.db.fromManager(m));
    if (rules.length === 0) return null;
    // Office hours are the office calendar's working time (holidays and the admin's exceptions included).
    const office = await this.calendars.calendar('office');
    const officeHours = office.workingMinutesBetween(at, new Date(at.getTime() + 60_000)) > 0;
    return matchRoutingRule(rules, {
      categoryId: category.id,
      categoryGroup: category.groupCode,
      communeCode: place.communeCode,
      officeHours,
    });
  }

  /**
   * The active agencies whose area holds the place, smallest first: those whose jurisdiction contains the
   * point, or the agency standing for the commune of a report without a point. Auto-assignment reads the
   * first two to tell a tie apart.
   */
  async owningAgencies(
    m: EntityManager,
    place: ReportPlace,
    limit: number,
  ): Promise<Array<{ id: string; area: number }>> {
    const agencies = this.db
      .fromManager(m)
      .selectFrom('agencies')
      .select('id')
      .where('isActive', '=', true)
      .limit(limit);
    const rows = place.location
      ? await agencies
          .select(sql<number>`ST_Area(jurisdiction)`.as('area'))
          .where('jurisdiction', 'is not', null)
          .where(
            sql<boolean>`ST_Intersects(jurisdiction, ST_SetSRID(ST_MakePoint(${place.location.lng}, ${place.location.lat}), 4326))`,
          )
          .orderBy(sql`ST_Area(jurisdiction)`, 'asc')
          .execute()
      : place.communeCode
        ? await agencies
            .select(sql<number>`coalesce(ST_Area(jurisdiction), 0)`.as('area'))
            .where('communeCode', '=', place.communeCode)
            .execute()
        : [];
    return rows.map((r) => ({ id: r.id, area: Number(r.area) }));
  }
}

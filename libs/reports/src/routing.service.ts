import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db, sql, type Category, type Report } from '@app/database';

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

/**
 * Routing suggestion (docs/domain.md#routing): for a location-bound category, the agency whose jurisdiction
 * contains the point (the smallest such area, so a ward wins over the province that contains it), or for a
 * report without a point the agency of its commune; otherwise, or when none matches, the category's default
 * agency.
 */
@Injectable()
export class RoutingService {
  constructor(private readonly db: Db) {}

  async suggestIn(
    m: EntityManager,
    category: Pick<Category, 'locationBound' | 'defaultAgencyId'>,
    place: ReportPlace,
  ): Promise<string | null> {
    if (category.locationBound) {
      const [first] = await this.owningAgencies(m, place, 1);
      if (first) return first.id;
    }
    return category.defaultAgencyId;
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

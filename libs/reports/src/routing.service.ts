import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Category } from '@app/database';

/**
 * Routing suggestion (docs/domain.md#routing): for a location-bound category, the agency whose jurisdiction
 * contains the point (the smallest such area, so a ward wins over the province that contains it); otherwise,
 * or when no area contains it, the category's default agency.
 */
@Injectable()
export class RoutingService {
  async suggestIn(
    m: EntityManager,
    category: Pick<Category, 'locationBound' | 'defaultAgencyId'>,
    location: { lat: number; lng: number },
  ): Promise<string | null> {
    if (category.locationBound) {
      const [row] = await m.query(
        `SELECT id FROM agencies
          WHERE is_active AND jurisdiction IS NOT NULL
            AND ST_Intersects(jurisdiction, ST_SetSRID(ST_MakePoint($1, $2), 4326))
          ORDER BY ST_Area(jurisdiction) ASC LIMIT 1`,
        [location.lng, location.lat],
      );
      if (row) return row.id;
    }
    return category.defaultAgencyId;
  }
}

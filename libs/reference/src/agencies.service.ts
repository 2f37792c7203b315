import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError, notFound } from '@app/common';
import { Agency, Db, sql } from '@app/database';
import type { AgencyLevel } from '@app/workflow';
import { toMultiPolygon } from './jurisdiction';

export type AgencyView = Pick<
  Agency,
  'id' | 'code' | 'name' | 'parentId' | 'communeCode' | 'email' | 'level' | 'isActive'
> & {
  hasJurisdiction: boolean;
};

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    private readonly db: Db,
  ) {}

  private views() {
    return this.db.kysely
      .selectFrom('agencies')
      .select(['id', 'code', 'name', 'parentId', 'communeCode', 'email', 'isActive'])
      .select(sql<AgencyLevel>`level`.as('level'))
      .select(sql<boolean>`jurisdiction IS NOT NULL`.as('hasJurisdiction'));
  }

  async list(): Promise<AgencyView[]> {
    return this.views().orderBy('name').execute();
  }

  async get(id: string): Promise<AgencyView> {
    const row = await this.views().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Agency');
    return row;
  }

  async create(input: {
    code: string;
    name: string;
    parentId?: string | null;
    communeCode?: string | null;
    email?: string | null;
    level?: AgencyLevel;
  }): Promise<AgencyView> {
    assertLevel(input.level, input.parentId ?? null);
    await this.assertParent(undefined, input.parentId);
    await this.assertCommune(undefined, input.communeCode);
    if (await this.agencies.existsBy({ code: input.code }))
      throw new AppError('CONFLICT', 'Agency code already exists');
    const saved = await this.agencies.save(this.agencies.create({ ...input, parentId: input.parentId ?? null }));
    return this.get(saved.id);
  }

  async update(
    id: string,
    input: {
      code?: string;
      name?: string;
      parentId?: string | null;
      communeCode?: string | null;
      email?: string | null;
      level?: AgencyLevel;
      isActive?: boolean;
    },
  ): Promise<AgencyView> {
    const agency = await this.agencies.findOneBy({ id });
    if (!agency) throw notFound('Agency');
    assertLevel(input.level ?? agency.level, input.parentId === undefined ? agency.parentId : input.parentId);
    await this.assertParent(id, input.parentId);
    await this.assertCommune(id, input.communeCode);
    if (input.code && input.code !== agency.code && (await this.agencies.existsBy({ code: input.code }))) {
      throw new AppError('CONFLICT', 'Agency code already exists');
    }
    await this.agencies.update(id, input);
    return this.get(id);
  }

  /** Replaces an agency's area from GeoJSON; PostGIS checks validity so a self-crossing ring is refused. */
  async setJurisdiction(id: string, geojson: unknown): Promise<AgencyView> {
    await this.get(id);
    const multi = toMultiPolygon(geojson);
    const geojsonText = JSON.stringify(multi);
    const {
      rows: [check],
    } = await sql<{ valid: boolean; reason: string }>`
      SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
        FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojsonText}), 4326) AS g) x`.execute(this.db.kysely);
    if (!check.valid) {
      throw new AppError('VALIDATION_FAILED', 'Invalid geometry', { fields: { geometry: [check.reason] } });
    }
    await this.db.kysely
      .updateTable('agencies')
      .set({
        jurisdiction: sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${geojsonText}), 4326))`,
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /**
   * A commune's People's Committee is one agency (docs/domain.md#communes-and-addresses): the commune must be in
   * the list and no other agency may already stand for it.
   */
  private async assertCommune(id: string | undefined, communeCode: string | null | undefined): Promise<void> {
    if (!communeCode) return;
    const row = await this.db.kysely
      .selectFrom('communes as c')
      .leftJoin('agencies as a', 'a.communeCode', 'c.code')
      .select(['c.code', 'a.id as agencyId'])
      .where('c.code', '=', communeCode)
      .executeTakeFirst();
    if (!row) {
      throw new AppError('VALIDATION_FAILED', 'Unknown commune', { fields: { communeCode: ['no such commune'] } });
    }
    if (row.agencyId && row.agencyId !== id) {
      throw new AppError('CONFLICT', 'Another agency already stands for this commune', { agencyId: row.agencyId });
    }
  }

  /** A parent must exist and must not be the agency itself or one of its descendants (no cycles). */
  private async assertParent(id: string | undefined, parentId: string | null | undefined): Promise<void> {
    if (!parentId) return;
    if (!(await this.agencies.existsBy({ id: parentId }))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown parent agency', { fields: { parentId: ['no such agency'] } });
    }
    if (!id) return;
    const cycle = await this.db.kysely
      .withRecursive('up(id, parentId)', (db) =>
        db
          .selectFrom('agencies')
          .select(['id', 'parentId'])
          .where('id', '=', parentId)
          .union((u) =>
            u.selectFrom('agencies as a').innerJoin('up', 'a.id', 'up.parentId').select(['a.id', 'a.parentId']),
          ),
      )
      .selectFrom('up')
      .select(sql<number>`1`.as('one'))
      .where('id', '=', id)
      .executeTakeFirst();
    if (cycle)
      throw new AppError('VALIDATION_FAILED', 'Agency tree would have a cycle', { fields: { parentId: ['cycle'] } });
  }
}

/** A unit (phòng, tổ, đội) hangs under another agency (docs/domain.md#agency-tree). */
function assertLevel(level: AgencyLevel | undefined, parentId: string | null): void {
  if (level === 'unit' && !parentId) {
    throw new AppError('VALIDATION_FAILED', 'A unit needs a parent agency', {
      reason: 'unit_needs_parent',
      fields: { parentId: ['a unit needs a parent agency'] },
    });
  }
}

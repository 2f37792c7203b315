import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AppError, notFound } from '@app/common';
import { Agency } from '@app/database';
import { toMultiPolygon } from './jurisdiction';

export type AgencyView = Pick<Agency, 'id' | 'code' | 'name' | 'parentId' | 'communeCode' | 'isActive'> & {
  hasJurisdiction: boolean;
};

const VIEW = `id, code, name, parent_id AS "parentId", commune_code AS "communeCode", is_active AS "isActive",
              jurisdiction IS NOT NULL AS "hasJurisdiction"`;

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(): Promise<AgencyView[]> {
    return this.db.query(`SELECT ${VIEW} FROM agencies ORDER BY name`);
  }

  async get(id: string): Promise<AgencyView> {
    const [row] = await this.db.query(`SELECT ${VIEW} FROM agencies WHERE id = $1`, [id]);
    if (!row) throw notFound('Agency');
    return row;
  }

  async create(input: {
    code: string;
    name: string;
    parentId?: string | null;
    communeCode?: string | null;
  }): Promise<AgencyView> {
    await this.assertParent(undefined, input.parentId);
    await this.assertCommune(undefined, input.communeCode);
    if (await this.agencies.existsBy({ code: input.code }))
      throw new AppError('CONFLICT', 'Agency code already exists');
    const saved = await this.agencies.save(this.agencies.create({ ...input, parentId: input.parentId ?? null }));
    return this.get(saved.id);
  }

  async update(
    id: string,
    input: { code?: string; name?: string; parentId?: string | null; communeCode?: string | null; isActive?: boolean },
  ): Promise<AgencyView> {
    const agency = await this.agencies.findOneBy({ id });
    if (!agency) throw notFound('Agency');
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
    const [check] = await this.db.query(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
      [JSON.stringify(multi)],
    );
    if (!check.valid) {
      throw new AppError('VALIDATION_FAILED', 'Invalid geometry', { fields: { geometry: [check.reason] } });
    }
    await this.db.query(
      `UPDATE agencies SET jurisdiction = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(multi)],
    );
    return this.get(id);
  }

  /**
   * A commune's People's Committee is one agency (docs/domain.md#communes-and-addresses): the commune must be in
   * the list and no other agency may already stand for it.
   */
  private async assertCommune(id: string | undefined, communeCode: string | null | undefined): Promise<void> {
    if (!communeCode) return;
    const [row] = await this.db.query(
      `SELECT c.code, a.id AS "agencyId" FROM communes c LEFT JOIN agencies a ON a.commune_code = c.code
        WHERE c.code = $1`,
      [communeCode],
    );
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
    const [cycle] = await this.db.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM agencies WHERE id = $1
                             UNION SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $2`,
      [parentId, id],
    );
    if (cycle)
      throw new AppError('VALIDATION_FAILED', 'Agency tree would have a cycle', { fields: { parentId: ['cycle'] } });
  }
}

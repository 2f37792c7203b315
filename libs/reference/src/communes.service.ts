import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, normalizeText, notFound, toPage, type Page, type PageQuery } from '@app/common';
import { badFile, parseCommuneFile, type CommuneKind } from './commune-file';
import { upsertCommunes, type CommuneImportResult } from './commune-store';

export interface CommuneView {
  code: string;
  name: string;
  kind: CommuneKind;
  provinceCode: string;
  provinceName: string;
  /** The commune's People's Committee, when an agency is linked to it (agencies.commune_code). */
  agencyId: string | null;
}

/** Rows named in a refused import's details: enough to fix a file, not a second copy of it. */
const MAX_REPORTED_ERRORS = 100;

const VIEW = `c.code, c.name, c.kind, c.province_code AS "provinceCode", c.province_name AS "provinceName",
              a.id AS "agencyId"`;

/** LIKE's own wildcards in what staff type are letters, not patterns. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * The official list of communes (docs/domain.md#communes-and-addresses): imported by the admin, searched by
 * staff without accents, and the commune a point lies in, found through the jurisdiction of the agency linked
 * to each commune.
 */
@Injectable()
export class CommunesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Parses and upserts a whole file; any bad row refuses it all (400, details.reason "invalid_rows"). */
  async import(file: Buffer | string | unknown[]): Promise<CommuneImportResult> {
    const { rows, errors } = parseCommuneFile(file);
    if (errors.length) {
      throw new AppError('VALIDATION_FAILED', `${errors.length} invalid rows: nothing was imported`, {
        reason: 'invalid_rows',
        errorCount: errors.length,
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
      });
    }
    if (!rows.length) throw badFile('the file has no communes');
    return upsertCommunes(this.db, rows);
  }

  /** Staff's search: `q` matches the name or province without accents, or a code exactly. */
  async search(filter: { q?: string; provinceCode?: string }, page: PageQuery): Promise<Page<CommuneView>> {
    const q = filter.q ? normalizeText(filter.q).replace(/\s+/g, ' ') : null;
    const rows: Array<CommuneView & { total: number }> = await this.db.query(
      `SELECT ${VIEW}, count(*) OVER ()::int AS total
         FROM communes c LEFT JOIN agencies a ON a.commune_code = c.code
        WHERE ($1::text IS NULL OR c.search_text LIKE '%' || pa_unaccent($2::text) || '%' OR c.code = $1)
          AND ($3::text IS NULL OR c.province_code = $3)
        -- Names that match before communes found only by their province's name; then as Vietnamese read them.
        ORDER BY ($1::text IS NOT NULL AND pa_unaccent(c.name) LIKE '%' || pa_unaccent($2::text) || '%') DESC,
                 pa_unaccent(c.name), c.code
        LIMIT $4 OFFSET $5`,
      [q, q && likeLiteral(q), filter.provinceCode ?? null, page.pageSize, page.offset],
    );
    return toPage(
      rows.map(({ total: _total, ...view }) => view),
      rows[0]?.total ?? 0,
      page,
    );
  }

  async get(code: string): Promise<CommuneView> {
    const [row] = await this.db.query(
      `SELECT ${VIEW} FROM communes c LEFT JOIN agencies a ON a.commune_code = c.code WHERE c.code = $1`,
      [code],
    );
    if (!row) throw notFound('Commune');
    return row;
  }

  /**
   * The commune a point lies in: that of the smallest active agency's jurisdiction containing it among the
   * agencies linked to a commune (the same containment and order as routing); null outside all of them.
   */
  async resolveIn(m: EntityManager | DataSource, point: { lat: number; lng: number }): Promise<CommuneView | null> {
    const [row] = await m.query(
      `SELECT ${VIEW}
         FROM agencies a JOIN communes c ON c.code = a.commune_code
        WHERE a.is_active AND a.jurisdiction IS NOT NULL
          AND ST_Intersects(a.jurisdiction, ST_SetSRID(ST_MakePoint($1, $2), 4326))
        ORDER BY ST_Area(a.jurisdiction) ASC LIMIT 1`,
      [point.lng, point.lat],
    );
    return row ?? null;
  }

  resolve(point: { lat: number; lng: number }): Promise<CommuneView | null> {
    return this.resolveIn(this.db, point);
  }

  /** 400 on `field` unless the commune is in the list. */
  async assertExistsIn(m: EntityManager | DataSource, code: string, field = 'communeCode'): Promise<void> {
    const [row] = await m.query(`SELECT 1 FROM communes WHERE code = $1`, [code]);
    if (!row) throw new AppError('VALIDATION_FAILED', 'Unknown commune', { fields: { [field]: ['no such commune'] } });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, normalizeText, notFound, toPage, type Page, type PageQuery } from '@app/common';
import { Db, sql, type Database, type Kysely } from '@app/database';
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

/** The columns of a CommuneView, from communes `c` joined to the agencies `a` that stand for them. */
const VIEW = ['c.code', 'c.name', 'c.kind', 'c.provinceCode', 'c.provinceName', 'a.id as agencyId'] as const;

/** LIKE's own wildcards in what staff type are letters, not patterns. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * The official list of communes (docs/domain.md#communes-and-addresses): imported by the admin, searched by
 * staff without accents, and the commune a point lies in, found through the jurisdiction of the agency linked
 * to each commune.
 */
@Injectable()
export class CommunesService {
  constructor(private readonly db: Db) {}

  /** Communes with their agency, when one stands for them. */
  private views(k: Kysely<Database> = this.db.kysely) {
    return k
      .selectFrom('communes as c')
      .leftJoin('agencies as a', 'a.communeCode', 'c.code')
      .select(VIEW)
      .$narrowType<{ kind: CommuneKind }>();
  }

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
    return upsertCommunes(this.db.kysely, rows);
  }

  /** Staff's search: `q` matches the name or province without accents, or a code exactly. */
  async search(filter: { q?: string; provinceCode?: string }, page: PageQuery): Promise<Page<CommuneView>> {
    const q = filter.q ? normalizeText(filter.q).replace(/\s+/g, ' ') : null;
    const like = q && likeLiteral(q);
    let query = this.views()
      .select(sql<number>`count(*) OVER ()::int`.as('total'))
      .limit(page.pageSize)
      .offset(page.offset);
    if (q) {
      query = query
        .where((eb) =>
          eb.or([sql<boolean>`c.search_text LIKE '%' || pa_unaccent(${like}::text) || '%'`, eb('c.code', '=', q)]),
        )
        // Names that match before communes found only by their province's name; then as Vietnamese read them.
        .orderBy(sql`pa_unaccent(c.name) LIKE '%' || pa_unaccent(${like}::text) || '%'`, 'desc');
    }
    if (filter.provinceCode) query = query.where('c.provinceCode', '=', filter.provinceCode);
    const rows = await query
      .orderBy(sql`pa_unaccent(c.name)`)
      .orderBy('c.code')
      .execute();
    return toPage(
      rows.map(({ total: _total, ...view }) => view),
      rows[0]?.total ?? 0,
      page,
    );
  }

  async get(code: string): Promise<CommuneView> {
    const row = await this.views().where('c.code', '=', code).executeTakeFirst();
    if (!row) throw notFound('Commune');
    return row;
  }

  /**
   * The commune a point lies in: that of the smallest active agency's jurisdiction containing it among the
   * agencies linked to a commune (the same containment and order as routing); null outside all of them.
   */
  resolveIn(m: EntityManager, point: { lat: number; lng: number }): Promise<CommuneView | null> {
    return this.resolveWith(this.db.fromManager(m), point);
  }

  resolve(point: { lat: number; lng: number }): Promise<CommuneView | null> {
    return this.resolveWith(this.db.kysely, point);
  }

  private async resolveWith(k: Kysely<Database>, point: { lat: number; lng: number }): Promise<CommuneView | null> {
    const row = await k
      .selectFrom('agencies as a')
      .innerJoin('communes as c', 'c.code', 'a.communeCode')
      .select(VIEW)
      .$narrowType<{ kind: CommuneKind }>()
      .where('a.isActive', '=', true)
      .where('a.jurisdiction', 'is not', null)
      .where(sql<boolean>`ST_Intersects(a.jurisdiction, ST_SetSRID(ST_MakePoint(${point.lng}, ${point.lat}), 4326))`)
      .orderBy(sql`ST_Area(a.jurisdiction)`, 'asc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }

  /** 400 on `field` unless the commune is in the list. */
  async assertExistsIn(m: EntityManager, code: string, field = 'communeCode'): Promise<void> {
    const row = await this.db
      .fromManager(m)
      .selectFrom('communes')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new AppError('VALIDATION_FAILED', 'Unknown commune', { fields: { [field]: ['no such commune'] } });
  }
}

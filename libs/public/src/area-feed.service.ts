import { Injectable } from '@nestjs/common';
import { XMLBuilder } from 'fast-xml-parser';
import { validationFailed } from '@app/common';
import { Env } from '@app/config';
import { Db, sql } from '@app/database';
import { capitalised, excerpt, publicWording, publishedSql, STATUS_LABEL, type ReportStatus } from '@app/workflow';

/** The area of a feed: the same three kinds as an area alert. */
export type FeedArea =
  | { kind: 'commune'; communeCode: string }
  | { kind: 'area'; lat: number; lng: number; radiusM: number }
  | { kind: 'category'; categoryId: string };

export const FEED_ENTRIES = 50;

interface FeedRow {
  id: string;
  code: string;
  status: ReportStatus;
  title: string | null;
  description: string;
  address: string | null;
  publicTitle: string | null;
  publicDescription: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

/**
 * An Atom 1.0 feed (RFC 4287) of the published reports of an area (docs/api.md#public), the newest change first:
 * what FixMyStreet users follow in their feed readers. Each entry is the public wording, masked, and links to the
 * case's page on the portal.
 */
@Injectable()
export class AreaFeedService {
  constructor(
    private readonly db: Db,
    private readonly env: Env,
  ) {}

  async atom(area: FeedArea, selfUrl: string): Promise<string> {
    const where =
      area.kind === 'commune'
        ? sql`r.commune_code = ${area.communeCode}`
        : area.kind === 'category'
          ? sql`r.category_id = ${area.categoryId}`
          : sql`ST_DWithin(r.location, ST_SetSRID(ST_MakePoint(${area.lng}::float8, ${area.lat}::float8), 4326)::geography, ${area.radiusM}::float8)`;
    const [{ rows }, name] = await Promise.all([
      sql<FeedRow>`
        SELECT r.id, r.code, r.status, r.title, r.description, r.address, r.public_title, r.public_description,
               r.created_at, r.updated_at
          FROM reports r WHERE ${sql.raw(publishedSql('r'))} AND ${where}
         ORDER BY r.updated_at DESC LIMIT ${FEED_ENTRIES}`.execute(this.db.kysely),
      this.areaName(area),
    ]);
    const base = this.env.PUBLIC_BASE_URL.replace(/\/$/, '');
    const updated = rows[0]?.updatedAt ?? new Date(0);
    const feed = {
      '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
      feed: {
        '@xmlns': 'http://www.w3.org/2005/Atom',
        '@xml:lang': 'vi',
        id: selfUrl,
        title: `Phản ánh hiện trường: ${name}`,
        updated: new Date(updated).toISOString(),
        link: [
          { '@rel': 'self', '@href': selfUrl },
          { '@rel': 'alternate', '@href': `${base}/` },
        ],
        author: { name: 'Trung tâm Giám sát, điều hành đô thị thông minh' },
        entry: rows.map((r) => {
          const words = publicWording(r);
          const status = capitalised(STATUS_LABEL[r.status]);
          return {
            id: `${base}/phan-anh/${r.code}`,
            title: `${r.code}: ${words.title ?? excerpt(words.description, 80)}`,
            updated: new Date(r.updatedAt).toISOString(),
            published: new Date(r.createdAt).toISOString(),
            link: { '@rel': 'alternate', '@href': `${base}/phan-anh/${r.code}` },
            category: { '@term': r.status, '@label': status },
            summary: {
              '@type': 'text',
              '#text': `${status}. ${words.description}${words.address ? ` (${words.address})` : ''}`,
            },
          };
        }),
      },
    };
    return builder.build(feed) as string;
  }

  private async areaName(area: FeedArea): Promise<string> {
    if (area.kind === 'area') return `trong bán kính ${area.radiusM} m quanh ${area.lat}, ${area.lng}`;
    const row =
      area.kind === 'commune'
        ? await this.db.kysely
            .selectFrom('communes')
            .select('name')
            .where('code', '=', area.communeCode)
            .executeTakeFirst()
        : await this.db.kysely
            .selectFrom('categories')
            .select('name')
            .where('id', '=', area.categoryId)
            .executeTakeFirst();
    if (!row) {
      const field = area.kind === 'commune' ? 'communeCode' : 'categoryId';
      throw validationFailed({ fields: { [field]: [`no such ${area.kind}`] } }, `Unknown ${area.kind}`);
    }
    return row.name;
  }
}

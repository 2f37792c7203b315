import { Injectable } from '@nestjs/common';
import { AppError, notFound, validationFailed } from '@app/common';
import { Db, sql, type Database, type Kysely } from '@app/database';

/** A citizen's area alert (docs/api.md#public): one commune, a circle around a point, or one category. */
export type SubscriptionInput =
  | { kind: 'commune'; communeCode: string }
  | { kind: 'area'; location: { lat: number; lng: number }; radiusM: number }
  | { kind: 'category'; categoryId: string };

export interface SubscriptionView {
  id: string;
  kind: SubscriptionInput['kind'];
  communeCode: string | null;
  categoryId: string | null;
  location: { lat: number; lng: number } | null;
  radiusM: number | null;
  createdAt: Date;
}

export const MAX_SUBSCRIPTIONS = 20;

const VIEW = sql<SubscriptionView>`json_build_object(
  'id', s.id, 'kind', s.kind, 'communeCode', s.commune_code, 'categoryId', s.category_id,
  'location', CASE WHEN s.location IS NULL THEN NULL
              ELSE json_build_object('lat', ST_Y(s.location::geometry), 'lng', ST_X(s.location::geometry)) END,
  'radiusM', s.radius_m, 'createdAt', s.created_at)`;

/** Area alerts: kept per citizen; who hears about a report is the notification policy's (libs/notifications). */
@Injectable()
export class SubscriptionsService {
  constructor(private readonly db: Db) {}

  async list(userId: string): Promise<SubscriptionView[]> {
    const rows = await this.db.kysely
      .selectFrom('areaSubscriptions as s')
      .select(VIEW.as('view'))
      .where('s.userId', '=', userId)
      .orderBy('s.createdAt', 'asc')
      .execute();
    return rows.map((r) => toView(r.view));
  }

  /** Creates it, or returns the same alert the citizen already has (`created: false`). */
  async add(userId: string, input: SubscriptionInput): Promise<{ created: boolean; subscription: SubscriptionView }> {
    return this.db.transaction(async (trx) => {
      // One citizen's alerts are added one at a time, so the cap holds under concurrent requests.
      await sql`SELECT pg_advisory_xact_lock(hashtext('area_subscriptions'), hashtext(${userId}))`.execute(trx);
      await this.checkReference(trx, input);
      const location =
        input.kind === 'area'
          ? sql`ST_SetSRID(ST_MakePoint(${input.location.lng}::float8, ${input.location.lat}::float8), 4326)::geography`
          : sql`NULL`;
      const { rows: existing } = await sql<{ view: SubscriptionView }>`
        SELECT ${VIEW} AS view FROM area_subscriptions s
         WHERE s.user_id = ${userId} AND s.kind = ${input.kind}
           AND s.commune_code IS NOT DISTINCT FROM ${input.kind === 'commune' ? input.communeCode : null}::text
           AND s.category_id IS NOT DISTINCT FROM ${input.kind === 'category' ? input.categoryId : null}::uuid
           AND s.radius_m IS NOT DISTINCT FROM ${input.kind === 'area' ? input.radiusM : null}::int
           AND (s.location IS NULL OR s.location::text = (${location})::text)`.execute(trx);
      if (existing.length) return { created: false, subscription: toView(existing[0].view) };
      const { count } = await trx
        .selectFrom('areaSubscriptions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('userId', '=', userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_SUBSCRIPTIONS) {
        throw new AppError('CONFLICT', `At most ${MAX_SUBSCRIPTIONS} area alerts`, {
          reason: 'too_many_subscriptions',
          max: MAX_SUBSCRIPTIONS,
        });
      }
      const { rows } = await sql<{ view: SubscriptionView }>`
        WITH s AS (
          INSERT INTO area_subscriptions (user_id, kind, commune_code, category_id, location, radius_m)
          VALUES (${userId}, ${input.kind}, ${input.kind === 'commune' ? input.communeCode : null},
                  ${input.kind === 'category' ? input.categoryId : null}, ${location},
                  ${input.kind === 'area' ? input.radiusM : null})
          RETURNING *)
        SELECT ${VIEW} AS view FROM s`.execute(trx);
      return { created: true, subscription: toView(rows[0].view) };
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    const { numDeletedRows } = await this.db.kysely
      .deleteFrom('areaSubscriptions')
      .where('id', '=', id)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (!Number(numDeletedRows)) throw notFound('Subscription');
  }

  private async checkReference(trx: Kysely<Database>, input: SubscriptionInput) {
    const bad = (field: string, message: string) => validationFailed({ fields: { [field]: [message] } }, message);
    if (input.kind === 'commune') {
      const found = await trx
        .selectFrom('communes')
        .select('code')
        .where('code', '=', input.communeCode)
        .executeTakeFirst();
      if (!found) throw bad('communeCode', 'no such commune');
    }
    if (input.kind === 'category') {
      const found = await trx
        .selectFrom('categories')
        .select('id')
        .where('id', '=', input.categoryId)
        .where('isActive', '=', true)
        .executeTakeFirst();
      if (!found) throw bad('categoryId', 'no such active category');
    }
  }
}

const toView = (v: SubscriptionView): SubscriptionView => ({ ...v, createdAt: new Date(v.createdAt) });

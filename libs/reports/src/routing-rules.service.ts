import { Injectable } from '@nestjs/common';
import { AppError, notFound } from '@app/common';
import { Db, sql, type Kysely, type Database } from '@app/database';
import type { RoutingRule, RuleHours } from './routing-rules';

export interface RoutingRuleView extends RoutingRule {
  position: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoutingRuleInput {
  name?: string;
  position?: number;
  categoryId?: string | null;
  categoryGroup?: string | null;
  communeCode?: string | null;
  hours?: RuleHours;
  agencyId?: string;
  isActive?: boolean;
}

const COLUMNS = [
  'id',
  'name',
  'position',
  'categoryId',
  'categoryGroup',
  'communeCode',
  'agencyId',
  'isActive',
  'createdAt',
  'updatedAt',
] as const;

const refused = (field: string, message: string, reason: string) =>
  new AppError('VALIDATION_FAILED', message, { reason, fields: { [field]: [message] } });

/**
 * The admin's routing rules (docs/domain.md#routing-rules): a table tried in order (`position`, then age) by
 * RoutingService; matchRoutingRule (routing-rules.ts) is the rule itself.
 */
@Injectable()
export class RoutingRulesService {
  constructor(private readonly db: Db) {}

  private views(k: Kysely<Database> = this.db.kysely) {
    return k
      .selectFrom('routingRules')
      .select(COLUMNS)
      .select(sql<RuleHours>`hours`.as('hours'))
      .orderBy('position')
      .orderBy('createdAt')
      .orderBy('id');
  }

  list(): Promise<RoutingRuleView[]> {
    return this.views().execute();
  }

  /** The active rules in the order they are tried, read inside the caller's statement context. */
  active(k: Kysely<Database>): Promise<RoutingRule[]> {
    return this.views(k).where('isActive', '=', true).execute();
  }

  async get(id: string): Promise<RoutingRuleView> {
    const row = await this.views().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Routing rule');
    return row;
  }

  async create(input: RoutingRuleInput & { name: string; agencyId: string }): Promise<RoutingRuleView> {
    await this.assertValid(input);
    const { id } = await this.db.kysely
      .insertInto('routingRules')
      .values({
        name: input.name,
        position: input.position ?? 0,
        categoryId: input.categoryId ?? null,
        categoryGroup: input.categoryGroup ?? null,
        communeCode: input.communeCode ?? null,
        hours: input.hours ?? 'any',
        agencyId: input.agencyId,
        isActive: input.isActive ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.get(id);
  }

  async update(id: string, input: RoutingRuleInput): Promise<RoutingRuleView> {
    const current = await this.get(id);
    await this.assertValid({ ...current, ...input });
    await this.db.kysely
      .updateTable('routingRules')
      .set({ ...input, updatedAt: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const { numDeletedRows } = await this.db.kysely
      .deleteFrom('routingRules')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (numDeletedRows === 0n) throw notFound('Routing rule');
  }

  /** What a rule names must exist (and the agency be active); a category and a group exclude each other. */
  private async assertValid(r: RoutingRuleInput): Promise<void> {
    if (r.categoryId && r.categoryGroup) {
      throw refused('categoryGroup', 'name a category or a category group, not both', 'category_and_group');
    }
    const k = this.db.kysely;
    if (
      r.categoryId &&
      !(await k.selectFrom('categories').select('id').where('id', '=', r.categoryId).executeTakeFirst())
    )
      throw refused('categoryId', 'no such category', 'unknown_category');
    if (
      r.communeCode &&
      !(await k.selectFrom('communes').select('code').where('code', '=', r.communeCode).executeTakeFirst())
    )
      throw refused('communeCode', 'no such commune', 'unknown_commune');
    if (
      r.agencyId &&
      !(await k
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', r.agencyId)
        .where('isActive', '=', true)
        .executeTakeFirst())
    )
      throw refused('agencyId', 'no such active agency', 'unknown_agency');
  }
}

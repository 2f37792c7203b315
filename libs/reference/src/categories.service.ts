import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError, notFound } from '@app/common';
import { Agency, Category } from '@app/database';
import { ReferenceCache } from './reference-cache';
import { defaultEscalation, defaultSla } from '@app/calendar';

export type CategoryInput = Partial<
  Pick<
    Category,
    | 'code'
    | 'name'
    | 'groupCode'
    | 'priority'
    | 'calendar'
    | 'sla'
    | 'escalation'
    | 'defaultAgencyId'
    | 'duplicateRadiusM'
    | 'locationBound'
    | 'autoAssign'
    | 'attributes'
    | 'sortOrder'
    | 'isActive'
  >
>;

export type CategoryView = ReturnType<typeof toCategoryView>;

export const toCategoryView = (c: Category) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  groupCode: c.groupCode,
  priority: c.priority,
  calendar: c.calendar,
  sla: c.sla,
  escalation: c.escalation,
  defaultAgencyId: c.defaultAgencyId,
  duplicateRadiusM: c.duplicateRadiusM,
  locationBound: c.locationBound,
  autoAssign: c.autoAssign,
  attributes: c.attributes,
  isActive: c.isActive,
});

@Injectable()
export class CategoriesService implements OnModuleInit {
  /** Every category by id (a province has dozens), for the hot paths: intake, workflow clock, duplicates. */
  private readonly cache = new ReferenceCache<Map<string, Category>>(
    'categories',
    async () => new Map((await this.categories.find()).map((c) => [c.id, c])),
  );

  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.cache.refresh();
  }

  /**
   * A category from memory (read-only: shared by every caller), active or not; null if there is none. One not
   * yet in memory (created by another process a moment ago) is read from the database and brings a refresh.
   */
  async cached(id: string): Promise<Category | null> {
    const hit = (await this.cache.get()).get(id);
    if (hit) return hit;
    const row = await this.categories.findOneBy({ id });
    if (row) this.cache.refreshInBackground();
    return row;
  }

  /** An active category a citizen may file into (from memory), or 400 VALIDATION_FAILED on `categoryId`. */
  async activeForFiling(id: string): Promise<Category> {
    const category = await this.cached(id);
    if (!category?.isActive)
      throw new AppError('VALIDATION_FAILED', 'Unknown category', { fields: { categoryId: ['no such category'] } });
    return category;
  }

  async list(includeInactive = false): Promise<CategoryView[]> {
    const rows = await this.categories.find({
      where: includeInactive ? {} : { isActive: true },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
    return rows.map(toCategoryView);
  }

  async get(id: string): Promise<Category> {
    const category = await this.categories.findOneBy({ id });
    if (!category) throw notFound('Category');
    return category;
  }

  async create(input: CategoryInput & { code: string; name: string }): Promise<CategoryView> {
    await this.assertAgency(input.defaultAgencyId);
    if (await this.categories.existsBy({ code: input.code }))
      throw new AppError('CONFLICT', 'Category code already exists');
    const calendar = input.calendar ?? 'office';
    const saved = await this.categories.save(
      this.categories.create({
        sla: defaultSla(calendar),
        escalation: defaultEscalation(calendar),
        ...input,
        calendar,
      }),
    );
    await this.cache.refresh();
    return toCategoryView(saved);
  }

  async update(id: string, input: CategoryInput): Promise<CategoryView> {
    const category = await this.get(id);
    await this.assertAgency(input.defaultAgencyId);
    if (input.code && input.code !== category.code && (await this.categories.existsBy({ code: input.code }))) {
      throw new AppError('CONFLICT', 'Category code already exists');
    }
    const saved = await this.categories.save(Object.assign(category, input));
    await this.cache.refresh();
    return toCategoryView(saved);
  }

  private async assertAgency(agencyId: string | null | undefined): Promise<void> {
    if (agencyId && !(await this.agencies.existsBy({ id: agencyId }))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown agency', { fields: { defaultAgencyId: ['no such agency'] } });
    }
  }
}

import { Injectable } from '@nestjs/common';
import { Env } from '@app/config';
import { CategoriesService, CategoryView } from '@app/reference';
import { O311Document, O311Object, o311List } from './open311-document';
import { notFound311 } from './open311-error';

/** When the shape of this Open311 interface last changed (the discovery `changeset`). */
const CHANGESET = '2025-11-23T00:00:00+07:00';

/** Categories (lĩnh vực) are the GeoReport services; a category's extra fields are the service attributes. */
@Injectable()
export class Open311ServicesService {
  constructor(
    private readonly categories: CategoriesService,
    private readonly env: Env,
  ) {}

  discovery(): O311Document {
    const base = this.env.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return {
      root: 'discovery',
      body: {
        changeset: CHANGESET,
        contact: `Trung tâm điều hành thông minh tỉnh ${this.env.PROVINCE_NAME}`,
        key_service: 'API keys are issued by the system administrator (POST /api/v1/admin/api-keys).',
        endpoints: o311List('endpoint', [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${base}/open311/v2`,
            changeset: CHANGESET,
            type: this.env.NODE_ENV === 'production' ? 'production' : 'test',
            formats: o311List('format', ['text/xml', 'application/json']),
          },
        ]),
      },
    };
  }

  async list(): Promise<O311Document> {
    const categories = await this.categories.list();
    return { root: 'services', body: o311List('service', categories.map(toService)) };
  }

  async definition(code: string): Promise<O311Document> {
    const category = await this.byCode(code);
    if (!category) throw notFound311(`service_code "${code}" not found`);
    return {
      root: 'service_definition',
      body: {
        service_code: category.code,
        attributes: o311List(
          'attribute',
          category.attributes.map((a, i): O311Object => ({
            variable: true,
            code: a.code,
            datatype: a.datatype,
            required: a.required,
            datatype_description: null,
            order: i + 1,
            description: a.description,
            ...(a.datatype.endsWith('valuelist')
              ? {
                  values: o311List(
                    'value',
                    (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
                  ),
                }
              : {}),
          })),
        ),
      },
    };
  }

  /** An active category by its code, or undefined. */
  async byCode(code: string): Promise<CategoryView | undefined> {
    return (await this.categories.list()).find((c) => c.code === code);
  }
}

const toService = (c: CategoryView): O311Object => ({
  service_code: c.code,
  service_name: c.name,
  description: c.name,
  metadata: c.attributes.length > 0,
  // Reports are created while the client waits, so the id comes back at once (no token round trip needed).
  type: 'realtime',
  keywords: null,
  group: c.groupCode,
});

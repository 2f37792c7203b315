// Response schemas of the public routes (docs/api.md#public), for the OpenAPI document and the clients built on it.
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { REPORT_STATUSES } from '@app/workflow';

const str: SchemaObject = { type: 'string' };
const nullableStr: SchemaObject = { type: 'string', nullable: true };
const time: SchemaObject = { type: 'string', format: 'date-time' };
const nullableTime: SchemaObject = { ...time, nullable: true };
const num: SchemaObject = { type: 'number' };
const rate: SchemaObject = { type: 'number', nullable: true, minimum: 0, maximum: 1 };
const status: SchemaObject = { type: 'string', enum: [...REPORT_STATUSES] };
const obj = (properties: Record<string, SchemaObject>, nullable = false): SchemaObject => ({
  type: 'object',
  nullable,
  required: Object.keys(properties),
  properties,
});
const latLng = (nullable = false) => obj({ lat: num, lng: num }, nullable);
const photos: SchemaObject = { type: 'array', items: obj({ id: str, url: str }) };

export const PUBLIC_CASE_SCHEMA = obj({
  code: str,
  title: nullableStr,
  description: str,
  status,
  category: obj({ id: str, name: str }),
  agency: obj({ id: str, name: str }, true),
  commune: obj({ code: str, name: str }, true),
  address: nullableStr,
  location: latLng(true),
  createdAt: time,
  dueAt: nullableTime,
  handledAt: nullableTime,
  answer: nullableStr,
  photos,
  resultPhotos: photos,
  rating: obj({ satisfied: { type: 'boolean' }, at: nullableTime }, true),
});

export const PUBLIC_MAP_SCHEMA = obj({
  clusters: { type: 'array', items: obj({ lat: num, lng: num, count: { type: 'integer' } }) },
  points: {
    type: 'array',
    items: obj({ code: str, lat: num, lng: num, status, categoryId: str }),
  },
});

export const PUBLIC_INDICATORS_SCHEMA = obj({
  groupBy: { type: 'string', enum: ['agency', 'commune'] },
  period: obj({ from: time, to: time }),
  rows: {
    type: 'array',
    items: obj({
      id: nullableStr,
      code: str,
      name: str,
      received: { type: 'integer' },
      handled: { type: 'integer' },
      onTimeRate: rate,
      satisfactionRate: rate,
      ratings: { type: 'integer' },
      avgHandlingDays: { type: 'number', nullable: true },
    }),
  },
  trend: {
    type: 'array',
    items: obj({
      month: { type: 'string', example: '2026-11' },
      received: { type: 'integer' },
      handled: { type: 'integer' },
      onTimeRate: rate,
      satisfactionRate: rate,
    }),
  },
});

export const SUBSCRIPTION_SCHEMA = obj({
  id: str,
  kind: { type: 'string', enum: ['commune', 'area', 'category'] },
  communeCode: nullableStr,
  categoryId: nullableStr,
  location: latLng(true),
  radiusM: { type: 'integer', nullable: true },
  createdAt: time,
});

import type { CategoryAttribute } from '@app/database';
import { validateAttributes } from './open311-attributes';

const defs: CategoryAttribute[] = [
  { code: 'pole', datatype: 'string', required: true, description: 'Số cột đèn' },
  {
    code: 'kind',
    datatype: 'singlevaluelist',
    required: false,
    description: 'Loại',
    values: [
      { key: 'led', name: 'LED' },
      { key: 'sodium', name: 'Sodium' },
    ],
  },
  { code: 'hours', datatype: 'number', required: false, description: 'Số giờ' },
  {
    code: 'tags',
    datatype: 'multivaluelist',
    required: false,
    description: 'Nhãn',
    values: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
    ],
  },
  { code: 'seen', datatype: 'datetime', required: false, description: 'Lúc thấy' },
];

describe('validateAttributes', () => {
  it('keeps typed values of defined attributes and drops unknown codes', () => {
    expect(
      validateAttributes(defs, {
        pole: [' C-12 '],
        kind: ['led'],
        hours: ['3.5'],
        tags: ['a', 'b', 'a'],
        seen: ['2025-11-23T08:00:00+07:00'],
        other: ['x'],
      }),
    ).toEqual({ pole: 'C-12', kind: 'led', hours: 3.5, tags: ['a', 'b'], seen: '2025-11-23T01:00:00.000Z' });
  });

  it('names every problem in one 400', () => {
    let error: { status?: number; description?: string } = {};
    try {
      validateAttributes(defs, { kind: ['neon'], hours: ['many'], tags: ['c'], seen: ['soon'] });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(400);
    for (const code of ['pole', 'kind', 'hours', 'tags', 'seen'])
      expect(error.description).toContain(`attribute[${code}]`);
  });
});

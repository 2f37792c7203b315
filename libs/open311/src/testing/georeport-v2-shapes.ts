/**
 * The published GeoReport v2 response shapes (http://wiki.open311.org/GeoReport_v2 and the
 * servicerequestupdates extension), written from the spec for the tests, NOT derived from our renderer, so
 * a response that drifts from the spec fails. Checks required element names, value types and enumerations,
 * and flags elements the spec does not know (a leak of reporter fields would show up here).
 */
type Leaf = 'string' | 'string?' | 'number' | 'boolean' | 'datetime' | 'datetime?' | { enum: string[] };
interface ListOf {
  item: string;
  of: Shape | Leaf;
}
type Field = Leaf | ListOf | Shape;
export interface Shape {
  required: Record<string, Field>;
  optional?: Record<string, Field>;
}
export type Format = 'xml' | 'json';

/** Element names that repeat, for the XML parser (fast-xml-parser `isArray`). */
export const REPEATED_ELEMENTS = new Set([
  'service',
  'attribute',
  'value',
  'endpoint',
  'format',
  'request',
  'request_update',
  'error',
]);

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const list = (item: string, of: Shape | Leaf): ListOf => ({ item, of });
const isList = (f: Field): f is ListOf => typeof f === 'object' && 'item' in f;
const isShape = (f: Field): f is Shape => typeof f === 'object' && 'required' in f;

export const SHAPES = {
  discovery: {
    required: {
      changeset: 'datetime',
      contact: 'string',
      key_service: 'string',
      endpoints: list('endpoint', {
        required: {
          specification: 'string',
          url: 'string',
          changeset: 'datetime',
          type: { enum: ['production', 'test'] },
          formats: list('format', 'string'),
        },
      }),
    },
  },
  service: {
    required: {
      service_code: 'string',
      service_name: 'string',
      metadata: 'boolean',
      type: { enum: ['realtime', 'batch', 'blackbox'] },
    },
    optional: { description: 'string?', keywords: 'string?', group: 'string?' },
  },
  serviceDefinition: {
    required: {
      service_code: 'string',
      attributes: list('attribute', {
        required: {
          variable: 'boolean',
          code: 'string',
          required: 'boolean',
          order: 'number',
          description: 'string',
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
        },
        optional: {
          datatype_description: 'string?',
          values: list('value', { required: { key: 'string', name: 'string' } }),
        },
      }),
    },
  },
  request: {
    required: {
      service_request_id: 'string',
      status: { enum: ['open', 'closed'] },
      service_code: 'string',
      requested_datetime: 'datetime',
      lat: 'number',
      long: 'number',
    },
    optional: {
      status_notes: 'string?',
      service_name: 'string?',
      description: 'string?',
      agency_responsible: 'string?',
      service_notice: 'string?',
      updated_datetime: 'datetime?',
      expected_datetime: 'datetime?',
      address: 'string?',
      address_id: 'string?',
      zipcode: 'string?',
      media_url: 'string?',
      extended_attributes: { required: {}, optional: { code: 'string?', detailed_status: 'string?' } },
    },
  },
  createdRequest: {
    required: { service_request_id: 'string' },
    optional: { service_notice: 'string?', account_id: 'string?' },
  },
  token: { required: { service_request_id: 'string', token: 'string' } },
  requestUpdate: {
    required: {
      update_id: 'string',
      service_request_id: 'string',
      status: { enum: ['open', 'closed'] },
      updated_datetime: 'datetime',
      description: 'string',
    },
    optional: { media_url: 'string?', extended_attributes: { required: {}, optional: { detailed_status: 'string?' } } },
  },
  createdUpdate: { required: { update_id: 'string' } },
  error: { required: { code: 'number', description: 'string' } },
} satisfies Record<string, Shape>;

function leafProblem(value: unknown, leaf: Leaf, format: Format): string | null {
  // XML carries every leaf as text and an absent value as an empty element; JSON has types and null.
  const empty = format === 'xml' ? value === '' : value === null;
  if (typeof leaf === 'object')
    return typeof value === 'string' && leaf.enum.includes(value) ? null : `not one of ${leaf.enum.join('|')}`;
  if (leaf.endsWith('?') && empty) return null;
  const kind = leaf.replace('?', '');
  if (kind === 'string') return typeof value === 'string' && value !== '' ? null : 'not a non-empty string';
  if (kind === 'datetime') return typeof value === 'string' && W3C.test(value) ? null : 'not a W3C datetime with zone';
  if (kind === 'number') {
    const ok =
      format === 'xml'
        ? typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
        : typeof value === 'number';
    return ok ? null : 'not a number';
  }
  const ok = format === 'xml' ? value === 'true' || value === 'false' : typeof value === 'boolean';
  return ok ? null : 'not a boolean';
}

function check(value: unknown, field: Field, format: Format, path: string, out: string[]): void {
  if (isList(field)) {
    // In XML a list is a wrapper element holding repeated items (empty wrapper = ''); in JSON an array.
    const items =
      format === 'xml' ? (value === '' ? [] : (value as Record<string, unknown> | undefined)?.[field.item]) : value;
    if (!Array.isArray(items)) return void out.push(`${path}: not a list of ${field.item}`);
    items.forEach((item, i) => check(item, field.of, format, `${path}[${i}]`, out));
    return;
  }
  if (isShape(field)) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return void out.push(`${path}: not an element with children`);
    const obj = value as Record<string, unknown>;
    for (const [name, f] of Object.entries(field.required)) {
      if (!(name in obj)) out.push(`${path}.${name}: missing`);
      else check(obj[name], f, format, `${path}.${name}`, out);
    }
    for (const [name, f] of Object.entries(field.optional ?? {}))
      if (name in obj) check(obj[name], f, format, `${path}.${name}`, out);
    for (const name of Object.keys(obj))
      if (!(name in field.required) && !(name in (field.optional ?? {}))) out.push(`${path}.${name}: not in the spec`);
    return;
  }
  const problem = leafProblem(value, field, format);
  if (problem) out.push(`${path}: ${JSON.stringify(value)} ${problem}`);
}

/**
 * Problems of a parsed response against a shape; [] when it conforms. `parsed` is JSON.parse of a JSON body,
 * or fast-xml-parser's object for XML (root element included, every leaf a string).
 */
export function shapeProblems(
  parsed: unknown,
  format: Format,
  root: string,
  shape: Shape,
  itemName?: string,
): string[] {
  const out: string[] = [];
  const body = format === 'xml' ? (parsed as Record<string, unknown>)?.[root] : parsed;
  if (format === 'xml' && body === undefined) return [`root element <${root}> missing`];
  check(body, itemName ? list(itemName, shape) : shape, format, root, out);
  return out;
}

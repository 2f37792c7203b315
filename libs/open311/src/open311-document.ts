/**
 * The neutral shape of every Open311 response, rendered to XML (the reference format of GeoReport v2) or JSON
 * from one tree, so both formats always carry the same fields in the same order.
 *
 * - an object becomes child elements in XML and a JSON object;
 * - a list becomes repeated `itemName` elements in XML and a JSON array (the element name exists in XML only);
 * - null/undefined becomes an empty element in XML and `null` in JSON.
 */
export type O311Value = string | number | boolean | null | undefined | O311List | O311Object;
export interface O311Object {
  [name: string]: O311Value;
}

export class O311List {
  constructor(
    readonly itemName: string,
    readonly items: O311Value[],
  ) {}
}

export const o311List = (itemName: string, items: O311Value[]) => new O311List(itemName, items);

/** A whole response: the XML root element and its body. A list body is a bare JSON array, as in the spec. */
export interface O311Document {
  root: string;
  body: O311List | O311Object;
}

export type O311Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<O311Format, string>> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function isO311Format(value: string): value is O311Format {
  return value === 'xml' || value === 'json';
}

const NAME = /^[a-z_][a-z0-9_]*$/;

// XML 1.0 forbids most control characters and lone surrogates even when escaped; a description that carries one
// (pasted from a PDF, say) would make the whole document unreadable for the client, so they are dropped.
// eslint-disable-next-line no-control-regex -- naming the control characters XML allows is the point
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: O311Value): string {
  if (!NAME.test(name)) throw new Error(`Invalid Open311 element name "${name}"`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (value instanceof O311List) return `<${name}>${listXml(value)}</${name}>`;
  if (typeof value === 'object') return `<${name}>${objectXml(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const listXml = (list: O311List) => list.items.map((item) => element(list.itemName, item)).join('');
const objectXml = (obj: O311Object) =>
  Object.entries(obj)
    .map(([k, v]) => element(k, v))
    .join('');

function toJson(value: O311Value): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof O311List) return value.items.map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

export function renderDocument(doc: O311Document, format: O311Format): string {
  if (format === 'json') return JSON.stringify(toJson(doc.body));
  const inner = doc.body instanceof O311List ? listXml(doc.body) : objectXml(doc.body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${doc.root}>${inner}</${doc.root}>`;
}

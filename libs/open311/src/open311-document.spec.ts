import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXml, o311List, renderDocument } from './open311-document';

describe('Open311 documents', () => {
  const nasty = `Đèn "hỏng" & <b>vỡ</b> 'ngay' \u0001\u0008 cạnh số 12 😀 \uD800`;
  const doc = {
    root: 'service_requests',
    body: o311List('request', [{ service_request_id: 'x', description: nasty, lat: 21.5, media_url: null }]),
  };

  it('renders well-formed UTF-8 XML that reads back as the same text, minus characters XML cannot carry', () => {
    const xml = renderDocument(doc, 'xml');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (n) => n === 'request' }).parse(
      xml,
    );
    expect(parsed.service_requests.request[0].description).toBe(`Đèn "hỏng" & <b>vỡ</b> 'ngay'  cạnh số 12 😀 `);
    expect(parsed.service_requests.request[0].media_url).toBe('');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });

  it('renders a list body as a bare JSON array with typed values and null for absent ones', () => {
    expect(JSON.parse(renderDocument(doc, 'json'))).toEqual([
      { service_request_id: 'x', description: nasty, lat: 21.5, media_url: null },
    ]);
  });

  it('refuses element names that are not plain identifiers', () => {
    expect(() => renderDocument({ root: 'x', body: { 'a b': 1 } }, 'xml')).toThrow(/element name/);
  });
});

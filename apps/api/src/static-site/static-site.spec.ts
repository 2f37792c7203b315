import { siteCsp, tileOrigin } from './static-site';

const page = (tileUrl: string) => `<head><meta name="pa-tile-url" content="${tileUrl}"></head>`;

describe('a served site’s page policy (console, portal)', () => {
  it('allows the tile server the build was made for', () => {
    expect(tileOrigin(page('https://tile.openstreetmap.org/{z}/{x}/{y}.png'))).toBe('https://tile.openstreetmap.org');
    expect(tileOrigin(page('https://{s}.tiles.example.vn:8443/osm/{z}/{x}/{y}.png?key=a&amp;b=1'))).toBe(
      'https://*.tiles.example.vn:8443',
    );
    expect(siteCsp('https://tile.openstreetmap.org')).toContain(
      "img-src 'self' data: blob: https://tile.openstreetmap.org",
    );
  });

  it('allows no other image host when the URL is absent or not http(s)', () => {
    expect(tileOrigin('<head></head>')).toBeNull();
    expect(tileOrigin(page('javascript:alert(1)'))).toBeNull();
    expect(tileOrigin(page('https://evil.example; script-src *'))).toBeNull();
    expect(siteCsp(null)).toContain("img-src 'self' data: blob:;");
    expect(siteCsp(null)).toContain("script-src 'self';");
  });
});

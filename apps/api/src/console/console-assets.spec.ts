import { consoleCsp, tileOrigin } from './console-assets.service';

const page = (tileUrl: string) => `<head><meta name="pa-tile-url" content="${tileUrl}"></head>`;

describe('console page policy', () => {
  it('allows the tile server the build was made for', () => {
    expect(tileOrigin(page('https://tile.openstreetmap.org/{z}/{x}/{y}.png'))).toBe('https://tile.openstreetmap.org');
    expect(tileOrigin(page('https://{s}.tiles.example.vn:8443/osm/{z}/{x}/{y}.png?key=a&amp;b=1'))).toBe(
      'https://*.tiles.example.vn:8443',
    );
    expect(consoleCsp('https://tile.openstreetmap.org')).toContain(
      "img-src 'self' data: blob: https://tile.openstreetmap.org",
    );
  });

  it('allows no other image host when the URL is absent or not http(s)', () => {
    expect(tileOrigin('<head></head>')).toBeNull();
    expect(tileOrigin(page('javascript:alert(1)'))).toBeNull();
    expect(tileOrigin(page('https://evil.example; script-src *'))).toBeNull();
    expect(consoleCsp(null)).toContain("img-src 'self' data: blob:;");
    expect(consoleCsp(null)).toContain("script-src 'self';");
  });
});

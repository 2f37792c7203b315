import { AppError } from '@app/common';

type Position = number[];
type PolygonCoords = Position[][];
export interface MultiPolygonGeoJson {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}

const invalid = (reason: string) =>
  new AppError('VALIDATION_FAILED', 'Invalid GeoJSON jurisdiction', { fields: { geometry: [reason] } });

function checkPolygon(coords: unknown, where: string): PolygonCoords {
  if (!Array.isArray(coords) || coords.length === 0) throw invalid(`${where}: a polygon needs at least one ring`);
  coords.forEach((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 4) throw invalid(`${where} ring ${r}: needs at least 4 positions`);
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw invalid(`${where} ring ${r}: positions must be [lng, lat] numbers`);
      }
      if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) throw invalid(`${where} ring ${r}: position out of range`);
    }
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) throw invalid(`${where} ring ${r}: ring is not closed`);
  });
  return coords as PolygonCoords;
}

/**
 * Accepts a Polygon, a MultiPolygon, a Feature of either, or a FeatureCollection of them (as exported by
 * QGIS or geojson.io) and merges them into one MultiPolygon. Structure is checked here; topology by PostGIS.
 */
export function toMultiPolygon(input: unknown): MultiPolygonGeoJson {
  const polygons: PolygonCoords[] = [];
  const visit = (g: unknown, where: string): void => {
    if (!g || typeof g !== 'object') throw invalid(`${where}: not a GeoJSON object`);
    const o = g as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
    switch (o.type) {
      case 'Polygon':
        polygons.push(checkPolygon(o.coordinates, where));
        return;
      case 'MultiPolygon':
        if (!Array.isArray(o.coordinates) || !o.coordinates.length) throw invalid(`${where}: empty MultiPolygon`);
        o.coordinates.forEach((p, i) => polygons.push(checkPolygon(p, `${where} polygon ${i}`)));
        return;
      case 'Feature':
        visit(o.geometry, `${where} geometry`);
        return;
      case 'FeatureCollection':
        if (!Array.isArray(o.features) || !o.features.length) throw invalid(`${where}: no features`);
        o.features.forEach((f, i) => visit(f, `feature ${i}`));
        return;
      default:
        throw invalid(`${where}: type must be Polygon, MultiPolygon, Feature or FeatureCollection`);
    }
  };
  visit(input, 'root');
  return { type: 'MultiPolygon', coordinates: polygons };
}

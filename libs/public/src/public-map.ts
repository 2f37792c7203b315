// The public map's geometry (docs/api.md#public): the box a client asks for and the grid its reports are
// clustered on. Pure.
import { validationFailed } from '@app/common';

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** From this zoom on every report is its own point: a screen then covers a few streets. */
export const POINTS_FROM_ZOOM = 16;
export const MAX_ZOOM = 20;
/** Points sent at most when every report is a point (a few streets hold far fewer). */
export const MAX_POINTS = 5000;

const fail = (field: string, message: string) => validationFailed({ fields: { [field]: [message] } }, message);

/** `minLng,minLat,maxLng,maxLat` in degrees (WGS 84), as map libraries write a box; 400 otherwise. */
export function parseBBox(value: string): BBox {
  const parts = value.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw fail('bbox', 'bbox must be minLng,minLat,maxLng,maxLat');
  }
  const [minLng, minLat, maxLng, maxLat] = parts;
  if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) throw fail('bbox', 'bbox is outside the earth');
  if (minLng > maxLng || minLat > maxLat) throw fail('bbox', 'bbox must have min ≤ max');
  return { minLng, minLat, maxLng, maxLat };
}

/** The side of a grid cell in degrees: an eighth of a map tile at `zoom` (360° / 2^zoom), about 32 screen pixels. */
export const cellDegrees = (zoom: number): number => 360 / 2 ** (zoom + 3);

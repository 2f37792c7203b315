import { AppError } from '@app/common';
import { cellDegrees, parseBBox } from './public-map';

describe('parseBBox', () => {
  it('reads minLng,minLat,maxLng,maxLat', () => {
    expect(parseBBox('105.8,21.5,106,21.7')).toEqual({ minLng: 105.8, minLat: 21.5, maxLng: 106, maxLat: 21.7 });
  });

  it.each(['', '1,2,3', '1,2,3,4,5', 'a,2,3,4', '1,,3,4', '10,2,3,4', '1,20,3,4', '-181,0,0,0', '0,0,0,91'])(
    'refuses %p with VALIDATION_FAILED on bbox',
    (value) => {
      const error = (() => {
        try {
          parseBBox(value);
        } catch (e) {
          return e as AppError;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error?.getResponse()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { bbox: expect.any(Array) } },
      });
    },
  );
});

describe('cellDegrees', () => {
  it('halves with each zoom level, an eighth of a tile', () => {
    expect(cellDegrees(0)).toBe(45);
    expect(cellDegrees(13)).toBeCloseTo(360 / 65536, 12);
    expect(cellDegrees(14) * 2).toBe(cellDegrees(13));
  });
});

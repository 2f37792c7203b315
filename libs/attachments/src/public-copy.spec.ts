import sharp from 'sharp';
import { AppError } from '@app/common';
import { makePublicCopy, refuseTooManyPixels } from './public-copy';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('pixel limit', () => {
  it('refuses from the header: 413 PAYLOAD_TOO_LARGE with the limit and the size', async () => {
    const e = await failure(refuseTooManyPixels(await png(100, 50), 4999));
    expect(e).toBeInstanceOf(AppError);
    expect(e!.getStatus()).toBe(413);
    expect(e!.details).toEqual({ maxPixels: 4999, width: 100, height: 50 });
    await expect(refuseTooManyPixels(await png(100, 50), 5000)).resolves.toBeUndefined();
  });

  it('bounds the decode itself too, for a header that would lie', async () => {
    const e = await failure(makePublicCopy(await png(100, 50), 'image/png', 4999));
    expect(e).toBeInstanceOf(AppError);
    expect(e!.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e!.details).toEqual({ maxPixels: 4999 });
  });

  it('answers a header it cannot read with 400', async () => {
    const e = await failure(refuseTooManyPixels(Buffer.from('\x89PNG\r\n\x1a\n not really'), 1000));
    expect(e!.code).toBe('VALIDATION_FAILED');
  });
});

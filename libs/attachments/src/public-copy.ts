import sharp from 'sharp';
import { AppError } from '@app/common';

export interface PublicCopy {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Refuses a photo of more than `maxPixels` (UPLOAD_MAX_PIXELS) from its header alone. sharp's metadata() reads
 * the header without decoding, so a 48 KB PNG that would decode to 49 MP (147 MB of pixels and seconds of CPU,
 * a decompression bomb) is refused in microseconds, before it can wait for or take a decode slot.
 */
export async function refuseTooManyPixels(original: Buffer, maxPixels: number): Promise<void> {
  // No pixel limit on the header read itself (it decodes nothing), so every oversized photo gets its size back.
  const header = await sharp(original, { limitInputPixels: false })
    .metadata()
    .catch((e: unknown) => Promise.reject(imageError(e, maxPixels)));
  const { width = 0, height = 0 } = header;
  if (width * height > maxPixels) throw tooManyPixels(maxPixels, { width, height });
}

/**
 * Re-encodes a photo for everyone but staff and its owner (docs/domain.md#privacy). sharp writes no metadata
 * unless told to (withMetadata/keepExif), so EXIF GPS, camera serial and owner, XMP and IPTC are all dropped;
 * orientation is applied to the pixels first so the copy still stands the right way up without its EXIF tag.
 * Re-encoding also means the public never receives bytes we did not produce. Call it through the ImageDecodePool,
 * after refuseTooManyPixels: this is the expensive part.
 */
export async function makePublicCopy(original: Buffer, mime: string, maxPixels: number): Promise<PublicCopy> {
  // Default failOn 'warning' is what sharp recommends for untrusted input: truncated or corrupt data aborts.
  // limitInputPixels again, because a header that lies (claims small, decodes big) must be bounded too.
  let pipeline = sharp(original, { limitInputPixels: maxPixels, autoOrient: true, failOn: 'warning' });
  if (mime === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (mime === 'image/png') pipeline = pipeline.png({ compressionLevel: 9 });
  else if (mime === 'image/webp') pipeline = pipeline.webp({ quality: 85 });
  else throw new Error(`No public copy for ${mime}`);
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw imageError(e, maxPixels);
  }
}

const tooManyPixels = (maxPixels: number, size: { width: number; height: number } | Record<string, never> = {}) =>
  new AppError('PAYLOAD_TOO_LARGE', `The image has more than ${maxPixels} pixels`, { maxPixels, ...size });

/** Turns libvips' refusals into the client's mistake (413 or 400), never a 500: the bytes are what they sent. */
function imageError(e: unknown, maxPixels: number): AppError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return tooManyPixels(maxPixels);
  return new AppError('VALIDATION_FAILED', 'image is corrupt or truncated', {
    fields: { file: ['image is corrupt or truncated'] },
  });
}

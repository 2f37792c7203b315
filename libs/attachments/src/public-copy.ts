import sharp from 'sharp';
import { AppError } from '@app/common';

/**
 * A photo's width × height above which we refuse to decode it: a 50 MP photo decodes to ~150–200 MB of
 * pixels; a crafted PNG that claims 20000×20000 would need gigabytes (a decompression bomb). Phones save
 * 12–50 MP by default, so real photos pass.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface PublicCopy {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Re-encodes a photo for everyone but staff and its owner (DOMAIN.md, Privacy). sharp writes no metadata
 * unless told to (withMetadata/keepExif), so EXIF GPS, camera serial and owner, XMP and IPTC are all dropped;
 * orientation is applied to the pixels first so the copy still stands the right way up without its EXIF tag.
 * Re-encoding also means the public never receives bytes we did not produce.
 */
export async function makePublicCopy(original: Buffer, mime: string): Promise<PublicCopy> {
  // Default failOn 'warning' is what sharp recommends for untrusted input: truncated or corrupt data aborts.
  let pipeline = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, failOn: 'warning' });
  if (mime === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (mime === 'image/png') pipeline = pipeline.png({ compressionLevel: 9 });
  else if (mime === 'image/webp') pipeline = pipeline.webp({ quality: 85 });
  else throw new Error(`No public copy for ${mime}`);
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw imageError(e);
  }
}

/** Turns libvips' refusals into the client's mistake (400), never a 500: the bytes are what they sent. */
function imageError(e: unknown): AppError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) {
    return new AppError('VALIDATION_FAILED', 'image too large in pixels', {
      fields: { file: [`image too large in pixels (at most ${MAX_INPUT_PIXELS})`] },
    });
  }
  return new AppError('VALIDATION_FAILED', 'image is corrupt or truncated', {
    fields: { file: ['image is corrupt or truncated'] },
  });
}

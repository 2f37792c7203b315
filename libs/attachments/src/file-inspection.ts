// file-type is pinned to v16: the last CommonJS release. v17+ is ESM-only and Jest on Node 20 cannot load it.
import { fromBuffer } from 'file-type';
import { AppError } from '@app/common';

/**
 * How we treat an accepted type:
 * - `photo`: sharp can decode it, so we publish a re-encoded copy without metadata;
 * - `heic`: sharp's prebuilt libheif decodes AVIF only (no HEVC), so there is no safe public copy;
 * - `video`: stored as is; we have no metadata stripper for video.
 */
export type MediaKind = 'photo' | 'heic' | 'video';

export interface InspectedFile {
  mime: string;
  ext: string;
  kind: MediaKind;
}

/**
 * The allow-list of the API contract (jpeg/png/webp/heic/mp4), keyed by the type found in the bytes.
 * `image/heif` is the `mif1` brand that many Android phones write for the same photos as iPhone's `heic`.
 * QuickTime (`video/quicktime`, iPhone's default .mov) is refused on purpose: docs/api.md#attachments promises mp4, staff
 * browsers play mp4 everywhere, and the apps can export mp4 on the phone. The 415 names the detected type so
 * a client knows to convert. Accepting it later is one line here.
 */
const ACCEPTED: Record<string, InspectedFile> = {
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg', kind: 'photo' },
  'image/png': { mime: 'image/png', ext: 'png', kind: 'photo' },
  'image/webp': { mime: 'image/webp', ext: 'webp', kind: 'photo' },
  'image/heic': { mime: 'image/heic', ext: 'heic', kind: 'heic' },
  'image/heif': { mime: 'image/heif', ext: 'heif', kind: 'heic' },
  'video/mp4': { mime: 'video/mp4', ext: 'mp4', kind: 'video' },
};

export const ACCEPTED_MIME_TYPES = Object.keys(ACCEPTED);

/**
 * Decides the type from the content alone; the client's file name and Content-Type are never trusted, so a
 * PNG named photo.jpg is a PNG and a text file named photo.jpg is refused.
 */
export async function inspectFile(buffer: Buffer): Promise<InspectedFile> {
  // file-type needs only the first few kilobytes (the ISO-BMFF `ftyp` box and image headers sit at the start).
  const detected = await fromBuffer(buffer.subarray(0, 64 * 1024));
  const accepted = detected && ACCEPTED[detected.mime];
  if (!accepted) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported file type', {
      detectedType: detected?.mime ?? null,
      accepted: ACCEPTED_MIME_TYPES,
    });
  }
  return accepted;
}

// The name a download is saved under. Vietnamese names keep their accents for the browsers that read RFC 8187's
// `filename*`, and fall back to a readable ASCII transliteration (Sở → So) for the rest; the header itself is
// written by the `content-disposition` package. Imported by path (@app/common/downloads), not through the index:
// the package is an ES module, loaded only by the controllers that send files.
import { create } from 'content-disposition';
import { stripAccents } from './text';

/** A file name, and the same name reduced to ASCII for clients that ignore `filename*`. */
export interface DownloadName {
  utf8: string;
  ascii: string;
}

export function downloadName(utf8: string): DownloadName {
  const ascii = stripAccents(utf8).replace(/[^A-Za-z0-9._-]+/g, '-');
  return { utf8, ascii };
}

/** The Content-Disposition of an attachment (RFC 6266): `filename` in ASCII, `filename*` when the name is not. */
export const attachmentDisposition = (name: DownloadName): string => create(name.utf8, { fallback: name.ascii });

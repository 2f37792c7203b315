import { Transform } from 'class-transformer';

/**
 * Vietnamese can arrive composed (NFC, "ệ" as one code point) or decomposed (NFD, from some iOS keyboards
 * and copy-paste). Store NFC only, so search, duplicates and lengths behave the same for both.
 */
export const normalizeText = (value: string): string => value.normalize('NFC').trim();

/** DTO decorator: NFC-normalise and trim a string field before validation. */
export const NormalizedText = () =>
  Transform(({ value }) => (typeof value === 'string' ? normalizeText(value) : value));

/**
 * Vietnamese without accents, đ as d, case kept: "Sở Xây dựng" → "So Xay dung". Compatibility forms (full-width
 * letters, ligatures) are reduced too (NFKD). For text that must be plain ASCII letters: SMS in GSM-7, the
 * fallback name of a download.
 */
export const stripAccents = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * Lower case without accents, đ as d: "Phường Đức Xuân" → "phuong duc xuan". For matching words typed or
 * written several ways (column names, kinds, login names) in code; searches in the database fold with
 * `pa_unaccent` (migration 1763900000000), which gives the same result for Vietnamese.
 */
export const foldAccents = (value: string): string => stripAccents(value).toLowerCase();

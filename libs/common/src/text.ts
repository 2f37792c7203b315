import { Transform } from 'class-transformer';

/**
 * Vietnamese can arrive composed (NFC, "ệ" as one code point) or decomposed (NFD, from some iOS keyboards
 * and copy-paste). Store NFC only, so search, duplicates and lengths behave the same for both.
 */
export const normalizeText = (value: string): string => value.normalize('NFC').trim();

/** DTO decorator: NFC-normalise and trim a string field before validation. */
export const NormalizedText = () =>
  Transform(({ value }) => (typeof value === 'string' ? normalizeText(value) : value));

// What the public reads of a report's words (docs/domain.md#privacy): the centre's wording when it edited one,
// else the reporter's, with phone numbers, ID-card numbers and house numbers masked. Pure: the report view, the
// portal's case page and feeds, and Open311 (through the public view) all call it when they build a public view;
// the stored text is never changed, so staff keep reading the original.

/** What replaces a masked number. */
export const MASK = '***';

// A run of digits as people write a number: one or two separators (space, dot, dash, brackets) between digits, an
// optional leading + or bracket. Not inside a longer number (a letter may touch it: "ĐT:0912…", "ĐT0912…").
const NUMBER_RUN = /(?<![\p{N}+(])(?:\+|\(\+?)?\d(?:[ .\-()]{0,2}\d)+(?!\p{N}|[.,]\d)/gu;

/**
 * Vietnamese phones once separators are removed: mobiles (03, 05, 07, 08, 09 and 8 digits) and landlines (02 and
 * 9 digits), written locally (0…), internationally (+84…, 84…) or with the old (0) in brackets.
 */
const PHONE_DIGITS = /^(?:0|84|840)(?:[35789]\d{8}|2\d{9})$/;
/** ID cards: the old CMND (9 digits) and the CCCD (12 digits), which starts with 0 (the province code). */
const ID_DIGITS = /^(?:\d{9}|0\d{11})$/;

function maskNumberRun(written: string): string {
  const digits = written.replace(/\D/g, '');
  if (PHONE_DIGITS.test(digits)) return MASK;
  // An ID card is written as one run of digits, or in groups of 3 or 4 separated by spaces; amounts such as
  // "100.000.000" (dot groups) are not IDs.
  if (ID_DIGITS.test(digits) && /^\d+(?: \d{3,4})*$/.test(written)) return MASK;
  return written;
}

// A house or alley number: a number after the words that introduce one, with its letters and slashes (12A,
// 12/3, 34/5B). "số" alone also starts a street's, a route's or a pole's number ("đường số 5", "quốc lộ số 1",
// "cột điện số 12"), which say where the problem is and stay.
const NUMBER_PART = String.raw`\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)*`;
const HOUSE_WORDS = String.raw`số nhà|nhà số|ngõ số|ngách số|hẻm số|kiệt số|nhà|ngõ|ngách|hẻm|kiệt`;
const HOUSE_KEYWORD = new RegExp(String.raw`(?<![\p{L}])(${HOUSE_WORDS})(\s+)(${NUMBER_PART})(?![\p{L}\p{N}])`, 'giu');
const NOT_HOUSE_BEFORE_SO = String.raw`(?<!(?:đường|lộ|tổ|xóm|ấp|thôn|khóm|bản|cột|trụ|tuyến|phòng|km|cầu|cống|khu|phố|điện)\s+)`;
const BARE_SO = new RegExp(
  String.raw`${NOT_HOUSE_BEFORE_SO}(?<![\p{L}])(số)(\s+)(${NUMBER_PART})(?![\p{L}\p{N}])`,
  'giu',
);
// "12/3 Lê Lợi": a number with a slash part followed by a capitalised name (a street), not a date ("ngày 12/3").
const SLASHED_BEFORE_NAME = /(?<![\p{L}\p{N}/])(?<!ngày\s+)(\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)+)(?=\s+\p{Lu})/gu;
// "12 Lê Lợi, phường …": in an address, a number that opens it (or a part after a comma) before a capitalised name;
// in free text the same shape is too often something else ("2 Cột điện đổ"), so only addresses get this rule.
const LEADING_NUMBER = /(^|,\s*)(\d+[A-Za-z]?)(?=\s+\p{Lu})/gu;

/**
 * Masks in a public text: Vietnamese phone numbers (mobile or landline, any written form), ID-card numbers (9-digit
 * CMND, 12-digit CCCD) and house numbers ("số 12", "số nhà 12A", "ngõ 34", "hẻm 12/3", "12/3 Lê Lợi").
 * Everything else is kept as written.
 */
export function maskPublicText(text: string): string;
export function maskPublicText(text: string | null): string | null;
export function maskPublicText(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(NUMBER_RUN, maskNumberRun)
    .replace(HOUSE_KEYWORD, (_m, word: string, space: string) => `${word}${space}${MASK}`)
    .replace(BARE_SO, (_m, word: string, space: string) => `${word}${space}${MASK}`)
    .replace(SLASHED_BEFORE_NAME, MASK);
}

/** An address for the public: masked as any text, and a house number that opens it ("12 Lê Lợi") too. */
export function maskPublicAddress(address: string | null): string | null {
  return address === null
    ? null
    : maskPublicText(address).replace(LEADING_NUMBER, (_m, before: string) => `${before}${MASK}`);
}

/** The report's fields the public wording is built from. */
export interface PublicWordingSource {
  title: string | null;
  description: string;
  address: string | null;
  /** The centre's edit of the title / description for the public (null: the reporter's words). */
  publicTitle: string | null;
  publicDescription: string | null;
}

/** The title, description and address the public reads: the centre's wording first, masked. */
export const publicWording = (r: PublicWordingSource) => ({
  title: maskPublicText(r.publicTitle ?? r.title),
  description: maskPublicText(r.publicDescription ?? r.description),
  address: maskPublicAddress(r.address),
});

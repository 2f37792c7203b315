/**
 * Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09 (after the 2018 renumbering),
 * written locally (0912…), internationally (+84912…, 84912…) or with spaces, dots and dashes.
 * Stored and compared in E.164 form (+84…), so one person is one phone whichever way it was typed.
 */
const MOBILE = /^(3|5|7|8|9)\d{8}$/;

export function normalizeVnMobile(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(/[\s.\-()]/g, '');
  let national: string;
  if (compact.startsWith('+84')) national = compact.slice(3);
  else if (compact.startsWith('84') && compact.length === 11) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return null;
  return MOBILE.test(national) ? `+84${national}` : null;
}

/** Masks every Vietnamese mobile number in a text, keeping the network prefix and the last 3 digits:
 * enough for a person to recognise, useless to whoever reads the logs. */
export function maskPhone(text: string): string {
  return text.replace(/(?<!\d)(\+?84|0)(\d{2})\d{4}(\d{3})(?!\d)/g, '$1$2****$3');
}

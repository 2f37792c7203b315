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

// A phone as people and clients write it: an optional +84 / 84 / 0 prefix and 9 digits with up to two separators
// between digits (space, dot, dash, brackets) or their URL-encoded forms (%20, +). Not inside a longer word or
// number: the lookarounds keep ids (UUID groups follow a dash) and timestamps (longer digit runs) whole.
const SEPARATOR = String.raw`(?:[ .\-()]|%20|\+){0,2}`;
const PHONE_IN_TEXT = new RegExp(String.raw`(?<![\w\-.%+])(?:\+|%2[Bb]|\(\+?)?(?:\d${SEPARATOR}){8,12}\d(?!\w)`, 'g');

/**
 * Masks every Vietnamese mobile number in a text, however it is written (`0977 777 777`, `0977.777.777`,
 * `+84 977-777-777`, `%2B84977777777`), keeping the network prefix and the last 3 digits: enough for a person to
 * recognise, useless to whoever reads the logs.
 */
export function maskPhone(text: string): string {
  return text.replace(PHONE_IN_TEXT, (written) => {
    const international = /^(\(?\+|%2[Bb])/.test(written);
    const digits = written.replace(/%2[Bb]|%20/g, '').replace(/\D/g, '');
    const national =
      digits.length === 11 && digits.startsWith('84')
        ? digits.slice(2)
        : digits.length === 10 && digits.startsWith('0')
          ? digits.slice(1)
          : null;
    if (!national || !MOBILE.test(national)) return written;
    const prefix = digits.startsWith('84') ? (international ? '+84' : '84') : '0';
    return `${prefix}${national.slice(0, 2)}****${national.slice(-3)}`;
  });
}

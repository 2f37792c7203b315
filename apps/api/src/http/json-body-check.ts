/**
 * The deepest nesting of arrays and objects any of our bodies needs: a GeoJSON FeatureCollection of
 * MultiPolygons (the deepest, an agency's jurisdiction) is 8. A body of `[[[[…]]]]` a million deep parses fine in
 * V8 but then overflows the stack of whatever walks it (class-transformer, class-validator): a 500 after seconds
 * of CPU. Refusing it takes one pass over the bytes, before anything is parsed.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** `\u0000` inside a JSON string: a NUL character, which no text column of PostgreSQL can store. */
const ESCAPED_NUL = Buffer.from('u0000');

/**
 * What makes a JSON text unacceptable before it is even parsed, or null: nesting deeper than `maxDepth`, or a NUL
 * character written as `\u0000` (a raw NUL byte is already invalid JSON). Works on the raw UTF-8 bytes: brackets,
 * quotes and backslashes never occur inside a multi-byte character, so no decoding is needed. Brackets inside
 * strings do not count. Anything else invalid is left to the parser to refuse.
 */
export function jsonBodyProblem(body: Buffer, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) {
        if (body[i + 1] === 0x75 && body.compare(ESCAPED_NUL, 0, 5, i + 1, i + 6) === 0)
          return 'text must not contain the NUL character (\\u0000)';
        i++;
      } else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > maxDepth) return `JSON nested deeper than ${maxDepth} levels`;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return null;
}

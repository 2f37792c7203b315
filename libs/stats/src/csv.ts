// CSV as spreadsheets read it: RFC 4180 quoting and CRLF line ends, a UTF-8 byte order mark so Excel decodes
// Vietnamese as UTF-8 (without it Excel guesses the ANSI code page and shows "Ä‘Æ°á»ng"), and no formulas.

/** Written once at the start of the file. */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

// A cell starting with one of these is run as a formula by Excel/LibreOffice (=HYPERLINK(...), +cmd|...), and
// citizen text lands in these files: OWASP "CSV injection". Tab and CR start formulas too in some versions.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: text that could start a formula gets a leading single quote (shown as text, not evaluated); a cell
 * with a comma, a double quote or a line break is quoted, with its quotes doubled. Numbers are written as they are
 * (a negative number is data we produce, not citizen text, so it is not prefixed).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export const csvRow = (cells: readonly CsvValue[]): string => cells.map(csvCell).join(',') + CSV_EOL;

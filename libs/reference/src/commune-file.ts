import { AppError, foldAccents, normalizeText } from '@app/common';

// The official list of communes as the admin imports it and the demo seed loads it (docs/api.md#communes): one
// parser for both, pure, so that what the seed carries is exactly what an import would accept.

export const COMMUNE_KINDS = ['xa', 'phuong', 'dac_khu'] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];

export interface CommuneRow {
  code: string;
  name: string;
  kind: CommuneKind;
  provinceCode: string;
  provinceName: string;
}

/** A bad row: `line` is the CSV line (the header is line 1), or the 1-based position of a JSON array's item. */
export interface CommuneRowError {
  line: number;
  field: keyof CommuneRow | null;
  message: string;
}

/** The whole country has about 3,300 communes (10,600 before July 2025): room for either, refusing anything else. */
export const COMMUNE_FILE_MAX_BYTES = 2 * 1024 * 1024;
export const COMMUNE_FILE_MAX_ROWS = 20_000;

type Field = keyof CommuneRow;

/**
 * Column names, folded (lower case, no accents, words split): ours, camelCase JSON keys, and those of the
 * statistics office's export of the administrative units list ("Mã", "Tên", "Cấp", "Mã TP", "Tỉnh / Thành
 * Phố"; older exports "Mã PX", "Phường Xã"). Columns not named here (English name, district) are ignored.
 */
const COLUMN_ALIASES: Record<Field, string[]> = {
  code: ['code', 'commune code', 'ward code', 'ma', 'ma xa', 'ma px', 'ma phuong xa', 'ma xa phuong', 'ma dvhc'],
  name: ['name', 'commune name', 'ten', 'ten xa', 'phuong xa', 'xa phuong', 'ten phuong xa', 'ten dvhc'],
  kind: ['kind', 'type', 'cap', 'loai', 'loai dvhc'],
  provinceCode: ['province code', 'ma tp', 'ma tinh', 'ma tinh tp', 'ma tinh thanh pho'],
  provinceName: ['province name', 'province', 'tinh', 'tinh tp', 'tinh thanh pho', 'ten tinh', 'ten tinh thanh pho'],
};
const FIELD_OF_COLUMN = new Map(
  (Object.entries(COLUMN_ALIASES) as Array<[Field, string[]]>).flatMap(([f, names]) => names.map((n) => [n, f])),
);
const REQUIRED: Field[] = ['code', 'name', 'provinceCode', 'provinceName'];

/** "provinceCode", "province_code", "Tỉnh / Thành Phố" → "province code", "province code", "tinh thanh pho". */
const columnKey = (name: string) =>
  foldAccents(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A kind as written in the "Cấp" column ("Phường", "Xã", "Đặc khu") or as our code. Thị trấn ended with the districts. */
const kindOf = (text: string): CommuneKind | null => {
  const key = columnKey(text).replace(/ /g, '_');
  return (COMMUNE_KINDS as readonly string[]).includes(key) ? (key as CommuneKind) : null;
};
/** Without a kind column, the official name's first words say it: "Phường Phan Đình Phùng". */
const kindFromName = (name: string): CommuneKind | null => {
  const words = columnKey(name).split(' ');
  return words[0] === 'dac' && words[1] === 'khu' ? 'dac_khu' : words.length > 1 ? kindOf(words[0]) : null;
};

/** NFC, trimmed, inner runs of spaces made one. */
const clean = (value: unknown): string =>
  typeof value === 'number'
    ? String(value)
    : typeof value === 'string'
      ? normalizeText(value).replace(/\s+/g, ' ')
      : '';

/** Spreadsheets drop leading zeros ("05431" becomes 5431): digits are padded back to the code's length. */
const padDigits = (value: string, length: number) =>
  /^\d+$/.test(value) && value.length <= length ? value.padStart(length, '0') : value;

function toRow(cells: Partial<Record<Field, unknown>>, line: number, errors: CommuneRowError[]): CommuneRow | null {
  const fail = (field: Field | null, message: string) => {
    errors.push({ line, field, message });
    return null;
  };
  const code = padDigits(clean(cells.code), 5);
  const name = clean(cells.name);
  const provinceCode = padDigits(clean(cells.provinceCode), 2);
  const provinceName = clean(cells.provinceName);
  const kindText = clean(cells.kind);
  if (!/^\d{5}$/.test(code)) return fail('code', `code must be 5 digits, got "${code}"`);
  if (!name || name.length > 100) return fail('name', 'name must be 1 to 100 characters');
  if (!/^\d{2}$/.test(provinceCode))
    return fail('provinceCode', `province code must be 2 digits, got "${provinceCode}"`);
  if (!provinceName || provinceName.length > 100)
    return fail('provinceName', 'province name must be 1 to 100 characters');
  const kind = kindText ? kindOf(kindText) : kindFromName(name);
  if (!kind) {
    return fail(
      'kind',
      kindText
        ? `kind must be xã, phường or đặc khu, got "${kindText}"`
        : 'kind is missing and the name does not start with Xã, Phường or Đặc khu',
    );
  }
  return { code, name, kind, provinceCode, provinceName };
}

/** The rows of a file, or its errors; a second row with a code already seen is an error. */
function collect(records: Array<{ line: number; cells: Partial<Record<Field, unknown>> }>): {
  rows: CommuneRow[];
  errors: CommuneRowError[];
} {
  if (records.length > COMMUNE_FILE_MAX_ROWS) throw badFile(`at most ${COMMUNE_FILE_MAX_ROWS} communes per file`);
  const errors: CommuneRowError[] = [];
  const rows: CommuneRow[] = [];
  const lineOfCode = new Map<string, number>();
  for (const { line, cells } of records) {
    const row = toRow(cells, line, errors);
    if (!row) continue;
    const first = lineOfCode.get(row.code);
    if (first !== undefined) {
      errors.push({ line, field: 'code', message: `code ${row.code} is already on line ${first}` });
      continue;
    }
    lineOfCode.set(row.code, line);
    rows.push(row);
  }
  return { rows, errors };
}

export const badFile = (message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid communes file: ${message}`, { fields: { file: [message] } });

/**
 * Splits CSV text into records (RFC 4180: quoted cells may hold the separator, quotes and line breaks), each
 * with the line it starts on. The separator is what the header uses: a comma, or the semicolon or tab that
 * spreadsheets in a Vietnamese locale write.
 */
export function splitCsv(text: string): Array<{ line: number; cells: string[] }> {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const separator = [',', ';', '\t'].reduce((best, s) =>
    header.split(s).length > header.split(best).length ? s : best,
  );
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim()) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && !cell.trim()) {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else cell += ch;
  }
  if (quoted) throw badFile(`a quoted cell opened on line ${start} is never closed`);
  if (cell || cells.length) endRecord();
  return records;
}

function parseCsv(text: string) {
  const [header, ...body] = splitCsv(text);
  if (!header) throw badFile('the file is empty');
  const fieldAt = header.cells.map((c) => FIELD_OF_COLUMN.get(columnKey(c)));
  const missing = REQUIRED.filter((f) => !fieldAt.includes(f));
  if (missing.length) {
    throw badFile(`the header must name the columns ${REQUIRED.join(', ')} (missing: ${missing.join(', ')})`);
  }
  return collect(
    body.map(({ line, cells }) => ({
      line,
      cells: Object.fromEntries(fieldAt.flatMap((f, i) => (f ? [[f, cells[i]]] : []))),
    })),
  );
}

function parseJson(value: unknown) {
  if (!Array.isArray(value)) throw badFile('JSON must be an array of communes');
  return collect(
    value.map((item, i) => ({
      line: i + 1,
      cells:
        item && typeof item === 'object'
          ? Object.fromEntries(
              Object.entries(item).flatMap(([k, v]) => {
                const f = FIELD_OF_COLUMN.get(columnKey(k));
                return f ? [[f, v]] : [];
              }),
            )
          : {},
    })),
  );
}

/**
 * A communes file: CSV with a header row, or a JSON array of objects with the same names (camelCase or
 * snake_case); UTF-8, a byte order mark allowed; text made NFC. Bad rows are returned, never dropped: the
 * caller writes nothing when there is one. A file that cannot be read at all throws 400.
 */
export function parseCommuneFile(input: Buffer | string | unknown[]): {
  rows: CommuneRow[];
  errors: CommuneRowError[];
} {
  if (Array.isArray(input)) return parseJson(input);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw badFile('the file is not UTF-8 text (save it as "CSV UTF-8")');
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.includes('\0')) throw badFile('the file contains the NUL character');
  if (text.trimStart().startsWith('[')) {
    try {
      return parseJson(JSON.parse(text));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw badFile('the file starts like JSON but is not valid JSON');
    }
  }
  return parseCsv(text);
}

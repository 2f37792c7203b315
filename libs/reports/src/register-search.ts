import type { SelectQueryBuilder } from 'typeorm';
import { normalizeVnMobile, validationFailed, type PageQuery } from '@app/common';
import type { Database, Kysely, Report } from '@app/database';
import { aroundQueryBuilder } from './around-query-builder';
import { reporterVisibleSql } from './report-view.policy';

// The register of all cases (GET /api/v1/reports, docs/api.md#the-register-get-reports): its orders and its search
// box. ReportsQueryService.listForStaff applies them to the staff list's query.

/** The register's orders. Each ends on the id, so equal times never swap places between two pages. */
export const STAFF_LIST_SORTS = ['created_desc', 'created_asc', 'due_asc', 'overdue_desc', 'updated_desc'] as const;
export type StaffListSort = (typeof STAFF_LIST_SORTS)[number];

type OrderTerm = [expression: string, direction: 'ASC' | 'DESC', nulls?: 'NULLS LAST'];
const ORDER_BY: Record<StaffListSort, OrderTerm[]> = {
  created_desc: [
    ['r.created_at', 'DESC'],
    ['r.id', 'DESC'],
  ],
  created_asc: [
    ['r.created_at', 'ASC'],
    ['r.id', 'ASC'],
  ],
  // Nearest deadline first: the overdue ones (deadline passed) lead, cases without a deadline come last.
  due_asc: [
    ['r.due_at', 'ASC', 'NULLS LAST'],
    ['r.id', 'ASC'],
  ],
  // Overdue now, longest overdue first; then every other case, newest first.
  overdue_desc: [
    ['CASE WHEN r.due_at < now() THEN r.due_at END', 'ASC', 'NULLS LAST'],
    ['r.created_at', 'DESC'],
    ['r.id', 'DESC'],
  ],
  updated_desc: [
    ['r.updated_at', 'DESC'],
    ['r.id', 'DESC'],
  ],
};

export function orderRegister(qb: SelectQueryBuilder<Report>, sort: StaffListSort = 'created_desc'): void {
  qb.orderBy();
  for (const [expression, direction, nulls] of ORDER_BY[sort]) qb.addOrderBy(expression, direction, nulls);
}

const orderSql = (sort: StaffListSort) =>
  ORDER_BY[sort].map(([expression, direction, nulls]) => `${expression} ${direction}${nulls ? ` ${nulls}` : ''}`);

/** A word of a text search needs this many letters to narrow the trigram index (pg_trgm's unit). */
const INDEXED_WORD = 3;
/** A report's code as the intake makes it (ReportsService.createIn): PA-<year>-<at least 6 digits>. */
const REPORT_CODE = /^PA-\d{4}-\d{6,}$/i;
/**
 * How many cases of the register, in the asked order and with the other filters, a text search reads row by row
 * before it asks the trigram index instead (see searchRegister).
 */
export const SEARCH_WINDOW = 10_000;

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, '\\$&');
const letters = (s: string) => [...s.replace(/\s/g, '')].length;

/** What `q` asks for, as one SQL condition on `reports r` with its named parameters. */
interface SearchCondition {
  sql: string;
  params: Record<string, unknown>;
  /** Words: worth reading the register's newest cases for before the index (common words are). */
  words: boolean;
}

/**
 * The register's search box. `q` is one of:
 * - a report's code: that report, any case;
 * - a phone in any written form: the reports of that phone's account and caller record (the hotline's and Open311's
 *   callers are their reports' reporters: docs/identity.md), only those whose reporter this viewer may see
 *   (reporterVisibleSql: an agency does not find a caller who refused contact by their number);
 * - words: each anywhere in the title, description or address, accents and case ignored ("duong hong" finds
 *   "đường hỏng"), folded by the stored column's own pa_unaccent, the one folding rule. Words of 3 letters or
 *   more go through the trigram index; shorter ones only filter what those find; short words alone are one phrase
 *   ("ổ gà").
 */
async function searchCondition(db: Kysely<Database>, q: string, level: 'centre' | 'agency'): Promise<SearchCondition> {
  if (REPORT_CODE.test(q))
    return { sql: 'r.code = :searchCode', params: { searchCode: q.toUpperCase() }, words: false };
  const phone = normalizeVnMobile(q);
  if (phone) {
    const reporters = (await db.selectFrom('users').select('id').where('phone', '=', phone).execute()).map((u) => u.id);
    return reporters.length
      ? {
          sql: `(r.reporter_id IN (:...searchReporters) AND ${reporterVisibleSql(level, 'r')})`,
          params: { searchReporters: reporters },
          words: false,
        }
      : { sql: 'false', params: {}, words: false };
  }
  const long = (term: string) => letters(term) >= INDEXED_WORD;
  const split = q.split(/\s+/).filter(Boolean);
  const terms = split.some(long) ? split : [q];
  if (!terms.some(long)) {
    throw validationFailed({ fields: { q: [`a word of at least ${INDEXED_WORD} letters, a report code or a phone`] } });
  }
  const params: Record<string, unknown> = {};
  const conditions = terms.map((term, i) => {
    const indexed = long(term);
    params[`searchTerm${i}`] = indexed ? likeEscaped(term) : term;
    return indexed
      ? `r.search_norm LIKE '%' || pa_unaccent(:searchTerm${i}) || '%'`
      : `strpos(r.search_norm, pa_unaccent(:searchTerm${i})) > 0`;
  });
  return { sql: `(${conditions.join(' AND ')})`, params, words: true };
}

export interface RegisterSearchResult {
  /** The page is already chosen: the query builder now selects exactly its reports; this is the total. */
  total?: number;
  /** Whether `total` is exact or a lower bound (docs/api.md#the-register-get-reports). */
  totalExact?: boolean;
}

/**
 * Narrows the staff list's query (its other filters applied) to what `q` finds.
 *
 * Words that many reports contain ("đường", a street's name) are costly through the trigram index: its lists for
 * common trigrams hold a large share of the table, and every match is then read to sort them (seconds on a year
 * of 1,000,000 reports). The page of such a search is near the top of the register's order, so it is read first
 * from the order's own index: the first SEARCH_WINDOW cases of the register in the asked order, each checked
 * for the words. When they hold the whole register (after the filters) or enough matches for the page, that is
 * the page, and the matches among them the total (a lower bound when the register goes on). Otherwise the search
 * is a rare one, and the trigram index finds its few matches faster; the list then pages and counts as usual.
 */
export async function searchRegister(
  db: Kysely<Database>,
  qb: SelectQueryBuilder<Report>,
  q: string,
  level: 'centre' | 'agency',
  sort: StaffListSort = 'created_desc',
  page: PageQuery,
): Promise<RegisterSearchResult> {
  const condition = await searchCondition(db, q, level);
  if (condition.words) {
    const window = qb
      .clone()
      .select('r.id', 'id')
      .addSelect(`row_number() OVER (ORDER BY ${orderSql(sort).join(', ')})`, 'pos')
      .addSelect(condition.sql, 'hit')
      .setParameters(condition.params)
      .offset(undefined)
      .limit(SEARCH_WINDOW);
    orderRegister(window, sort);
    const from = page.offset + 1;
    const to = page.offset + page.pageSize;
    // The page's bounds are integers the code computed, written into the slice as numbers.
    const [found] = await aroundQueryBuilder<{ scanned: number; matches: number; ids: string[] | null }>(
      db,
      window,
      (inner) => `SELECT count(*)::int AS scanned, (count(*) FILTER (WHERE w.hit))::int AS matches,
              (array_agg(w.id ORDER BY w.pos) FILTER (WHERE w.hit))[${from}:${to}] AS ids
         FROM (${inner}) w`,
    );
    const whole = found.scanned < SEARCH_WINDOW;
    if (whole || found.matches >= to) {
      qb.andWhere('r.id = ANY(CAST(:searchPage AS uuid[]))', { searchPage: found.ids ?? [] });
      return { total: found.matches, totalExact: whole };
    }
  }
  qb.andWhere(condition.sql, condition.params);
  return {};
}

import { sql, type RawBuilder } from 'kysely';

/**
 * A new report's code, PA-<local year of `at`>-<number>, as an SQL expression: the number from report_code_seq,
 * padded to six digits and growing past the millionth report (lpad alone would truncate). One place for the
 * intake's insert and the demo seed's (docs/domain.md#channels).
 */
export const nextReportCodeSql = (at: Date): RawBuilder<string> =>
  sql<string>`'PA-' || to_char(${at}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' ||
    (SELECT lpad(n, greatest(6, length(n)), '0') FROM (SELECT nextval('report_code_seq')::text AS n) s)`;

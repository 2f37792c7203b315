import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CompiledQuery, type Database, type Kysely } from '@app/database';

/**
 * Runs a statement around a TypeORM query builder's (the register's filters and order are built with TypeORM's
 * SelectQueryBuilder; its count and its search window read that statement as a subquery). `outer` receives the
 * inner statement's text, whose `$n` TypeORM numbered, and its parameters go with it unchanged: one statement,
 * as before (docs/architecture.md#data-access).
 */
export async function aroundQueryBuilder<Row>(
  db: Kysely<Database>,
  qb: SelectQueryBuilder<ObjectLiteral>,
  outer: (inner: string) => string,
): Promise<Row[]> {
  const [inner, params] = qb.getQueryAndParameters();
  const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(outer(inner), params));
  return rows;
}

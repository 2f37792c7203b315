import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CamelCasePlugin, Kysely } from 'kysely';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { DB } from './schema';
import { TypeOrmDialect } from './typeorm-dialect';

/** Every table and column, generated from the migrated schema (`npm run db:types`; docs/architecture.md#data-access). */
export type Database = DB;

/*
 * The one way the code writes SQL: Kysely over the generated `Database` types, on TypeORM's pool and inside
 * TypeORM's transactions (docs/architecture.md#data-access). Names are camelCase on the TypeScript side and
 * snake_case in Postgres; the CamelCasePlugin maps both ways, in builders and in the rows of raw `sql` (top-level
 * keys only: JSON documents are left as stored).
 */
const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

@Injectable()
export class Db {
  /** Statements outside a transaction: each takes a connection from TypeORM's pool and gives it back. */
  readonly kysely: Kysely<Database>;
  private readonly joined = new WeakMap<QueryRunner, Kysely<Database>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.kysely = new Kysely<Database>({ dialect: new TypeOrmDialect(ds), plugins });
  }

  /**
   * Kysely on the caller's EntityManager: inside its transaction when it holds one (a manager from
   * `DataSource.transaction` or a query runner), else on the pool like `kysely`.
   */
  fromManager(m: EntityManager): Kysely<Database> {
    const runner = m.queryRunner;
    if (!runner) return this.kysely;
    let k = this.joined.get(runner);
    if (!k) {
      k = new Kysely<Database>({ dialect: new TypeOrmDialect(this.ds, runner), plugins });
      this.joined.set(runner, k);
    }
    return k;
  }

  /** One TypeORM transaction, offered both ways: Kysely for SQL, the EntityManager for code that takes one. */
  transaction<T>(work: (trx: Kysely<Database>, m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction((m) => work(this.fromManager(m), m));
  }
}

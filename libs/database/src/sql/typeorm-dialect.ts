import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type Kysely,
} from 'kysely';
import type { DataSource, QueryRunner } from 'typeorm';

/*
 * Kysely's connection to Postgres is TypeORM's: every statement runs through a TypeORM query runner, so it takes a
 * connection from the one pool the DataSource opened, joins the caller's transaction when the query runner holds
 * one, and fails with TypeORM's QueryFailedError (which the logs already redact, libs/common/src/log-privacy.ts).
 * docs/architecture.md#data-access.
 */

/** The statements of one Kysely instance run on `held` (a transaction's query runner) or, without one, each on its own pooled connection. */
export class TypeOrmDialect implements Dialect {
  constructor(
    private readonly ds: DataSource,
    private readonly held?: QueryRunner,
  ) {}

  createDriver(): Driver {
    return new TypeOrmDriver(this.ds, this.held);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class QueryRunnerConnection implements DatabaseConnection {
  constructor(
    readonly runner: QueryRunner,
    readonly owned: boolean,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.runner.query(compiled.sql, [...compiled.parameters], true);
    return {
      rows: (result.records ?? []) as R[],
      numAffectedRows: typeof result.affected === 'number' ? BigInt(result.affected) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not offered through the TypeORM bridge; page with keyset queries instead');
  }
}

class TypeOrmDriver implements Driver {
  constructor(
    private readonly ds: DataSource,
    private readonly held?: QueryRunner,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.held
      ? new QueryRunnerConnection(this.held, false)
      : new QueryRunnerConnection(this.ds.createQueryRunner(), true);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const { runner, owned } = connection as QueryRunnerConnection;
    if (owned) await runner.release();
  }

  // One transaction mechanism, TypeORM's: Db.transaction gives the callback both a Kysely and the EntityManager.
  async beginTransaction(): Promise<void> {
    throw new Error('Use Db.transaction (TypeORM opens the transaction; Kysely joins it)');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('Use Db.transaction');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('Use Db.transaction');
  }

  // The pool belongs to the DataSource, which closes it.
  async destroy(): Promise<void> {}
}

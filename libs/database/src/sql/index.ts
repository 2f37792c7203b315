export * from './db';
export { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';

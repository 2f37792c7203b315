export * from './db';
export * from './report-code';
export { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';

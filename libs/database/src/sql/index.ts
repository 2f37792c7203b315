export * from './db';
export { sql, type Kysely, type RawBuilder } from 'kysely';

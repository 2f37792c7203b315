export * from './db';
export { sql, type Kysely } from 'kysely';

export * from './entities';
export * from './database.module';
export * from './data-source-options';
export * from './entity-sql';
export * from './sql';

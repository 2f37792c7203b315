export * from './entities';
export * from './database.module';
export * from './data-source-options';

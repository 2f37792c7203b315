// Entry point for the TypeORM CLI (`npm run migration:*`). Reads DATABASE_URL only, so migrations can run
// before the rest of the configuration exists.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required to run migrations');

export default new DataSource(dataSourceOptions(url));

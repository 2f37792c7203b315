import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { sql, type RawBuilder } from './sql';

/*
 * What TypeORM does when it selects, updates and hydrates an entity, for the few hot statements written by hand
 * so that a change and its timeline events travel as one statement (one round trip) with the changed row
 * returned, instead of update, insert and re-select. The column names, value conversions and geography
 * handling stay TypeORM's, read from the entity's metadata.
 */

/**
 * The entity's columns for a RETURNING (or SELECT) list of Kysely's `sql` tag, each named by its property (what
 * `hydrate` reads; the CamelCasePlugin leaves such names as they are); geography comes back as GeoJSON, as
 * TypeORM selects it.
 */
export function returningColumns(
  ds: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  alias?: string,
): RawBuilder<unknown> {
  const { driver } = ds;
  const list = ds
    .getMetadata(entity)
    .columns.map((c) => {
      const name = driver.escape(c.databaseName);
      const path = alias ? `${driver.escape(alias)}.${name}` : name;
      const value = driver.spatialTypes.includes(c.type as never) ? `ST_AsGeoJSON(${path})::json` : path;
      return `${value} AS ${driver.escape(c.propertyName)}`;
    })
    .join(', ');
  return sql.raw(list);
}

/** A row of `returningColumns` as the entity TypeORM's find would give. */
export function hydrate<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  raw: Record<string, unknown>,
): T {
  const metadata = ds.getMetadata(entity);
  const row = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.propertyName in raw)
      column.setEntityValue(row, ds.driver.prepareHydratedValue(raw[column.propertyName], column));
  }
  return row;
}

/** `"col" = value, …` for a patch given by property names, values as TypeORM would write them, as parameters. */
export function setClause<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  changes: Partial<T>,
): RawBuilder<unknown> {
  const metadata = ds.getMetadata(entity);
  const sets = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || !column.isUpdate) throw new Error(`${metadata.name}.${property} is not an updatable column`);
      if (ds.driver.spatialTypes.includes(column.type as never))
        throw new Error(`${metadata.name}.${property}: spatial columns are not handled here`);
      return sql`${sql.raw(ds.driver.escape(column.databaseName))} = ${ds.driver.preparePersistentValue(value, column)}`;
    });
  return sql.join(sets);
}

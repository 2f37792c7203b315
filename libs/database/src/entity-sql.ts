import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/*
 * What TypeORM does when it selects, updates and hydrates an entity, for the few hot statements written by hand
 * so that a change and its timeline events travel as one statement (one round trip) with the changed row
 * returned, instead of update, insert and re-select. The column names, value conversions and geography
 * handling stay TypeORM's, read from the entity's metadata.
 */

/** The entity's columns for a RETURNING (or SELECT) list; geography comes back as GeoJSON, as TypeORM selects it. */
export function returningColumns(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string): string {
  const { driver } = ds;
  return ds
    .getMetadata(entity)
    .columns.map((c) => {
      const name = driver.escape(c.databaseName);
      const path = alias ? `${driver.escape(alias)}.${name}` : name;
      return driver.spatialTypes.includes(c.type as never) ? `ST_AsGeoJSON(${path})::json AS ${name}` : path;
    })
    .join(', ');
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
    if (column.databaseName in raw)
      column.setEntityValue(row, ds.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return row;
}

/** `"col" = $n, …` for a patch given by property names, with its parameters numbered from `$first`. */
export function setClause<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  changes: Partial<T>,
  first = 1,
): { sql: string; params: unknown[] } {
  const metadata = ds.getMetadata(entity);
  const params: unknown[] = [];
  const sets = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || !column.isUpdate) throw new Error(`${metadata.name}.${property} is not an updatable column`);
      if (ds.driver.spatialTypes.includes(column.type as never))
        throw new Error(`${metadata.name}.${property}: spatial columns are not handled here`);
      params.push(ds.driver.preparePersistentValue(value, column));
      return `${ds.driver.escape(column.databaseName)} = $${first + params.length - 1}`;
    });
  return { sql: sets.join(', '), params };
}

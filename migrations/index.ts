// The ordered list of migrations, imported explicitly so the same list runs from ts-node, Jest and the build.
import { Extensions1763900000000 } from './1763900000000-extensions';
import { CoreTables1763900000100 } from './1763900000100-core-tables';

export const MIGRATIONS = [Extensions1763900000000, CoreTables1763900000100];

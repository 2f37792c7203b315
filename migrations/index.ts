// The ordered list of migrations, imported explicitly so the same list runs from ts-node, Jest and the build.
import { Extensions1763900000000 } from './1763900000000-extensions';
import { CoreTables1763900000100 } from './1763900000100-core-tables';
import { DeadlineCheckpoints1763900000200 } from './1763900000200-deadline-checkpoints';
import { ReminderLetters1763900000300 } from './1763900000300-reminder-letters';

export const MIGRATIONS = [
  Extensions1763900000000,
  CoreTables1763900000100,
  DeadlineCheckpoints1763900000200,
  ReminderLetters1763900000300,
];

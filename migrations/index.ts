// The ordered list of migrations, imported explicitly so the same list runs from ts-node, Jest and the build.
import { Extensions1763900000000 } from './1763900000000-extensions';
import { CoreTables1763900000100 } from './1763900000100-core-tables';
import { DeadlineCheckpoints1763900000200 } from './1763900000200-deadline-checkpoints';
import { ReminderLetters1763900000300 } from './1763900000300-reminder-letters';
import { DuplicateCandidates1763900000400 } from './1763900000400-duplicate-candidates';
import { Stats1763900000500 } from './1763900000500-stats';
import { Open311Integrations1763900000600 } from './1763900000600-open311';
import { ReportListIndex1763900000700 } from './1763900000700-report-list-index';
import { StatsRollups1763900000800 } from './1763900000800-stats-rollups';
import { DuplicateSearchIndex1763900000900 } from './1763900000900-duplicate-search-index';
import { CallerRecords1763900001000 } from './1763900001000-caller-records';
import { Identity1763900001100 } from './1763900001100-identity';
import { GeneratedStatsFunctions1763900001200 } from './1763900001200-generated-stats-functions';
import { Communes1763900001300 } from './1763900001300-communes';
import { RegisterSearch1763900001500 } from './1763900001500-register-search';
import { ReportAssignee1763900001700 } from './1763900001700-report-assignee';
import { QueueIndexes1763900001800 } from './1763900001800-queue-indexes';
import { StatsRated1763900001900 } from './1763900001900-stats-rated';
import { Delivery1763900002000 } from './1763900002000-delivery';
import { ZaloConversations1763900002100 } from './1763900002100-zalo-conversations';
import { PublicPortal1763900002200 } from './1763900002200-public-portal';
import { AgencyLevels1763900002300 } from './1763900002300-agency-levels';
import { RoutingRules1763900002310 } from './1763900002310-routing-rules';
import { HandDown1763900002320 } from './1763900002320-hand-down';
import { OpenReportsCreated1763900002400 } from './1763900002400-open-reports-created';

export const MIGRATIONS = [
  Extensions1763900000000,
  CoreTables1763900000100,
  DeadlineCheckpoints1763900000200,
  ReminderLetters1763900000300,
  DuplicateCandidates1763900000400,
  Stats1763900000500,
  Open311Integrations1763900000600,
  ReportListIndex1763900000700,
  StatsRollups1763900000800,
  DuplicateSearchIndex1763900000900,
  CallerRecords1763900001000,
  Identity1763900001100,
  GeneratedStatsFunctions1763900001200,
  Communes1763900001300,
  RegisterSearch1763900001500,
  ReportAssignee1763900001700,
  QueueIndexes1763900001800,
  StatsRated1763900001900,
  Delivery1763900002000,
  ZaloConversations1763900002100,
  PublicPortal1763900002200,
  AgencyLevels1763900002300,
  RoutingRules1763900002310,
  HandDown1763900002320,
  OpenReportsCreated1763900002400,
];

import { Agency } from './agency.entity';
import { CalendarException } from './calendar-exception.entity';
import { Category } from './category.entity';
import { HotlineCall } from './hotline-call.entity';
import { ApiKey, Attachment, Device, IdempotencyKey, Notification, ReportFollower } from './misc.entities';
import { RefreshToken } from './refresh-token.entity';
import { ReportEvent } from './report-event.entity';
import { Report } from './report.entity';
import { User } from './user.entity';

export * from './agency.entity';
export * from './calendar-exception.entity';
export * from './category.entity';
export * from './hotline-call.entity';
export * from './misc.entities';
export * from './refresh-token.entity';
export * from './report-event.entity';
export * from './report.entity';
export * from './user.entity';

export const ENTITIES = [
  Agency,
  ApiKey,
  Attachment,
  CalendarException,
  Category,
  Device,
  HotlineCall,
  IdempotencyKey,
  Notification,
  RefreshToken,
  Report,
  ReportEvent,
  ReportFollower,
  User,
];

import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { ApiKeysService } from './api-keys.service';
import { CalendarService } from './calendar.service';
import { CategoriesService } from './categories.service';
import { CommunesService } from './communes.service';

/**
 * Reference data the rest of the system reads: agencies, categories and their SLAs, the calendar, API keys, the
 * communes.
 */
@Module({
  providers: [AgenciesService, ApiKeysService, CalendarService, CategoriesService, CommunesService],
  exports: [AgenciesService, ApiKeysService, CalendarService, CategoriesService, CommunesService],
})
export class ReferenceModule {}

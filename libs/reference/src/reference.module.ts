import { Global, Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { ApiKeysService } from './api-keys.service';
import { CalendarService } from './calendar.service';
import { CategoriesService } from './categories.service';

/** Reference data the rest of the system reads: agencies, categories and their SLAs, the calendar, API keys. */
@Global()
@Module({
  providers: [AgenciesService, ApiKeysService, CalendarService, CategoriesService],
  exports: [AgenciesService, ApiKeysService, CalendarService, CategoriesService],
})
export class ReferenceModule {}

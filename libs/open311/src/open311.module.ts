import { Module } from '@nestjs/common';
import { Open311IntegrationsService } from './open311-integrations.service';
import { Open311RequestsService } from './open311-requests.service';
import { Open311ServicesService } from './open311-services.service';
import { Open311UpdatesService } from './open311-updates.service';

/**
 * The Open311 GeoReport v2 interface for integrations (LGSP, the national PAKN system): a translation layer
 * over reports, categories and API keys, which stay the only owners of their data and rules.
 */
@Module({
  providers: [Open311IntegrationsService, Open311RequestsService, Open311ServicesService, Open311UpdatesService],
  exports: [Open311IntegrationsService, Open311RequestsService, Open311ServicesService, Open311UpdatesService],
})
export class Open311Module {}

import { Module } from '@nestjs/common';
import { ReferenceModule } from '@app/reference';
import { ReportsModule } from '@app/reports';
import { Open311IntegrationsService } from './open311-integrations.service';
import { Open311RequestsService } from './open311-requests.service';
import { Open311ServicesService } from './open311-services.service';
import { Open311UpdatesService } from './open311-updates.service';

/**
 * The Open311 GeoReport v2 interface for integrations (LGSP, the national PAKN system): a translation layer
 * over reports, categories and API keys, which stay the only owners of their data and rules.
 *
 * - Services are the active categories; a category's `attributes` are the service definition.
 * - POST requests files through ReportsService.createIn with channel `open311`, acting as the API key's
 *   integration user (Open311IntegrationsService). A phone becomes the reporter record (as for hotline
 *   callers); a caller known only by email, device or account id is filed without a reporter.
 * - GET requests and servicerequestupdates read public reports only, through the public report view.
 * - Statuses map to open/closed plus status_notes and detailed_status (open311-status.policy.ts).
 * - POST servicerequestupdates adds a public note on a request the same key filed (Open311UpdatesService).
 */
@Module({
  imports: [ReferenceModule, ReportsModule],
  providers: [Open311IntegrationsService, Open311RequestsService, Open311ServicesService, Open311UpdatesService],
  exports: [Open311IntegrationsService, Open311RequestsService, Open311ServicesService, Open311UpdatesService],
})
export class Open311Module {}

import { Module } from '@nestjs/common';
import { PortalAssets } from './portal-assets.service';
import { PortalController } from './portal.controller';

/** Serves the built citizens' portal (apps/portal) at / from the API process. */
@Module({ controllers: [PortalController], providers: [PortalAssets] })
export class PortalModule {}

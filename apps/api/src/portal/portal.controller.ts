import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { PortalAssets } from './portal-assets.service';

/**
 * The citizens' portal at the root: its pages (the paths of apps/portal/src/routes.ts, each answered with index.html,
 * the SPA draws the page) and its built files under /assets/. Only these paths: everything else at the root stays
 * the API's (a wrong /api/… path is still a JSON 404, not a page).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class PortalController {
  constructor(private readonly assets: PortalAssets) {}

  @Get(['', 'phan-anh/:code', 'gui-phan-anh', 'theo-doi', 'minh-bach', 'thong-bao-khu-vuc'])
  @Public()
  page(@Res() reply: FastifyReply): void {
    this.assets.site.sendIndex(reply);
  }

  @Get('assets/*')
  @Public()
  file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.assets.site.sendFile(request, reply);
  }
}

import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { notFound } from '@app/common';
import { PortalAssets } from './portal-assets.service';

/** The portal's pages with one path segment (apps/portal/src/main.tsx routes them). */
const PAGES = new Set(['gui-phan-anh', 'theo-doi', 'thong-bao-khu-vuc', 'minh-bach']);

/**
 * The citizens' portal at the root: its pages (each answered with index.html, the SPA draws the page) and its built
 * files under /assets/. Only these paths: every other root path stays the API's (a wrong /api/… is a JSON 404).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class PortalController {
  constructor(private readonly assets: PortalAssets) {}

  @Get()
  @Public()
  home(@Res() reply: FastifyReply): void {
    this.assets.site.sendIndex(reply);
  }

  @Get(':page')
  @Public()
  page(@Param('page') page: string, @Res() reply: FastifyReply): void {
    if (!PAGES.has(page)) throw notFound('Page');
    this.assets.site.sendIndex(reply);
  }

  /** A case's public page, by its code: a link anyone can share. */
  @Get('phan-anh/:code')
  @Public()
  case(@Res() reply: FastifyReply): void {
    this.assets.site.sendIndex(reply);
  }

  @Get('assets/*')
  @Public()
  file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.assets.site.sendFile(request, reply);
  }
}

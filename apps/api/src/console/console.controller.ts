import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { ConsoleAssets } from './console-assets.service';

/**
 * The staff console: static files of the Vite build under /console/, and index.html for any other path below it
 * (the SPA routes its own pages). The files are public; everything they show comes from the authenticated API.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('console')
export class ConsoleController {
  constructor(private readonly assets: ConsoleAssets) {}

  @Get()
  @Public()
  index(@Res() reply: FastifyReply): void {
    this.assets.site.sendIndex(reply);
  }

  @Get('*')
  @Public()
  file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.assets.site.sendFile(request, reply);
  }
}

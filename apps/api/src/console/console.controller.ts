import { extname, normalize } from 'node:path';
import { statSync } from 'node:fs';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { notFound } from '@app/common';
import { ConsoleAssets } from './console-assets.service';

const PREFIX = '/console';

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
    this.sendIndex(reply);
  }

  @Get('*')
  @Public()
  file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const root = this.assets.root;
    if (!root) throw notFound('Console build');
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0].slice(PREFIX.length));
    } catch {
      throw notFound('File');
    }
    const rel = normalize(path).replace(/^[/\\]+/, '');
    if (rel.startsWith('..') || rel.includes('\0')) throw notFound('File');
    if (rel && rel !== 'index.html' && isFile(`${root}/${rel}`)) {
      // Vite names what it builds under assets/ by content hash: cache those forever, the rest briefly.
      const hashed = rel.startsWith('assets/');
      void reply.sendFile(rel, root, { immutable: hashed, maxAge: hashed ? '365d' : '1h', dotfiles: 'deny' });
      return;
    }
    // A missing file (it has an extension) is a 404, not the page: a stale script must not get HTML.
    if (extname(rel)) throw notFound('File');
    this.sendIndex(reply);
  }

  private sendIndex(reply: FastifyReply): void {
    if (!this.assets.indexHtml) throw notFound('Console build');
    void reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', this.assets.csp)
      .send(this.assets.indexHtml);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

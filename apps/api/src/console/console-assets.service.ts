import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run console:build` writes the console: found from the working directory or from this file. */
const CANDIDATES = [
  resolve(process.cwd(), 'apps/console/dist'),
  resolve(__dirname, '../../../console/dist'), // apps/api/src/console (ts-node, jest)
  resolve(__dirname, '../../../../../apps/console/dist'), // dist/apps/api/src/console (compiled)
];

/**
 * The built staff console (static files). Located once at start-up; when there is no build the API runs
 * without it (one log line) and /console/ answers 404.
 */
@Injectable()
export class ConsoleAssets implements OnModuleInit {
  private readonly logger = new Logger('Console');
  root: string | null = null;
  indexHtml: string | null = null;
  csp = '';

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const root = CANDIDATES.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
    if (!root) {
      this.logger.warn('console build not found (run `npm run console:build`): /console/ is not served');
      return;
    }
    this.root = root;
    this.indexHtml = readFileSync(resolve(root, 'index.html'), 'utf8');
    this.csp = consoleCsp(tileOrigin(this.indexHtml));
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Only reply.sendFile (ranges, ETag, 304); the routes are the controller's, with their access rule.
    if (!fastify.hasReplyDecorator('sendFile')) await fastify.register(fastifyStatic, { root, serve: false });
    this.logger.log(`serving the console from ${root} at /console/`);
  }
}

/** The tile server the build was made for (<meta name="pa-tile-url">), as a CSP source; null when absent. */
export function tileOrigin(indexHtml: string): string | null {
  const m = /<meta\s+name="pa-tile-url"\s+content="([^"]*)"/i.exec(indexHtml);
  if (!m) return null;
  const url = m[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  // Leaflet's {s} subdomains become a wildcard host; the other placeholders are in the path.
  const hostTemplate = /^(https?):\/\/([^/]+)/i.exec(url);
  if (!hostTemplate) return null;
  const host = hostTemplate[2].replace(/\{s\}/g, '*');
  if (!/^[a-z0-9*.-]+(:\d+)?$/i.test(host)) return null;
  return `${hostTemplate[1].toLowerCase()}://${host.toLowerCase()}`;
}

/**
 * The page's policy: our own scripts only; inline styles (antd and Leaflet set them); images from us, from
 * data:/blob: (attachments fetched with the bearer token) and from the tile server; socket.io on our origin.
 */
export function consoleCsp(tiles: string | null): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'self'",
    "form-action 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
  ].join('; ');
}

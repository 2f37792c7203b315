import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, normalize, resolve } from 'node:path';
import type { Logger } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '@app/common';

/**
 * One Vite build served by the API (docs/architecture.md#portal): the staff console under /console/ and the
 * citizens' portal at /. Located once at start-up; without a build the API runs without that site (one log line)
 * and its pages answer 404.
 */
export class StaticSite {
  root: string | null = null;
  indexHtml: string | null = null;
  csp = '';

  /**
   * @param name what the log lines call it
   * @param dist the build's folder from the repository root (`apps/console/dist`)
   * @param prefix the URL path the site lives under, without the trailing slash ('' for the root)
   */
  constructor(
    readonly name: string,
    private readonly dist: string,
    private readonly prefix: string,
  ) {}

  async load(fastify: FastifyInstance, logger: Logger): Promise<void> {
    const candidates = [
      resolve(process.cwd(), this.dist),
      resolve(__dirname, '../../../..', this.dist), // apps/api/src/static-site (ts-node, jest)
      resolve(__dirname, '../../../../..', this.dist), // dist/apps/api/src/static-site (compiled)
    ];
    const root = candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
    if (!root) {
      logger.warn(`${this.name} build not found (${this.dist}): ${this.prefix}/ is not served`);
      return;
    }
    this.root = root;
    this.indexHtml = readFileSync(resolve(root, 'index.html'), 'utf8');
    this.csp = siteCsp(tileOrigin(this.indexHtml));
    // Only reply.sendFile (ranges, ETag, 304); the routes are the controllers', with their access rule. A build's
    // Brotli or gzip copy of a file (`app.js.br`, the portal's) goes to a browser that accepts it, else the file.
    if (!fastify.hasReplyDecorator('sendFile'))
      await fastify.register(fastifyStatic, { root, serve: false, preCompressed: true });
    logger.log(`serving the ${this.name} from ${root} at ${this.prefix}/`);
  }

  /** A file of the build, or the page (index.html) for a path without an extension: the app routes its own pages. */
  sendFile(request: FastifyRequest, reply: FastifyReply): void {
    const root = this.root;
    if (!root) throw notFound(`${this.name} build`);
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0].slice(this.prefix.length));
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

  sendIndex(reply: FastifyReply): void {
    if (!this.indexHtml) throw notFound(`${this.name} build`);
    void reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', this.csp)
      .send(this.indexHtml);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
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
 * data:/blob: (attachments fetched with the bearer token, photos previewed before upload) and from the tile server;
 * socket.io on our origin.
 */
export function siteCsp(tiles: string | null): string {
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

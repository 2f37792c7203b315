import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { StaticSite } from '../static-site/static-site';

/** The built citizens' portal (`npm run portal:build`), served at the root. */
@Injectable()
export class PortalAssets implements OnModuleInit {
  readonly site = new StaticSite('portal', 'apps/portal/dist', '');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): Promise<void> {
    return this.site.load(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), new Logger('Portal'));
  }
}

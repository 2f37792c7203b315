import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { StaticSite } from '../static-site/static-site';

/** The built staff console (`npm run console:build`), served under /console/. */
@Injectable()
export class ConsoleAssets implements OnModuleInit {
  readonly site = new StaticSite('console', 'apps/console/dist', '/console');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): Promise<void> {
    return this.site.load(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), new Logger('Console'));
  }
}

import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_RULE, AccessRule } from './access.decorators';

export interface RouteInfo {
  controller: string;
  handler: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
  hasRule: boolean;
}

/** Lists every HTTP route with its access rule; the boot check and the authorisation tests both use it. */
@Injectable()
export class RouteTable {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteInfo[] {
    const out: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, wrapper.metatype]);
        const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
        const own = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, own]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        out.push({ controller: wrapper.metatype.name, handler: name, method, path, rule, hasRule: rule !== undefined });
      }
    }
    return out;
  }
}

/** Refuses to start an app in which a route forgot to say who may call it. */
@Injectable()
export class AccessRulesCheck implements OnApplicationBootstrap {
  constructor(private readonly table: RouteTable) {}

  onApplicationBootstrap(): void {
    const missing = this.table.routes().filter((r) => !r.hasRule);
    if (missing.length) {
      throw new Error(
        `Routes without an access rule (@Public, @Authenticated, @Roles, @ApiKeyAccess): ${missing
          .map((r) => `${r.controller}.${r.handler}`)
          .join(', ')}`,
      );
    }
  }
}

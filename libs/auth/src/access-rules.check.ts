import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_RULE } from './access.decorators';

/** Lists every HTTP route with its access rule; the boot check and the authorisation tests both use it. */
@Injectable()
export class RouteTable {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): Array<{ controller: string; handler: string; hasRule: boolean }> {
    const out: Array<{ controller: string; handler: string; hasRule: boolean }> = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const rule = this.reflector.getAllAndOverride(ACCESS_RULE, [handler, wrapper.metatype]);
        out.push({ controller: wrapper.metatype.name, handler: name, hasRule: rule !== undefined });
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

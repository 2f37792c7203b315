import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { register } from 'prom-client';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@app/auth';
import { InjectRedis } from '@app/queue';

@ApiTags('operations')
@SkipThrottle({ default: true, write: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  /** Ready to serve: Postgres and Redis answer. 503 otherwise, so a load balancer stops sending traffic. */
  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      async () => {
        const check = this.indicator.check('redis');
        try {
          await Promise.race([
            this.redis.ping(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500)),
          ]);
          return check.up();
        } catch (e) {
          return check.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}

/** Prometheus scrape endpoint: process metrics and our own counters. Expose it only on the internal network. */
@SkipThrottle({ default: true, write: true })
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', register.contentType)
  async metrics(@Res({ passthrough: true }) _reply: FastifyReply): Promise<string> {
    return register.metrics();
  }
}

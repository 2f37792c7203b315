import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { register } from 'prom-client';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@app/auth';
import { AppError, notFound } from '@app/common';
import { Env } from '@app/config';
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

/**
 * Prometheus scrape endpoint: process metrics and our own counters. With METRICS_TOKEN set it answers only
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, it is open in development and absent (404) in production.
 * Public to the access-rule guard because the scraper is no user: the token check is here.
 */
@SkipThrottle({ default: true, write: true })
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | null;
  private readonly open: boolean;

  constructor(env: Env) {
    this.expected = env.METRICS_TOKEN ? Buffer.from(`Bearer ${env.METRICS_TOKEN}`) : null;
    this.open = !this.expected && env.NODE_ENV !== 'production';
  }

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', register.contentType)
  async metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!this.open) {
      if (!this.expected) throw notFound('Route');
      const given = Buffer.from(authorization ?? '');
      if (given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
        throw new AppError('UNAUTHENTICATED', 'Metrics need the scrape token');
      }
    }
    return register.metrics();
  }
}

import { getQueueToken } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { QUEUES } from './queues';

/**
 * Stops every queue, letting the jobs in hand finish, before anything they use is closed. Nest closes modules'
 * resources (database pool, Redis clients, Firebase) in onApplicationShutdown, and @nestjs/bull closes the queues
 * in that same phase, in no fixed order: a job in hand could lose its database or its Redis emitter half-way and
 * stay "active" in Redis. beforeApplicationShutdown runs first, for every module. Queue.close is idempotent.
 */
@Injectable()
export class QueueDrain implements BeforeApplicationShutdown {
  constructor(private readonly modules: ModuleRef) {}

  async beforeApplicationShutdown(): Promise<void> {
    const queues = Object.values(QUEUES).map((name) => this.modules.get<Queue>(getQueueToken(name), { strict: false }));
    await Promise.all(queues.map((q) => q.close()));
  }
}

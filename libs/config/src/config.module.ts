import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env';

/** Provides the validated `Env` everywhere. Loading happens once, when the module is first imported. */
// Global: configuration is infrastructure every provider may read (docs/architecture.md#modules-and-their-dependencies).
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }],
  exports: [Env],
})
export class ConfigModule {}

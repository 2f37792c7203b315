import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env';

/** Provides the validated `Env` everywhere. Loading happens once, when the module is first imported. */
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }],
  exports: [Env],
})
export class ConfigModule {}

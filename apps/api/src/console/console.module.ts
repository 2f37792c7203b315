import { Module } from '@nestjs/common';
import { ConsoleAssets } from './console-assets.service';
import { ConsoleController } from './console.controller';

/** Serves the built staff console (apps/console) under /console/ from the API process. */
@Module({ controllers: [ConsoleController], providers: [ConsoleAssets] })
export class ConsoleModule {}

import { Module } from '@nestjs/common';
import { ZaloModule } from '@app/zalo';
import { ZaloController } from './zalo.controller';

@Module({ imports: [ZaloModule], controllers: [ZaloController] })
export class ZaloApiHttpModule {}

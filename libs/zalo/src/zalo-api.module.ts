import { Module } from '@nestjs/common';
import { ZaloApi } from './zalo-api';

/** The OA's HTTP client alone: what the Zalo delivery channel needs (libs/notifications/src/channels). */
@Module({ providers: [ZaloApi], exports: [ZaloApi] })
export class ZaloApiModule {}

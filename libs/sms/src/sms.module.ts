import { Module } from '@nestjs/common';
import { Env } from '@app/config';
import { HttpSmsGateway, LogSmsGateway, NoSmsGateway, SmsGateway } from './sms-gateway';

export function smsGatewayFor(env: Env): SmsGateway {
  if (env.SMS_GATEWAY === 'http') return new HttpSmsGateway({ url: env.SMS_HTTP_URL!, token: env.SMS_HTTP_TOKEN! });
  if (env.SMS_GATEWAY === 'log') return new LogSmsGateway();
  return new NoSmsGateway();
}

/** The SMS gateway chosen by SMS_GATEWAY (validated with the environment: libs/config). */
@Module({
  providers: [{ provide: SmsGateway, inject: [Env], useFactory: smsGatewayFor }],
  exports: [SmsGateway],
})
export class SmsModule {}

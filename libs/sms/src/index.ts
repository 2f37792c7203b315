export * from './sms-gateway';
export * from './sms.module';

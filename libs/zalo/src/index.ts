export * from './zalo-api';
export * from './zalo-api.module';
export * from './zalo-conversations.service';
export * from './zalo-events';
export * from './zalo-signature';
export * from './zalo-texts';
export * from './zalo-webhook.service';
export * from './zalo.module';

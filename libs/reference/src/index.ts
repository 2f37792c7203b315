export * from './agencies.service';
export * from './api-keys.service';
export * from './calendar.service';
export * from './categories.service';
export * from './jurisdiction';
export * from './reference-defaults';
export * from './reference.module';

export * from './letters.module';
export * from './overdue.service';
export * from './reminder-letter';
export * from './reminder-letter-pdf';
export * from './reminder-letters.service';
export * from './vietnamese-time';

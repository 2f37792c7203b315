export * from './attachment-variant';
export * from './attachments.module';
export * from './attachments.service';
export * from './file-inspection';
export * from './file-storage';
export * from './image-pool';
export * from './public-copy';

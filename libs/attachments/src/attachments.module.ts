import { Module } from '@nestjs/common';
import { Env } from '@app/config';
import { AttachmentsService } from './attachments.service';
import { FILE_STORAGE, LocalFileStorage } from './file-storage';
import { ImageDecodePool } from './image-pool';

/**
 * Uploads: storage, inspection, public copies (decoded in a bounded pool), claiming and cleanup. Imported by the API
 * (upload and content routes), the reports module (claim) and the worker (cleanup).
 */
@Module({
  providers: [
    // The local disk today; an S3-compatible FileStorage can be swapped in here by configuration later.
    { provide: FILE_STORAGE, inject: [Env], useFactory: (env: Env) => new LocalFileStorage(env.UPLOAD_DIR) },
    ImageDecodePool,
    AttachmentsService,
  ],
  exports: [FILE_STORAGE, AttachmentsService, ImageDecodePool],
})
export class AttachmentsModule {}

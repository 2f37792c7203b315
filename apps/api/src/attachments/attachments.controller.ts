import { Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { ACCEPTED_MIME_TYPES, AttachmentsService, payloadTooLarge } from '@app/attachments';
import { Authenticated, AuthUser, CurrentUser, Public } from '@app/auth';
import { AppError } from '@app/common';
import { Env } from '@app/config';
import { WriteLimited } from '../rate-limits';

// Uploads are the heaviest write a client can make (up to UPLOAD_MAX_BYTES each, re-encoded by sharp), so they
// share the citizen write budget per client instead of the generous global default.
class UploadedAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACCEPTED_MIME_TYPES, description: 'detected from the content, not the file name' })
  mimeType: string;
  @ApiProperty({ description: 'bytes' }) size: number;
  @ApiProperty({ example: '/api/v1/attachments/0b5c…/content' }) url: string;
}

const notAFile = (why: string) => new AppError('VALIDATION_FAILED', why, { fields: { file: [why] } });

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/v1/attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly env: Env,
  ) {}

  @Post()
  @Authenticated()
  @WriteLimited()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'jpeg, png, webp, heic or mp4' } },
    },
  })
  @ApiCreatedResponse({ type: UploadedAttachmentDto, description: "stored; pass `id` in a report's attachmentIds" })
  @ApiPayloadTooLargeResponse({
    description:
      'PAYLOAD_TOO_LARGE: over UPLOAD_MAX_BYTES, or a photo over UPLOAD_MAX_PIXELS (details: maxPixels, width, height), which the app should downscale',
  })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE: too many photos are being processed; retry after the Retry-After header',
  })
  async upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<UploadedAttachmentDto> {
    if (!request.isMultipart()) throw notAFile('send the file as multipart/form-data in the field "file"');
    let part: MultipartFile | undefined;
    let buffer: Buffer;
    try {
      part = await request.file();
      if (!part) throw notAFile('the request has no file part');
      if (part.fieldname !== 'file')
        throw notAFile(`the file must be sent in the field "file", not "${part.fieldname}"`);
      buffer = await part.toBuffer();
    } catch (e) {
      throw this.multipartError(e);
    }
    // Over the multipart limit, the stream stops at the limit and marks the file truncated; never store a part.
    if (part.file.truncated) throw payloadTooLarge(this.env.UPLOAD_MAX_BYTES);
    return this.attachments.upload(user.id, buffer, part.filename);
  }

  @Get(':id/content')
  @Public()
  @ApiOkResponse({
    description:
      'the original or the cleaned copy without metadata, as the `variant` of the attachment in the report view says',
    content: Object.fromEntries(ACCEPTED_MIME_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  async content(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.attachments.open(id, user);
    // The answer depends on who asks (original or public copy): never let a shared cache hand one to another.
    reply.header('Cache-Control', 'private, max-age=300');
    reply.header('Vary', 'Authorization');
    reply.header('X-Content-Type-Options', 'nosniff');
    // Cleaned copies may be embedded by the province's portal on another origin; originals stay same-origin.
    if (file.variant === 'cleaned') reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return new StreamableFile(file.stream, { type: file.mimeType, disposition: 'inline' });
  }

  /** Multipart errors arrive as Fastify errors (413 file too large, 4xx malformed): keep our error codes. */
  private multipartError(e: unknown): unknown {
    if (e instanceof AppError) return e;
    const err = e as { code?: string; statusCode?: number };
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') return payloadTooLarge(this.env.UPLOAD_MAX_BYTES);
    if (typeof err?.statusCode === 'number' && err.statusCode === 413) {
      return new AppError('PAYLOAD_TOO_LARGE', 'Too many parts in the request: send one file in the field "file"');
    }
    if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return notAFile('the multipart body is malformed');
    }
    return e;
  }
}

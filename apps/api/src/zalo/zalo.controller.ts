import { Body, Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { ZALO_SIGNATURE_HEADER, ZaloWebhookService } from '@app/zalo';

class ZaloWebhookAck {
  @ApiProperty({ example: true }) received: boolean;
}

/**
 * The Zalo Official Account's webhook (docs/channels.md#zalo, docs/api.md#zalo). Public, but every request must
 * carry Zalo's signature over its exact bytes and a fresh timestamp; the event is queued and answered at once.
 */
@ApiTags('zalo')
@Controller('api/v1/zalo')
export class ZaloController {
  constructor(private readonly webhook: ZaloWebhookService) {}

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiHeader({
    name: 'X-ZEvent-Signature',
    required: true,
    description: 'mac=sha256(appId + body + timestamp + OA secret key)',
  })
  @ApiOkResponse({ type: ZaloWebhookAck })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED with details.reason: missing_signature, bad_signature, stale_event',
  })
  async receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Body() body: unknown,
    @Headers(ZALO_SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<ZaloWebhookAck> {
    await this.webhook.receive(request.rawBody, body, signature);
    return { received: true };
  }
}

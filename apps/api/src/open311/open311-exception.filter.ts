import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@app/common';
import { CONTENT_TYPES, errorsDocument, O311Format, Open311Error, renderDocument } from '../../../../libs/open311/src';

/** JSON when the URL asks for .json, else XML: the reference format, also for URLs we could not route. */
export const formatOfUrl = (url: string): O311Format => (/\.json$/i.test(url.split('?')[0]) ? 'json' : 'xml');

/**
 * Open311 clients parse `<errors><error><code/><description/></error></errors>` (or its JSON array), not the
 * API's JSON error shape, so errors of the Open311 controller are rendered here, in the format of the URL.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const format = formatOfUrl(request.url);
    const { status, description } = this.toError(exception);
    if (status >= 500) this.logger.error(exception);
    void reply
      .status(status)
      .header('content-type', CONTENT_TYPES[format])
      .send(renderDocument(errorsDocument([{ code: status, description }]), format));
  }

  private toError(exception: unknown): { status: number; description: string } {
    if (exception instanceof Open311Error) return { status: exception.status, description: exception.description };
    if (exception instanceof ThrottlerException)
      return { status: 429, description: 'Too many requests, try again later' };
    if (exception instanceof AppError) {
      // Errors of the shared services (validation, workflow) keep their message and name the offending fields.
      const fields = exception.details?.fields as Record<string, string[]> | undefined;
      const detail = fields
        ? ` (${Object.entries(fields)
            .map(([f, m]) => `${f}: ${m.join(', ')}`)
            .join('; ')})`
        : '';
      return { status: exception.getStatus(), description: `${exception.message}${detail}` };
    }
    if (exception instanceof HttpException) return { status: exception.getStatus(), description: exception.message };
    // Errors raised by Fastify itself (body too large, unsupported content type) carry a 4xx statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, description: (exception as Error).message };
    }
    return { status: 500, description: 'Internal server error' };
  }
}
